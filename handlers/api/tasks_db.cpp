#include "tasks_db.hpp"

#include <array>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "crypto/token.hpp"
#include "sql_fragments.hpp"

namespace portico::api::tasks_db {

namespace {
// The task JSON's columns, for a row t of task.
#define TASK_COLUMNS                                                                                     \
  "t.id, t.type, t.title, t.instructions, t.spec::text AS spec, t.assignee_contact_id AS contact_id, "    \
  "t.assignee_group_id AS group_id, t.state, t.taken_by, " PORTICO_API_ISO_UTC("t.taken_at") " AS taken_at, " \
  "t.completed_by, " PORTICO_API_ISO_UTC("t.completed_at") " AS completed_at, t.completed_via, "          \
  PORTICO_API_ISO_UTC("t.due_at") " AS due_at, " PORTICO_API_ISO_UTC("t.created_at") " AS created_at, "    \
  PORTICO_API_ISO_UTC("t.updated_at") " AS updated_at"

#define OPEN_STATES "('new', 'in_progress')"

constexpr std::array<pg::Statement, 14> kList{{
    {"tasks.list",
     // $1 org, $2 after, $3 limit, $4 state, $5 type, $6 contact, $7 group (NULL: not filtered).
     "SELECT " TASK_COLUMNS " FROM task t "
     "WHERE t.org_id = $1 AND t.id > $2 "
     "AND ($4::text IS NULL OR t.state = $4) AND ($5::text IS NULL OR t.type = $5) "
     "AND ($6::bigint IS NULL OR t.assignee_contact_id = $6) AND ($7::bigint IS NULL OR t.assignee_group_id = $7) "
     "ORDER BY t.id LIMIT $3", pg::Plan::per_call},
    {"tasks.get",
     "SELECT " TASK_COLUMNS ", t.response::text AS response, "
     "coalesce((SELECT json_agg(json_build_object('id', e.id, 'at', " PORTICO_API_ISO_UTC("e.at") ", "
     "          'kind', e.kind, 'contact_id', e.contact_id, 'actor_key', e.actor_key, 'detail', e.detail) "
     "          ORDER BY e.id) FROM task_event e WHERE e.org_id = t.org_id AND e.task_id = t.id), '[]')::text "
     "  AS history, "
     // Never the secret hash: staff see who has a link and whether it still works.
     "coalesce((SELECT json_agg(json_build_object('id', l.id, 'contact_id', l.contact_id, "
     "          'created_at', " PORTICO_API_ISO_UTC("l.created_at") ", "
     "          'expires_at', " PORTICO_API_ISO_UTC("l.expires_at") ", "
     "          'dead_at', " PORTICO_API_ISO_UTC("l.dead_at") ", 'dead_reason', l.dead_reason) ORDER BY l.id) "
     "          FROM completion_link l WHERE l.org_id = t.org_id AND l.task_id = t.id), '[]')::text AS links "
     "FROM task t WHERE t.org_id = $1 AND t.id = $2"},
    {"tasks.org", "SELECT display_name, base_url FROM org WHERE id = $1"},
    {"tasks.contact_status", "SELECT status FROM contact WHERE org_id = $1 AND id = $2"},
    {"tasks.group_kind", "SELECT kind FROM contact_group WHERE org_id = $1 AND id = $2"},
    {"tasks.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "t AS (INSERT INTO task (org_id, type, title, instructions, spec, assignee_contact_id, assignee_group_id, "
     "                        due_at, created_by_key) "
     "      SELECT $1, f->>'type', f->>'title', coalesce(f->>'instructions', ''), coalesce(f->'spec', '{}'), "
     "             (f->>'contact_id')::bigint, (f->>'group_id')::bigint, (f->>'due_at')::timestamptz, $2 "
     "      FROM input RETURNING *), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, actor_key, detail) "
     "      SELECT $1, t.id, 'assigned', t.assignee_contact_id, $2, "
     "             jsonb_strip_nulls(jsonb_build_object('contact_id', t.assignee_contact_id, "
     "                                                  'group_id', t.assignee_group_id)) FROM t), "
     PORTICO_API_AUDIT("task.create", "task", "t") " "
     "SELECT " TASK_COLUMNS " FROM t"},
    {"tasks.recipients",
     // The way in, in this order: an external assignee (not suspended) is always notified in the portal;
     // a member of a one_time group without an active account gets a link; an active or invited account
     // gets the portal notification; a suspended account gets nothing; anyone else gets a link (they
     // have no other way in).
     "WITH t AS (SELECT assignee_contact_id, assignee_group_id FROM task WHERE org_id = $1 AND id = $2), "
     "who AS (SELECT assignee_contact_id AS contact_id FROM t WHERE assignee_contact_id IS NOT NULL "
     "        UNION SELECT m.contact_id FROM group_member m JOIN t ON m.group_id = t.assignee_group_id "
     "        WHERE m.org_id = $1) "
     "SELECT c.id, c.name, c.email, "
     "  CASE WHEN a.external_assignee AND a.state <> 'suspended' THEN 'portal' "
     "       WHEN coalesce(a.state, '') <> 'active' AND EXISTS (SELECT 1 FROM group_member m "
     "              JOIN contact_group g ON g.org_id = m.org_id AND g.id = m.group_id "
     "              WHERE m.org_id = c.org_id AND m.contact_id = c.id AND g.auth_mode = 'one_time') THEN 'link' "
     "       WHEN a.state IN ('active', 'invited') THEN 'portal' "
     "       WHEN a.state = 'suspended' THEN 'none' ELSE 'link' END "
     "FROM who JOIN contact c ON c.org_id = $1 AND c.id = who.contact_id "
     "LEFT JOIN account a ON a.org_id = c.org_id AND a.contact_id = c.id "
     "WHERE c.status = 'active' ORDER BY c.id"},
    {"tasks.issue_link",
     "INSERT INTO completion_link (org_id, task_id, contact_id, secret_hash, expires_at) "
     "SELECT $1, $2, $3, $4::bytea, now() + o.link_ttl FROM org o WHERE o.id = $1 "
     "RETURNING id, to_char(expires_at AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY HH24:MI \"UTC\"')"},
    {"tasks.revoke_links",
     "UPDATE completion_link SET dead_at = now(), dead_reason = 'revoked' "
     "WHERE org_id = $1 AND task_id = $2 AND contact_id = $3 AND dead_at IS NULL RETURNING id"},
    {"tasks.cancel_links",
     "UPDATE completion_link SET dead_at = now(), dead_reason = 'cancelled' "
     "WHERE org_id = $1 AND task_id = $2 AND dead_at IS NULL RETURNING id"},
    {"tasks.event",
     "INSERT INTO task_event (org_id, task_id, kind, contact_id, actor_key, detail) "
     "VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id"},
    {"tasks.state",
     // Locks the task row: staff changes of one task (cancel, resend) take turns, and every route locks
     // a task before its links (completing through /c/ does too), so none can deadlock with another.
     "SELECT state FROM task WHERE org_id = $1 AND id = $2 FOR UPDATE"},
    {"tasks.cancel",
     // $5 task. The state is checked again on the row the UPDATE locks.
     "WITH t AS (UPDATE task SET state = 'cancelled', updated_at = now() "
     "           WHERE org_id = $1 AND id = $5 AND state IN " OPEN_STATES " RETURNING id), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, actor_key, detail) "
     "      SELECT $1, t.id, 'cancelled', $2, $4::jsonb FROM t), "
     PORTICO_API_AUDIT("task.cancel", "task", "t") " "
     "SELECT id FROM t"},
    {"tasks.audit_resend",
     "WITH t AS (UPDATE task SET updated_at = now() "
     "           WHERE org_id = $1 AND id = $5 AND state IN " OPEN_STATES " RETURNING id), "
     PORTICO_API_AUDIT("task.resend", "task", "t") " "
     "SELECT id FROM t"},
}};

#undef OPEN_STATES
#undef TASK_COLUMNS

Way way_of(std::string_view s) {
  if (s == "link") return Way::link;
  if (s == "portal") return Way::portal;
  return Way::none;
}
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("tasks.list", {org, after, limit, f.state, f.type, f.contact_id, f.group_id});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("tasks.get", {org, id}); }

Org org(pg::Connection& db, int64_t org) {
  pg::Result r = db.run("tasks.org", {org});
  if (r.empty()) throw std::runtime_error("the caller's org is gone");
  return {r.str(0, 0), r.str(0, 1)};
}

std::optional<std::string> contact_status(pg::Connection& db, int64_t org, int64_t contact) {
  pg::Result r = db.run("tasks.contact_status", {org, contact});
  if (r.empty()) return std::nullopt;
  return r.str(0, 0);
}

std::optional<std::string> group_kind(pg::Connection& db, int64_t org, int64_t group) {
  pg::Result r = db.run("tasks.group_kind", {org, group});
  if (r.empty()) return std::nullopt;
  return r.str(0, 0);
}

pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("tasks.create", {who.org_id, who.key_id, who.ip, fields.dump()});
}

std::vector<Recipient> recipients(pg::Connection& db, int64_t org, int64_t task) {
  pg::Result r = db.run("tasks.recipients", {org, task});
  std::vector<Recipient> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.str(i, 1), r.str(i, 2), way_of(r.view(i, 3))});
  return out;
}

IssuedLink issue_link(pg::Connection& db, int64_t org, int64_t task, int64_t contact, const std::string& secret_hash) {
  pg::Result r = db.run("tasks.issue_link", {org, task, contact, crypto::to_hex(secret_hash)});
  return {r.i64(0, 0), r.str(0, 1)};
}

int64_t revoke_links(pg::Connection& db, int64_t org, int64_t task, int64_t contact) {
  return db.run("tasks.revoke_links", {org, task, contact}).rows();
}

int64_t cancel_links(pg::Connection& db, int64_t org, int64_t task) {
  return db.run("tasks.cancel_links", {org, task}).rows();
}

int64_t event(pg::Connection& db, const Caller& who, int64_t task, const std::string& kind,
              std::optional<int64_t> contact, const nlohmann::json& detail) {
  return db.run("tasks.event", {who.org_id, task, kind, contact, who.key_id, detail.dump()}).i64(0, 0);
}

std::optional<std::string> state(pg::Connection& db, int64_t org, int64_t task) {
  pg::Result r = db.run("tasks.state", {org, task});
  if (r.empty()) return std::nullopt;
  return r.str(0, 0);
}

bool cancel(pg::Connection& db, const Caller& who, int64_t task, const nlohmann::json& detail) {
  return !db.run("tasks.cancel", {who.org_id, who.key_id, who.ip, detail.dump(), task}).empty();
}

bool audit_resend(pg::Connection& db, const Caller& who, int64_t task, const nlohmann::json& detail) {
  return !db.run("tasks.audit_resend", {who.org_id, who.key_id, who.ip, detail.dump(), task}).empty();
}

}  // namespace portico::api::tasks_db
