#include "complete/complete_db.hpp"

#include <array>

#include "crypto/token.hpp"

namespace portico::complete {

namespace {
constexpr std::array<pg::Statement, 3> kList{{
    {"complete.look_up",
     // $1 host, $2 secret hash (bytea). One row when the host has an org; link columns NULL when the
     // org has no such link.
     "SELECT o.id, o.display_name, l.id IS NOT NULL, l.id, l.task_id, l.contact_id, "
     "       CASE WHEN t.state = 'completed' THEN 'completed' WHEN t.state = 'cancelled' THEN 'cancelled' "
     "            WHEN l.dead_reason IS NOT NULL THEN l.dead_reason "
     "            WHEN l.expires_at <= now() THEN 'expired' ELSE 'live' END, "
     "       t.type, t.title, t.instructions, t.spec::text "
     "FROM org_host h JOIN org o ON o.id = h.org_id "
     "LEFT JOIN completion_link l ON l.org_id = o.id AND l.secret_hash = $2::bytea "
     "LEFT JOIN task t ON t.org_id = l.org_id AND t.id = l.task_id "
     "WHERE h.host = $1"},
    {"complete.finish",
     // $1 org, $2 task, $3 link, $4 contact, $5 response (jsonb), $6 client address.
     // The UPDATE of the task decides: of simultaneous submits exactly one finds it open.
     "WITH t AS (UPDATE task SET state = 'completed', completed_at = now(), completed_by = $4, "
     "                  completed_via = 'link', completed_ip = $6::inet, updated_at = now(), "
     "                  response = $5::jsonb || CASE WHEN type = 'signature' THEN jsonb_build_object('signed_at', "
     "                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) ELSE '{}' END "
     "           WHERE org_id = $1 AND id = $2 AND state IN ('new', 'in_progress') "
     "           AND EXISTS (SELECT 1 FROM completion_link l WHERE l.org_id = $1 AND l.id = $3 AND l.task_id = $2 "
     "                       AND l.dead_at IS NULL AND l.expires_at > now()) "
     "           RETURNING id, type), "
     "l AS (UPDATE completion_link SET dead_at = now(), dead_reason = 'completed' "
     "      WHERE org_id = $1 AND task_id IN (SELECT id FROM t) AND dead_at IS NULL), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, detail) "
     "      SELECT $1, t.id, 'completed', $4, jsonb_build_object('via', 'link', 'link_id', $3::bigint) FROM t), "
     "a AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "      SELECT $1, 'contact', $4, 'task.complete', 'task', t.id, "
     "             jsonb_build_object('via', 'link', 'link_id', $3::bigint, 'type', t.type), $6::inet FROM t) "
     "SELECT id FROM t"},
    {"complete.drop_session", "DELETE FROM session WHERE org_id = $1 AND id_hash = $2::bytea"},
}};
}  // namespace

std::span<const pg::Statement> CompleteDb::statements() { return kList; }

std::optional<LinkRow> CompleteDb::look_up(std::string_view host, const std::string& secret_hash) {
  auto r = c_.run("complete.look_up", {host, crypto::to_hex(secret_hash)});
  if (r.empty()) return std::nullopt;
  LinkRow l;
  l.org_id = r.i64(0, 0);
  l.org_name = r.str(0, 1);
  l.found = r.boolean(0, 2);
  if (!l.found) return l;
  l.link_id = r.i64(0, 3);
  l.task_id = r.i64(0, 4);
  l.contact_id = r.i64(0, 5);
  l.state = r.str(0, 6);
  l.type = r.str(0, 7);
  l.title = r.str(0, 8);
  l.instructions = r.str(0, 9);
  l.spec = r.str(0, 10);
  return l;
}

bool CompleteDb::finish(const LinkRow& link, const std::string& response_json, std::string_view ip) {
  std::optional<std::string> addr;
  if (!ip.empty()) addr = std::string(ip);
  auto r = c_.run("complete.finish", {link.org_id, link.task_id, link.link_id, link.contact_id, response_json, addr});
  return !r.empty();
}

void CompleteDb::drop_session(int64_t org, const std::string& id_hash_hex) {
  c_.run("complete.drop_session", {org, id_hash_hex});
}

}  // namespace portico::complete
