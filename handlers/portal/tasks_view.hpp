#pragma once
// Fills the portal's task templates: the lists (Tasks, History, Approvals, the tasks module) and one
// task's page.
#include <optional>
#include <string>
#include <vector>

#include "auth/context.hpp"
#include "http/response.hpp"
#include "portal/tasks_db.hpp"
#include "tasks/task_form.hpp"

namespace portico::portal {

struct ListSection {
  std::string heading;  // empty: no sub-heading
  std::string empty;    // said when there are no rows
  std::vector<TaskRow> rows;
};

struct ListPage {
  std::string tab;      // tasks, history, approvals, module
  std::string heading;
  std::string list;     // module only: mine, new, opened, completed
  std::vector<ListSection> sections;
};

http::Response render_list(const auth::Context& ctx, const ListPage& page);

struct TaskPageView {
  TaskRow task;
  std::optional<tasks::FormView> form;  // set when this person may answer now
  bool can_take = false;                // an external assignee, on a new task
  std::string notice;                   // why there is no form (held by someone else, cancelled...)
};

http::Response render_task(const auth::Context& ctx, const TaskPageView& view, int status = 200);
// A take or a completion that could not happen: says why, links back to the task. 409.
http::Response render_conflict(const auth::Context& ctx, int64_t task_id, const std::string& message);

// Why the signed-in person cannot act on this task now; empty when they can.
std::string blocked_reason(const TaskRow& t, int64_t me);
std::string type_label(const std::string& type);

}  // namespace portico::portal
