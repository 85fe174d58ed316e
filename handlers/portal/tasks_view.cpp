#include "portal/tasks_view.hpp"

#include <nlohmann/json.hpp>

#include "auth/page_options.hpp"
#include "portal/conflict.tpl.varnames.h"
#include "portal/task.tpl.varnames.h"
#include "portal/task_list.tpl.varnames.h"
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

// The facts shown about a task in a list row and at the top of its page (task.tpl uses the same names).
void facts(Dict& d, const TaskRow& t, int64_t me) {
  d.SetValue(ktl_ID, std::to_string(t.id));
  d.SetValue(ktl_TASK_TITLE, t.title);
  d.SetValue(ktl_TYPE, type_label(t.type));
  d.SetValue(ktl_STATE, state_label(t, me));
  d.SetValue(ktl_STATE_CLASS, t.state);
  d.SetValue(ktl_ASSIGNED, t.assigned_to.empty() ? "You" : t.assigned_to);
  if (!t.due_at.empty()) d.SetValueAndShowSection(ktl_DUE_AT, t.due_at, ktl_DUE);
  if (t.taken_by && t.state != "completed")
    d.SetValueAndShowSection(ktl_TAKEN_BY, t.taken_by == me ? "You" : t.taken_by_name, ktl_TAKEN);
  if (t.state == "completed") {
    Dict* c = d.AddSectionDictionary(ktl_DONE);
    c->SetValue(ktl_COMPLETED_BY, t.completed_by == me ? "You" : t.completed_by_name);
    c->SetValue(ktl_COMPLETED_AT, t.completed_at);
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
  b.SetValue(ktl_HEADING, p.heading);
  if (p.tab == "tasks") b.SetValueAndShowSection(ktl_NAME, ctx.who.name, ktl_WELCOME);
  if (p.tab == "module") {
    for (const auto& [id, label] : {std::pair{"mine", "My tasks"}, std::pair{"new", "New"},
                                    std::pair{"opened", "Opened"}, std::pair{"completed", "Completed"}}) {
      Dict* l = b.AddSectionDictionary(ktl_LIST);
      l->SetValue(ktl_LIST_ID, id);
      l->SetValue(ktl_LIST_LABEL, label);
      if (p.list == id) l->ShowSection(ktl_LIST_ACTIVE);
    }
    b.ShowSection(ktl_LISTS);
  }
  int64_t me = ctx.who.contact_id;
  for (const auto& s : p.sections) {
    Dict* sec = b.AddSectionDictionary(ktl_SECTION);
    if (!s.heading.empty()) sec->SetValueAndShowSection(ktl_SECTION_HEADING, s.heading, ktl_HAS_HEADING);
    if (s.rows.empty()) sec->SetValueAndShowSection(ktl_EMPTY_TEXT, s.empty, ktl_EMPTY);
    else sec->ShowSection(ktl_HAS_ROWS);
    for (const auto& t : s.rows) {
      Dict* r = sec->AddSectionDictionary(ktl_ROW);
      facts(*r, t, me);
      bool open = t.state == "new" || t.state == "in_progress";
      if (!open || !blocked_reason(t, me).empty()) continue;
      // Actions right in the list: take it in charge (tasks module), or answer it in place when the
      // answer is short (a standard task's resolution, an approval's decision).
      if (p.tab == "module" && t.state == "new" && t.type != "approval") {
        r->AddSectionDictionary(ktl_TAKE)->SetValue(ktl_CSRF, ctx.csrf);
      }
      if (t.type == "standard" || t.type == "approval") {
        Dict* inl = r->AddSectionDictionary(ktl_INLINE);
        inl->SetValue(ktl_SUMMARY, t.type == "approval" ? "Approve or reject" : "Complete");
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
  if (t.application_id) b.SetValueAndShowSection(kt_APPLICATION_ID, std::to_string(*t.application_id), kt_IN_APPLICATION);
  else b.ShowSection(kt_NOT_IN_APPLICATION);
  tasks::add_instructions(b, t.instructions);
  if (!v.notice.empty()) b.SetValueAndShowSection(kt_NOTICE_TEXT, v.notice, kt_NOTICE);
  if (v.can_take) b.AddSectionDictionary(kt_TAKE)->SetValue(kt_CSRF, ctx.csrf);
  if (v.form) tasks::add_task_form(b, *v.form);
  if (t.state == "completed") {
    auto lines = tasks::answer_lines(t.type, parse(t.spec), parse(t.response));
    if (!lines.empty()) {
      Dict* a = b.AddSectionDictionary(kt_ANSWER);
      for (const auto& [label, value] : lines) {
        Dict* l = a->AddSectionDictionary(kt_LINE);
        l->SetValue(kt_LABEL, label);
        l->SetValue(kt_VALUE, value);
      }
    }
  }
  return page.render(status);
}

http::Response render_conflict(const auth::Context& ctx, int64_t task_id, const std::string& message) {
  tpl::Page page("portal/conflict.tpl", auth::page_options(ctx, "This task has changed", "tasks"));
  page.body().SetValue(kc_MESSAGE, message);
  page.body().SetValue(kc_ID, std::to_string(task_id));
  return page.render(409);
}

}  // namespace portico::portal
