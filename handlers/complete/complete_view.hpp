#pragma once
// Fills the complete handler's templates: a task's response page (by type) and the dead-link page.
#include <string>

#include "http/response.hpp"
#include "tasks/task_form.hpp"

namespace portico::complete {

struct TaskPage {
  std::string org_name;
  std::string title, instructions;
  tasks::FormView form;  // action: the link's own path, /c/<token>
};

http::Response render_task(const TaskPage& page, int status = 200);
// A link that does not work: 404 (not a link we made) or 410 (no longer active, saying why).
http::Response render_dead(const std::string& org_name, const std::string& heading, const std::string& message,
                           int status);

}  // namespace portico::complete
