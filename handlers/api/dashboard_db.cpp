#include "dashboard_db.hpp"

#include <array>

#include "sql_fragments.hpp"

namespace portico::api::dashboard_db {

namespace {
// way_in: an active account first, then an invited one, then membership of a one_time group (SPEC §1:
// a one-time contact), else none (no account, or a suspended one outside one_time groups).
#define WAY_IN                                                                                           \
  "CASE WHEN a.state = 'active' THEN 'full_account' WHEN a.state = 'invited' THEN 'invited' "            \
  "     WHEN EXISTS (SELECT 1 FROM group_member m JOIN contact_group g ON g.org_id = m.org_id AND g.id = m.group_id " \
  "                  WHERE m.org_id = c.org_id AND m.contact_id = c.id AND g.auth_mode = 'one_time') "    \
  "     THEN 'one_time' ELSE 'none' END"

constexpr std::array<pg::Statement, 1> kList{{
    {"dashboard.list",
     // $1 org, $2 after, $3 limit, $4 kind, $5 status, $6 way_in (NULL: not filtered). Every column is a
     // correlated subquery on an index of its table, so a page costs one round trip and no N+1.
     "SELECT * FROM ("
     " SELECT c.id, c.name, c.email, c.kind, c.status, " WAY_IN " AS way_in, "
     "  (SELECT count(*) FROM task t WHERE t.org_id = c.org_id AND t.state IN ('new', 'in_progress') "
     "     AND (t.assignee_contact_id = c.id OR t.assignee_group_id = ANY (ARRAY("
     "          SELECT m.group_id FROM group_member m WHERE m.org_id = c.org_id AND m.contact_id = c.id)))) "
     "   AS open_tasks, "
     "  " PORTICO_API_ISO_UTC("greatest(a.last_login_at, "
     "   (SELECT max(t.completed_at) FROM task t WHERE t.org_id = c.org_id AND t.completed_by = c.id), "
     "   (SELECT max(s.last_seen_at) FROM session s WHERE s.org_id = c.org_id AND s.contact_id = c.id))")
     "   AS last_activity "
     " FROM contact c LEFT JOIN account a ON a.org_id = c.org_id AND a.contact_id = c.id "
     " WHERE c.org_id = $1 AND c.id > $2 "
     " AND ($4::text IS NULL OR c.kind = $4) AND ($5::text IS NULL OR c.status = $5) "
     " ORDER BY c.id"
     ") d WHERE ($6::text IS NULL OR d.way_in = $6) ORDER BY d.id LIMIT $3", pg::Plan::per_call},
}};

#undef WAY_IN
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("dashboard.list", {org, after, limit, f.kind, f.status, f.way_in});
}

}  // namespace portico::api::dashboard_db
