#include "portal/tasks_db.hpp"

#include <array>

#include "tasks/visible_db.hpp"

namespace portico::portal {

namespace {
// What a person reads as a time: UTC, to the minute.
#define SHOWN_TIME(col) "coalesce(to_char(" col " AT TIME ZONE 'UTC', 'DD Mon YYYY HH24:MI \"UTC\"'), '')"


#define ROW_COLUMNS                                                                                    \
  "t.id, t.type, t.title, t.instructions, t.spec::text, t.state, coalesce(g.name, ''), t.taken_by, "  \
  "coalesce(h.name, ''), " SHOWN_TIME("t.taken_at") ", t.completed_by, coalesce(d.name, ''), "         \
  SHOWN_TIME("t.completed_at") ", " SHOWN_TIME("t.due_at") ", " SHOWN_TIME("t.created_at") ", "        \
  "coalesce(t.response::text, ''), t.application_id"

#define ROW_JOINS                                                                                      \
  "LEFT JOIN contact_group g ON g.org_id = t.org_id AND g.id = t.assignee_group_id "                   \
  "LEFT JOIN contact h ON h.org_id = t.org_id AND h.id = t.taken_by "                                  \
  "LEFT JOIN contact d ON d.org_id = t.org_id AND d.id = t.completed_by "

#define LIST(where, order) "SELECT " ROW_COLUMNS " FROM task t " ROW_JOINS "WHERE t.org_id = $1 AND " where " ORDER BY " order " LIMIT 200"

#define OPEN "t.state IN ('new', 'in_progress')"
#define DUE_FIRST "t.due_at NULLS LAST, t.id DESC"
#define LATEST_DONE "t.completed_at DESC, t.id DESC"

// The first eight follow TaskList's order: list() picks its statement by the enum's value.
constexpr std::array<pg::Statement, 12> kList{{
    {"ptasks.open", LIST(OPEN " AND t.type <> 'approval' AND " PORTICO_TASK_VISIBLE, DUE_FIRST)},
    {"ptasks.history", LIST("t.completed_by = $2 AND t.state = 'completed'", LATEST_DONE)},
    {"ptasks.approvals", LIST(OPEN " AND t.type = 'approval' AND " PORTICO_TASK_VISIBLE, DUE_FIRST)},
    {"ptasks.decided", LIST("t.completed_by = $2 AND t.state = 'completed' AND t.type = 'approval'", LATEST_DONE)},
    {"ptasks.mine", LIST("t.state = 'in_progress' AND t.taken_by = $2 AND t.type <> 'approval' AND " PORTICO_TASK_VISIBLE, DUE_FIRST)},
    {"ptasks.fresh", LIST("t.state = 'new' AND t.type <> 'approval' AND " PORTICO_TASK_VISIBLE, DUE_FIRST)},
    {"ptasks.opened", LIST(OPEN " AND t.type <> 'approval' AND " PORTICO_TASK_VISIBLE, DUE_FIRST)},
    {"ptasks.completed",
     LIST("t.completed_by = $2 AND t.state = 'completed' AND t.type <> 'approval'", LATEST_DONE)},
    {"ptasks.get",
     "SELECT " ROW_COLUMNS " FROM task t " ROW_JOINS
     "WHERE t.org_id = $1 AND t.id = $3 AND (" PORTICO_TASK_VISIBLE " OR t.completed_by = $2)"},
    {"ptasks.state",
     "SELECT t.state, t.taken_by, coalesce(h.name, ''), coalesce(d.name, ''), " SHOWN_TIME("t.completed_at") " "
     "FROM task t " ROW_JOINS "WHERE t.org_id = $1 AND t.id = $3 AND (" PORTICO_TASK_VISIBLE " OR t.completed_by = $2)"},
    {"ptasks.take",
     // $1 org, $2 me, $3 task, $4 client address.
     "WITH t AS (UPDATE task t SET state = 'in_progress', taken_by = $2, taken_at = now(), updated_at = now() "
     "           WHERE t.org_id = $1 AND t.id = $3 AND t.state = 'new' AND t.type <> 'approval' AND " PORTICO_TASK_VISIBLE " "
     "           RETURNING t.id), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, detail) "
     "      SELECT $1, t.id, 'taken', $2, '{\"via\": \"portal\"}' FROM t), "
     "a AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "      SELECT $1, 'contact', $2, 'task.take', 'task', t.id, '{}', $4::inet FROM t) "
     "SELECT id FROM t"},
    {"ptasks.complete",
     // $1 org, $2 me, $3 task, $4 response (jsonb), $5 client address.
     "WITH t AS (UPDATE task t SET state = 'completed', completed_at = now(), completed_by = $2, "
     "                  completed_via = 'portal', completed_ip = $5::inet, updated_at = now(), "
     "                  response = $4::jsonb || CASE WHEN t.type = 'signature' THEN jsonb_build_object('signed_at', "
     "                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) ELSE '{}' END "
     "           WHERE t.org_id = $1 AND t.id = $3 "
     "           AND (t.state = 'new' OR (t.state = 'in_progress' AND t.taken_by = $2)) AND " PORTICO_TASK_VISIBLE " "
     "           RETURNING t.id, t.type), "
     "l AS (UPDATE completion_link SET dead_at = now(), dead_reason = 'completed' "
     "      WHERE org_id = $1 AND task_id IN (SELECT id FROM t) AND dead_at IS NULL), "
     "e AS (INSERT INTO task_event (org_id, task_id, kind, contact_id, detail) "
     "      SELECT $1, t.id, 'completed', $2, '{\"via\": \"portal\"}' FROM t), "
     "a AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "      SELECT $1, 'contact', $2, 'task.complete', 'task', t.id, "
     "             jsonb_build_object('via', 'portal', 'type', t.type), $5::inet FROM t) "
     "SELECT id FROM t"},
}};

TaskRow row_of(const pg::Result& r, int i) {
  TaskRow t;
  t.id = r.i64(i, 0);
  t.type = r.str(i, 1);
  t.title = r.str(i, 2);
  t.instructions = r.str(i, 3);
  t.spec = r.str(i, 4);
  t.state = r.str(i, 5);
  t.assigned_to = r.str(i, 6);
  t.taken_by = r.opt_i64(i, 7);
  t.taken_by_name = r.str(i, 8);
  t.taken_at = r.str(i, 9);
  t.completed_by = r.opt_i64(i, 10);
  t.completed_by_name = r.str(i, 11);
  t.completed_at = r.str(i, 12);
  t.due_at = r.str(i, 13);
  t.created_at = r.str(i, 14);
  t.response = r.str(i, 15);
  t.application_id = r.opt_i64(i, 16);
  return t;
}

std::optional<std::string> addr(std::string_view ip) {
  if (ip.empty()) return std::nullopt;
  return std::string(ip);
}
}  // namespace

std::span<const pg::Statement> TasksDb::statements() { return kList; }

std::vector<TaskRow> TasksDb::list(int64_t org, int64_t me, TaskList which) {
  static_assert(static_cast<size_t>(TaskList::completed) == 7);
  auto r = c_.run(kList[static_cast<size_t>(which)].name, {org, me});
  std::vector<TaskRow> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(row_of(r, i));
  return out;
}

std::optional<TaskRow> TasksDb::get(int64_t org, int64_t me, int64_t id) {
  auto r = c_.run("ptasks.get", {org, me, id});
  if (r.empty()) return std::nullopt;
  return row_of(r, 0);
}

TaskState TasksDb::state(int64_t org, int64_t me, int64_t id) {
  auto r = c_.run("ptasks.state", {org, me, id});
  TaskState s;
  if (r.empty()) return s;
  s.found = true;
  s.state = r.str(0, 0);
  s.taken_by = r.opt_i64(0, 1);
  s.taken_by_name = r.str(0, 2);
  s.completed_by_name = r.str(0, 3);
  s.completed_at = r.str(0, 4);
  return s;
}

bool TasksDb::take(int64_t org, int64_t me, int64_t id, std::string_view ip) {
  return !c_.run("ptasks.take", {org, me, id, addr(ip)}).empty();
}

bool TasksDb::complete(int64_t org, int64_t me, int64_t id, const std::string& response_json, std::string_view ip) {
  return !c_.run("ptasks.complete", {org, me, id, response_json, addr(ip)}).empty();
}

}  // namespace portico::portal
