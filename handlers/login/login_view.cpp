#include "login/login_view.hpp"

#include "auth/page_options.hpp"
#include "tpl/page.hpp"

namespace portico::login {

http::Response render_login(const auth::Context& ctx, const LoginForm& form, int status) {
  tpl::Page page("login/login.tpl", {.title = "Sign in", .org_name = ctx.org.display_name});
  auto& b = page.body();
  b.SetValue("CSRF", ctx.csrf);
  b.SetValue("USERNAME", form.username);
  if (!form.error.empty()) b.SetValueAndShowSection("MESSAGE", form.error, "ERROR");
  return page.render(status);
}

http::Response render_account(const auth::Context& ctx, const AccountForm& form, int status) {
  tpl::Page page("login/account.tpl", auth::page_options(ctx, "My Account", "account"));
  auto& b = page.body();
  b.SetValue("CSRF", ctx.csrf);
  b.SetValue("USERNAME", ctx.who.username);
  if (ctx.who.must_change_password && !form.done) b.ShowSection("MUST_CHANGE");
  if (form.done) b.ShowSection("DONE");
  if (!form.current_error.empty()) b.AddSectionDictionary("CURRENT_ERROR")->SetValue("MESSAGE", form.current_error);
  if (!form.new_error.empty()) b.AddSectionDictionary("NEW_ERROR")->SetValue("MESSAGE", form.new_error);
  return page.render(status);
}

http::Response render_forgot(const auth::Context& ctx, bool sent, const std::string& error, int status) {
  tpl::Page page("login/forgot.tpl", {.title = "Forgotten password", .org_name = ctx.org.display_name});
  page.body().SetValue("CSRF", ctx.csrf);
  if (sent) page.body().ShowSection("SENT");
  if (!error.empty()) page.body().SetValueAndShowSection("MESSAGE", error, "ERROR");
  return page.render(status);
}

http::Response render_set_password(const auth::Context& ctx, const SetPasswordForm& form, int status) {
  tpl::Page page("login/set_password.tpl", {.title = form.heading, .org_name = ctx.org.display_name});
  auto& b = page.body();
  b.SetValue("HEADING", form.heading);
  b.SetValue("ACTION", form.action);
  b.SetValue("CSRF", ctx.csrf);
  b.SetValue("USERNAME", form.username);
  if (!form.new_error.empty()) b.AddSectionDictionary("NEW_ERROR")->SetValue("MESSAGE", form.new_error);
  return page.render(status);
}

http::Response render_link_dead(const auth::Context& ctx, const std::string& heading, const std::string& message,
                                int status) {
  tpl::Page page("login/link_dead.tpl", {.title = heading, .org_name = ctx.org.display_name});
  page.body().SetValue("HEADING", heading);
  page.body().SetValue("MESSAGE", message);
  return page.render(status);
}

}  // namespace portico::login
