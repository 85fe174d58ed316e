#include "complete/complete_view.hpp"

#include "tpl/page.hpp"

namespace portico::complete {

http::Response render_task(const TaskPage& p, int status) {
  tpl::Page page("complete/task.tpl", {.title = p.title, .org_name = p.org_name});
  page.body().SetValue("TITLE", p.title);
  tasks::add_instructions(page.body(), p.instructions);
  tasks::add_task_form(page.body(), p.form);
  return page.render(status);
}

http::Response render_dead(const std::string& org_name, const std::string& heading, const std::string& message,
                           int status) {
  tpl::Page page("complete/link_dead.tpl", {.title = heading, .org_name = org_name});
  page.body().SetValue("HEADING", heading);
  page.body().SetValue("MESSAGE", message);
  return page.render(status);
}

}  // namespace portico::complete
