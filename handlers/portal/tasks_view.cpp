#include "portal/tasks_view.hpp"

#include <nlohmann/json.hpp>

#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::portal {

namespace {
using nlohmann::json;
using Dict = ctemplate::TemplateDictionary;

json parse(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json() : j;
}

std::string state_label(const TaskRow& t, int64_t me) {
  if (t.state == "new") return "New";
  if (t.state == "in_progress") return t.taken_by == me ? "In progress (you)" : "In progress";
  if (t.state == "completed") return "Completed";
  return "Cancelled";
}

// The facts shown about a task in a list row and at the top of its page.
void facts(Dict& d, const TaskRow& t, int64_t me) {
  d.SetValue("ID", std::to_string(t.id));
  d.SetValue("TASK_TITLE", t.title);
  d.SetValue("TYPE", type_label(t.type));
  d.SetValue("STATE", state_label(t, me));
  d.SetValue("STATE_CLASS", t.state);
  d.SetValue("ASSIGNED", t.assigned_to.empty() ? "You" : t.assigned_to);
  if (!t.due_at.empty()) d.SetValueAndShowSection("DUE_AT", t.due_at, "DUE");
  if (t.taken_by && t.state != "completed")
    d.SetValueAndShowSection("TAKEN_BY", t.taken_by == me ? "You" : t.taken_by_name, "TAKEN");
  if (t.state == "completed") {
    Dict* c = d.AddSectionDictionary("DONE");
    c->SetValue("COMPLETED_BY", t.completed_by == me ? "You" : t.completed_by_name);
    c->SetValue("COMPLETED_AT", t.completed_at);
  }
}

// The form that answers task t, posting to its page. Several on one page keep their ids apart.
tasks::FormView form_for(const TaskRow& t, const std::string& csrf, bool inline_form) {
  return {.action = "/tasks/" + std::to_string(t.id), .csrf = csrf, .type = t.type, .spec = parse(t.spec),
          .id_prefix = inline_form ? "t" + std::to_string(t.id) + "-" : ""};
}
}  // namespace

std::string type_label(const std::string& type) {
  if (type == "single_select") return "Question";
  if (type == "form") return "Form";
  if (type == "signature") return "Signature";
  if (type == "approval") return "Approval";
  return "Task";
}

std::string blocked_reason(const TaskRow& t, int64_t me) {
  if (t.state == "cancelled") return "This task was cancelled. There is nothing more to do.";
  if (t.state == "completed") return "";  // shown as the answer, not as a block
  if (t.state == "in_progress" && t.taken_by != me)
    return (t.taken_by_name.empty() ? std::string("Someone else") : t.taken_by_name) +
           " has taken this task in charge. Only they can complete it now.";
  return "";
}

http::Response render_list(const auth::Context& ctx, const ListPage& p) {
  tpl::Page page("portal/task_list.tpl", auth::page_options(ctx, p.heading, p.tab));
  Dict& b = page.body();
  b.SetValue("HEADING", p.heading);
  if (p.tab == "tasks") b.SetValueAndShowSection("NAME", ctx.who.name, "WELCOME");
  if (p.tab == "module") {
    for (const auto& [id, label] : {std::pair{"mine", "My tasks"}, std::pair{"new", "New"},
                                    std::pair{"opened", "Opened"}, std::pair{"completed", "Completed"}}) {
      Dict* l = b.AddSectionDictionary("LIST");
      l->SetValue("LIST_ID", id);
      l->SetValue("LIST_LABEL", label);
      if (p.list == id) l->ShowSection("LIST_ACTIVE");
    }
    b.ShowSection("LISTS");
  }
  int64_t me = ctx.who.contact_id;
  for (const auto& s : p.sections) {
    Dict* sec = b.AddSectionDictionary("SECTION");
    if (!s.heading.empty()) sec->SetValueAndShowSection("SECTION_HEADING", s.heading, "HAS_HEADING");
    if (s.rows.empty()) sec->SetValueAndShowSection("EMPTY_TEXT", s.empty, "EMPTY");
    else sec->ShowSection("HAS_ROWS");
    for (const auto& t : s.rows) {
      Dict* r = sec->AddSectionDictionary("ROW");
      facts(*r, t, me);
      bool open = t.state == "new" || t.state == "in_progress";
      if (!open || !blocked_reason(t, me).empty()) continue;
      // Actions right in the list: take it in charge (tasks module), or answer it in place when the
      // answer is short (a standard task's resolution, an approval's decision).
      if (p.tab == "module" && t.state == "new" && t.type != "approval") {
        r->AddSectionDictionary("TAKE")->SetValue("CSRF", ctx.csrf);
      }
      if (t.type == "standard" || t.type == "approval") {
        Dict* inl = r->AddSectionDictionary("INLINE");
        inl->SetValue("SUMMARY", t.type == "approval" ? "Approve or reject" : "Complete");
        tasks::add_task_form(*inl, form_for(t, ctx.csrf, true));
      }
    }
  }
  return page.render();
}

http::Response render_task(const auth::Context& ctx, const TaskPageView& v, int status) {
  const TaskRow& t = v.task;
  std::string tab = t.type == "approval" ? "approvals" : t.state == "completed" ? "history" : "tasks";
  tpl::Page page("portal/task.tpl", auth::page_options(ctx, t.title, tab));
  Dict& b = page.body();
  facts(b, t, ctx.who.contact_id);
  if (t.application_id) b.SetValueAndShowSection("APPLICATION_ID", std::to_string(*t.application_id), "IN_APPLICATION");
  else b.ShowSection("NOT_IN_APPLICATION");
  tasks::add_instructions(b, t.instructions);
  if (!v.notice.empty()) b.SetValueAndShowSection("NOTICE_TEXT", v.notice, "NOTICE");
  if (v.can_take) b.AddSectionDictionary("TAKE")->SetValue("CSRF", ctx.csrf);
  if (v.form) tasks::add_task_form(b, *v.form);
  if (t.state == "completed") {
    auto lines = tasks::answer_lines(t.type, parse(t.spec), parse(t.response));
    if (!lines.empty()) {
      Dict* a = b.AddSectionDictionary("ANSWER");
      for (const auto& [label, value] : lines) {
        Dict* l = a->AddSectionDictionary("LINE");
        l->SetValue("LABEL", label);
        l->SetValue("VALUE", value);
      }
    }
  }
  return page.render(status);
}

http::Response render_conflict(const auth::Context& ctx, int64_t task_id, const std::string& message) {
  tpl::Page page("portal/conflict.tpl", auth::page_options(ctx, "This task has changed", "tasks"));
  page.body().SetValue("MESSAGE", message);
  page.body().SetValue("ID", std::to_string(task_id));
  return page.render(409);
}

}  // namespace portico::portal
