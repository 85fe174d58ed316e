#include "login/login_view.hpp"

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
  tpl::Page page("login/account.tpl", {.title = "My Account",
                                       .org_name = ctx.org.display_name,
                                       .active = "account",
                                       .nav = tpl::Nav::full,
                                       .external_assignee = ctx.who.external_assignee,
                                       .csrf = ctx.csrf,
                                       .person = ctx.who.name});
  auto& b = page.body();
  b.SetValue("CSRF", ctx.csrf);
  b.SetValue("USERNAME", ctx.who.username);
  if (ctx.who.must_change_password && !form.done) b.ShowSection("MUST_CHANGE");
  if (form.done) b.ShowSection("DONE");
  if (!form.current_error.empty()) b.AddSectionDictionary("CURRENT_ERROR")->SetValue("MESSAGE", form.current_error);
  if (!form.new_error.empty()) b.AddSectionDictionary("NEW_ERROR")->SetValue("MESSAGE", form.new_error);
  return page.render(status);
}

}  // namespace portico::login
