#include "public/public_view.hpp"

#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::public_portal {

namespace {
using Dict = ctemplate::TemplateDictionary;

tpl::PageOptions signed_out(const auth::Context& ctx, const std::string& title) {
  return {.title = title, .org_name = ctx.org.display_name};
}

tpl::PageOptions signed_in(const auth::Context& ctx, const std::string& title) {
  return auth::page_options(ctx, title, "applications");
}

void field_error(Dict& b, const RegisterForm& f, const std::string& field, const char* section) {
  if (auto it = f.errors.find(field); it != f.errors.end()) b.AddSectionDictionary(section)->SetValue("MESSAGE", it->second);
}

void login_form(Dict& b, const auth::Context& ctx) {
  Dict* d = b.AddIncludeDictionary("LOGIN_FORM");
  d->SetFilename("public/login_form.tpl");
  d->SetValue("CSRF", ctx.csrf);
}

std::string step_state(const std::string& state) {
  if (state == "new") return "To do";
  if (state == "in_progress") return "In progress";
  if (state == "completed") return "Done";
  return "Cancelled";
}

void application_facts(Dict& d, const ApplicationRow& a) {
  d.SetIntValue("APP_ID", a.id);
  d.SetValue("PROCESS_NAME", a.process_name);
  d.SetValue("PORTAL_TITLE", a.portal_title);
  d.SetValue("CREATED_AT", a.created_at);
  d.SetValue("APP_STATE", a.state == "open" ? "In progress" : "Completed");
  d.SetValue("APP_STATE_CLASS", a.state);
  d.SetIntValue("STEPS_DONE", a.steps_done);
  d.SetIntValue("STEPS", a.steps);
}

void switcher(Dict& b, const std::vector<ApplicationRow>& apps, int64_t current) {
  for (const auto& a : apps) {
    Dict* d = b.AddSectionDictionary("SWITCH");
    application_facts(*d, a);
    if (a.id == current) d->ShowSection("CURRENT");
  }
}
}  // namespace

http::Response render_landing(const auth::Context& ctx, const PortalRow& portal,
                              const std::vector<ProcessRow>& processes, const RegisterForm& form, int status) {
  tpl::Page page("public/landing.tpl", signed_out(ctx, portal.title));
  Dict& b = page.body();
  b.SetValue("PORTAL_TITLE", portal.title);
  b.SetValue("SLUG", portal.slug);
  if (!portal.introduction.empty()) b.SetValueAndShowSection("INTRODUCTION", portal.introduction, "INTRO");
  if (!form.error.empty()) b.SetValueAndShowSection("MESSAGE", form.error, "ERROR");
  else if (!form.errors.empty()) b.SetValueAndShowSection("MESSAGE", "Please correct the fields marked below.", "ERROR");

  if (!portal.registration_enabled || processes.empty()) {
    b.ShowSection("LOGIN_ONLY");
    login_form(b, ctx);
    return page.render(status);
  }
  Dict* reg = b.AddSectionDictionary("REGISTER");
  reg->SetValue("SLUG", portal.slug);
  reg->SetValue("CSRF", ctx.csrf);
  reg->SetValue("NAME", form.name);
  reg->SetValue("EMAIL", form.email);
  if (portal.multi_process && processes.size() > 1) {
    Dict* choose = reg->AddSectionDictionary("CHOOSE");
    for (const auto& p : processes) {
      Dict* d = choose->AddSectionDictionary("PROCESS");
      d->SetIntValue("PROCESS_ID", p.id);
      d->SetValue("PROCESS_NAME", p.name);
      if (!p.description.empty()) d->SetValueAndShowSection("DESCRIPTION", p.description, "DESC");
      if (p.id == form.process_id) d->ShowSection("CHECKED");
    }
    field_error(*choose, form, "process_id", "PROCESS_ERROR");
  } else {
    Dict* one = reg->AddSectionDictionary("ONE_PROCESS");
    one->SetIntValue("PROCESS_ID", processes.front().id);
    one->SetValue("PROCESS_NAME", processes.front().name);
    if (!processes.front().description.empty())
      one->SetValueAndShowSection("DESCRIPTION", processes.front().description, "DESC");
    field_error(*one, form, "process_id", "PROCESS_ERROR");
  }
  field_error(*reg, form, "name", "NAME_ERROR");
  field_error(*reg, form, "email", "EMAIL_ERROR");
  field_error(*reg, form, "password", "PASSWORD_ERROR");
  return page.render(status);
}

http::Response render_login(const auth::Context& ctx, const PortalRow& portal) {
  tpl::Page page("public/login.tpl", signed_out(ctx, "Sign in · " + portal.title));
  Dict& b = page.body();
  b.SetValue("PORTAL_TITLE", portal.title);
  b.SetValue("SLUG", portal.slug);
  if (portal.registration_enabled) b.ShowSection("CAN_REGISTER");
  login_form(b, ctx);
  return page.render();
}

http::Response render_duplicate(const auth::Context& ctx, const PortalRow& portal, const std::string& process,
                                int64_t existing) {
  tpl::Page page("public/duplicate.tpl", signed_in(ctx, portal.title));
  Dict& b = page.body();
  b.SetValue("PROCESS_NAME", process);
  b.SetIntValue("EXISTING_ID", existing);
  return page.render(409);
}

http::Response render_applications(const auth::Context& ctx, const std::vector<ApplicationRow>& apps) {
  tpl::Page page("public/applications.tpl", signed_in(ctx, "Your applications"));
  Dict& b = page.body();
  if (apps.empty()) b.ShowSection("NONE");
  for (const auto& a : apps) application_facts(*b.AddSectionDictionary("APP"), a);
  return page.render();
}

http::Response render_application(const auth::Context& ctx, const std::vector<ApplicationRow>& apps,
                                  const ApplicationRow& current, const std::vector<StepRow>& steps) {
  tpl::Page page("public/application.tpl", signed_in(ctx, current.process_name));
  Dict& b = page.body();
  application_facts(b, current);
  if (apps.size() > 1) {
    b.ShowSection("HAS_SWITCHER");
    switcher(b, apps, current.id);
  }
  for (const auto& s : steps) {
    Dict* d = b.AddSectionDictionary("STEP");
    d->SetIntValue("STEP_NO", s.step_no);
    d->SetIntValue("TASK_ID", s.task_id);
    d->SetValue("STEP_TITLE", s.title);
    d->SetValue("STEP_STATE", step_state(s.state));
    d->SetValue("STEP_STATE_CLASS", s.state);
    if (!s.completed_at.empty()) d->SetValueAndShowSection("COMPLETED_AT", s.completed_at, "DONE");
  }
  return page.render();
}

}  // namespace portico::public_portal
