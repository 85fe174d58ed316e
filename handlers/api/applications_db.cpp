#include "applications_db.hpp"

#include <array>

#include "sql_fragments.hpp"

namespace portico::api::applications_db {

namespace {
// The state is the steps': open while one is new or in progress, then completed.
#define APP_FROM                                                                                      \
  "FROM application a CROSS JOIN LATERAL ("                                                           \
  "  SELECT count(*) FILTER (WHERE t.state IN ('new', 'in_progress')) AS open, "                      \
  "         count(*) FILTER (WHERE t.state = 'completed') AS done, count(*) AS total "                \
  "  FROM task t WHERE t.org_id = a.org_id AND t.application_id = a.id) s "

#define APP_FIELDS                                                                                    \
  "'id', a.id, 'portal_id', a.portal_id, 'process_id', a.process_id, 'contact_id', a.contact_id, "    \
  "'tags', to_json(a.tags), 'state', CASE WHEN s.open > 0 THEN 'open' ELSE 'completed' END, "         \
  "'steps_completed', s.done, 'steps_total', s.total, "                                              \
  "'created_at', " PORTICO_API_ISO_UTC("a.created_at")

constexpr std::array<pg::Statement, 2> kList{{
    {"applications.list",
     // $1 org, $2 after, $3 limit, $4 portal, $5 process, $6 contact, $7 tag, $8 state (NULL: not filtered).
     "SELECT a.id, json_build_object(" APP_FIELDS ")::text AS doc " APP_FROM
     "WHERE a.org_id = $1 AND a.id > $2 AND ($4::bigint IS NULL OR a.portal_id = $4) "
     "AND ($5::bigint IS NULL OR a.process_id = $5) AND ($6::bigint IS NULL OR a.contact_id = $6) "
     "AND ($7::text IS NULL OR a.tags @> ARRAY[$7::text]) "
     "AND ($8::text IS NULL OR (CASE WHEN s.open > 0 THEN 'open' ELSE 'completed' END) = $8) "
     "ORDER BY a.id LIMIT $3", pg::Plan::per_call},
    {"applications.get",
     "SELECT a.id, json_build_object(" APP_FIELDS ", 'steps', coalesce(("
     "  SELECT json_agg(json_build_object('step_no', t.step_no, 'task_id', t.id, 'type', t.type, 'title', t.title, "
     "         'state', t.state, 'completed_at', " PORTICO_API_ISO_UTC("t.completed_at") ", 'response', t.response) "
     "         ORDER BY t.step_no) FROM task t WHERE t.org_id = a.org_id AND t.application_id = a.id), '[]'))::text AS doc "
     APP_FROM "WHERE a.org_id = $1 AND a.id = $2"},
}};
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("applications.list", {org, after, limit, f.portal_id, f.process_id, f.contact_id, f.tag, f.state});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("applications.get", {org, id}); }

}  // namespace portico::api::applications_db
