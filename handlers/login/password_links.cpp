// Forgotten passwords and set-password links (SPEC §3.3): part of the login handler.
#include <thread>

#include "crypto/password.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "login/forms.hpp"
#include "login/login.hpp"
#include "login/login_view.hpp"

namespace portico::login {

namespace {
const http::Field kForgotFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"username", "Username", http::Kind::line, 254},
};
const http::Field kSetFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"new_password", "New password", http::Kind::password, 1024},
};
}  // namespace

http::Response Login::show_forgot(auth::Context& ctx) {
  auto cookie = ensure_presession(ctx);
  auto r = render_forgot(ctx, false, "");
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Login::send_reset(http::Request& req, auth::Context& ctx) {
  auto answer_at = std::chrono::steady_clock::now() + kResetAnswerFloor;
  auto fields = http::check(form_body(req), kForgotFields);
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  if (!fields.ok()) return render_forgot(ctx, false, "Enter your username.", 422);
  const std::string& username = fields["username"];
  std::string ip(req.remote_addr());
  auto recent = q_.recent_forgot(ctx.org.id, username, ip);
  if (recent.for_address >= kMaxResetsPerAddress)
    throw http::too_many_requests("Too many requests from your network. Please wait an hour and try again.", 3600);

  // The answer is the same whether or not the account exists; only the mail differs.
  pg::Transaction tx(db_);
  q_.record_forgot(ctx.org.id, username, ip);
  auto acc = q_.by_username(ctx.org.id, username);
  if (acc && acc->state != "suspended" && recent.for_user < kMaxResetsPerUser) {
    auto link = links_.issue(ctx.org.id, ctx.org.base_url, acc->id, "reset", auth::kResetLinkHours);
    ctemplate::TemplateDictionary d("password_reset");
    d.SetValue("CONTACT_NAME", acc->name);
    d.SetValue("ORG_NAME", ctx.org.display_name);
    d.SetValue("PORTAL_LINK", ctx.org.base_url);
    d.SetValue("USERNAME", acc->username);
    d.SetValue("SET_PASSWORD_LINK", link.url);
    d.SetValue("EXPIRES", link.expires);
    outbox_.queue("password_reset", d,
                  {.org_id = ctx.org.id,
                   .idempotency_key = "password_link:" + std::to_string(link.id),
                   .contact_id = acc->contact_id,
                   .to = {acc->name, acc->email}});
  }
  tx.commit();
  std::this_thread::sleep_until(answer_at);  // known and unknown names answer after the same time
  return render_forgot(ctx, true, "");
}

namespace {
// Why a link that exists no longer works, in words a person understands.
std::pair<std::string, std::string> dead_link_words(auth::LinkState s) {
  switch (s) {
    case auth::LinkState::used:
      return {"This link has already been used", "Each link to set a password works once, and this one has been used."};
    case auth::LinkState::expired:
      return {"This link has expired", "Links to set a password work for a limited time, and this one has run out."};
    case auth::LinkState::revoked:
      return {"This link has been replaced", "A newer link was sent after this one, so this one no longer works."};
    default:
      return {"This link is not valid", "Check that you copied the whole link from the e-mail."};
  }
}
}  // namespace

http::Response Login::show_set_password(std::string_view token, auth::Context& ctx) {
  auto info = links_.look_up(ctx.org.id, token);
  if (info.state != auth::LinkState::valid) {
    auto [h, m] = dead_link_words(info.state);
    return render_link_dead(ctx, h, m, info.state == auth::LinkState::unknown ? 404 : 410);
  }
  auto cookie = ensure_presession(ctx);
  auto r = render_set_password(ctx, {info.purpose == "welcome" ? "Choose your password" : "Choose a new password",
                                     std::string(kSetPrefix) + std::string(token), info.username, ""});
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Login::set_password(http::Request& req, std::string_view token, auth::Context& ctx) {
  auto fields = http::check(form_body(req), kSetFields);
  auto info = links_.look_up(ctx.org.id, token);  // a dead link changes nothing, so it needs no CSRF check
  if (info.state != auth::LinkState::valid) {
    auto [h, m] = dead_link_words(info.state);
    return render_link_dead(ctx, h, m, info.state == auth::LinkState::unknown ? 404 : 410);
  }
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  SetPasswordForm form{info.purpose == "welcome" ? "Choose your password" : "Choose a new password",
                       std::string(kSetPrefix) + std::string(token), info.username, ""};
  if (!fields.ok()) {
    form.new_error = fields.errors.begin()->second;
    return render_set_password(ctx, form, 422);
  }
  if (auto problem = crypto::password_problem(fields["new_password"],
                                              {info.username, info.email, info.name, ctx.org.display_name})) {
    form.new_error = *problem;
    return render_set_password(ctx, form, 422);
  }
  auto acc = q_.by_id(ctx.org.id, info.account_id);
  if (!acc) throw http::not_found();
  if (acc->state == "suspended") {  // staff closed the account after the link was sent
    auto [h, m] = dead_link_words(auth::LinkState::revoked);
    return render_link_dead(ctx, h, m, 410);
  }
  std::string hash = crypto::hash_password(fields["new_password"]);

  pg::Transaction tx(db_);
  // The conditional UPDATE decides: of simultaneous submits, exactly one gets the account back.
  if (!links_.consume(ctx.org.id, token)) {
    auto [h, m] = dead_link_words(auth::LinkState::used);
    return render_link_dead(ctx, h, m, 410);
  }
  std::string ip(req.remote_addr());
  q_.set_password_from_link(ctx.org.id, acc->id, hash, ip);
  std::string sid = sessions_.create(ctx.org, acc->contact_id, acc->id, "full", req);
  q_.record_success(ctx.org.id, *acc, ip);
  tx.commit();

  auto r = see_other("/");
  r.set("Set-Cookie", session_cookie(sid));
  r.set("Set-Cookie", clear_presession_cookie());
  return r;
}

void Login::check_throttle(const auth::Context& ctx, std::string_view username, std::string_view ip) {
  auto f = q_.recent_failures(ctx.org.id, username, ip, kWindowMinutes);
  if (f.for_user >= kMaxFailuresPerUser || f.for_address >= kMaxFailuresPerAddress)
    throw http::too_many_requests("Too many failed sign-in attempts. Please wait 15 minutes and try again.",
                                  kWindowMinutes * 60);
}

}  // namespace portico::login
