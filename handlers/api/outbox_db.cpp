#include "outbox_db.hpp"

#include <array>

#include "sql_fragments.hpp"

namespace portico::api::outbox_db {

namespace {
#define OUTBOX_COLUMNS                                                                                    \
  "o.id, o.folder, o.to_email, o.to_name, o.contact_id, o.subject, o.state, o.attempts, "                 \
  PORTICO_API_ISO_UTC("o.next_attempt_at") " AS next_attempt_at, o.last_error, "                          \
  PORTICO_API_ISO_UTC("o.created_at") " AS created_at, " PORTICO_API_ISO_UTC("o.sent_at") " AS sent_at"

constexpr std::array<pg::Statement, 3> kList{{
    {"api_outbox.list",
     // $1 org, $2 after, $3 limit, $4 state, $5 to, $6 contact_id, $7 folder (NULL: not filtered).
     "SELECT " OUTBOX_COLUMNS " FROM outbox o "
     "WHERE o.org_id = $1 AND o.id > $2 "
     "AND ($4::text IS NULL OR o.state = $4) "
     "AND ($5::text IS NULL OR lower(o.to_email) = lower($5)) "
     "AND ($6::bigint IS NULL OR o.contact_id = $6) "
     "AND ($7::text IS NULL OR o.folder = $7) "
     "ORDER BY o.id LIMIT $3", pg::Plan::per_call},
    {"api_outbox.get",
     "SELECT " OUTBOX_COLUMNS ", "
     "coalesce((SELECT json_agg(json_build_object('at', " PORTICO_API_ISO_UTC("t.at") ", 'outcome', t.outcome, "
     "                  'smtp_code', t.smtp_code, 'detail', t.detail) ORDER BY t.at) "
     "          FROM outbox_attempt t WHERE t.org_id = o.org_id AND t.outbox_id = o.id), '[]')::text AS attempts_log "
     "FROM outbox o WHERE o.org_id = $1 AND o.id = $2"},
    {"api_outbox.retry",
     // $5 id. The UPDATE re-checks the state on the row it locks: a row that stopped being dead since
     // (another retry) is left alone. A dead row whose body is gone could only die again.
     "WITH cur AS (SELECT state, sealed_body IS NOT NULL AS has_body FROM outbox WHERE org_id = $1 AND id = $5), "
     "o AS (UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, "
     "                        lease_until = NULL "
     "      WHERE org_id = $1 AND id = $5 AND state = 'dead' AND sealed_body IS NOT NULL RETURNING id), "
     PORTICO_API_AUDIT("outbox.retry", "outbox", "o") " "
     "SELECT cur.state, cur.has_body, EXISTS (SELECT 1 FROM o) FROM cur"},
}};

#undef OUTBOX_COLUMNS
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("api_outbox.list", {org, after, limit, f.state, f.to, f.contact_id, f.folder});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("api_outbox.get", {org, id}); }

Retry retry(pg::Connection& db, const Caller& who, int64_t id) {
  pg::Result r = db.run("api_outbox.retry", {who.org_id, who.key_id, who.ip, R"({"state":"pending"})", id});
  if (r.empty()) return {};
  std::string state = r.str(0, 0);
  if (r.boolean(0, 2)) return {Retried::done, state};
  if (state != "dead") return {Retried::not_dead, state};
  if (!r.boolean(0, 1)) return {Retried::no_body, state};
  return {Retried::not_dead, "pending"};  // dead with a body, yet not updated: another retry came first
}

}  // namespace portico::api::outbox_db
