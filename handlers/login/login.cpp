#include "login/login.hpp"

#include "crypto/password.hpp"
#include "crypto/token.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "login/login_view.hpp"

namespace portico::login {

namespace {
constexpr size_t kMaxBody = 16 * 1024;
constexpr const char* kFailure = "The username or password is incorrect.";

const http::Field kLoginFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"username", "Username", http::Kind::line, 254},
    {"password", "Password", http::Kind::password, 1024},
};
const http::Field kForgotFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"username", "Username", http::Kind::line, 254},
};
const http::Field kSetFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"new_password", "New password", http::Kind::password, 1024},
};
constexpr std::string_view kSetPrefix = "/password/set/";
const http::Field kLogoutFields[] = {{"csrf", "The form token", http::Kind::token, 100, false}};
const http::Field kAccountFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"current_password", "Current password", http::Kind::password, 1024},
    {"new_password", "New password", http::Kind::password, 1024},
};

std::vector<std::pair<std::string, std::string>> form_body(http::Request& req) {
  if (req.content_length(kMaxBody) == 0) return {};  // an empty POST is an empty form, whatever its type
  std::string_view ct = req.content_type();
  if (ct.substr(0, ct.find(';')) != "application/x-www-form-urlencoded")
    throw http::unsupported_media_type("Send this form as application/x-www-form-urlencoded.");
  return http::parse_urlencoded(req.body(kMaxBody), {.max_pairs = 16, .max_key = 32, .max_value = 4096});
}

std::string session_cookie(const std::string& value, int max_age = -1) {
  return http::SetCookie{auth::kSessionCookie, value, max_age}.str();
}

http::Response see_other(std::string where) { return http::Response::redirect(std::move(where)); }
}  // namespace

Login::Login(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), LoginDb::statements(), mail::Outbox::statements(),
                          auth::PasswordLinks::statements()}),
      sessions_(db_, *env.keys),
      q_(db_),
      outbox_(db_, *env.keys),
      links_(db_, *env.keys) {}

http::Response Login::handle(http::Request& req) {
  auth::Context ctx = sessions_.load(req);
  std::string_view path = req.path(), m = req.method();
  if (path == "/login") {
    if (req.is_get()) return show_login(req, ctx);
    if (m == "POST") return sign_in(req, ctx);
    throw http::method_not_allowed("GET, HEAD, POST");
  }
  if (path == "/logout") {
    if (m == "POST") return sign_out(req, ctx);
    throw http::method_not_allowed("POST");
  }
  if (path == "/password/forgot") {
    if (req.is_get()) return show_forgot(ctx);
    if (m == "POST") return send_reset(req, ctx);
    throw http::method_not_allowed("GET, HEAD, POST");
  }
  if (path.starts_with(kSetPrefix)) {
    std::string_view token = path.substr(kSetPrefix.size());
    if (req.is_get()) return show_set_password(token, ctx);
    if (m == "POST") return set_password(req, token, ctx);
    throw http::method_not_allowed("GET, HEAD, POST");
  }
  if (path == "/account") {
    if (!ctx.who.full()) return see_other("/login");
    if (req.is_get()) return show_account(ctx);
    if (m == "POST") return change_password(req, ctx);
    throw http::method_not_allowed("GET, HEAD, POST");
  }
  throw http::not_found();
}

std::optional<std::string> Login::ensure_presession(auth::Context& ctx) {
  if (!ctx.csrf.empty()) return std::nullopt;
  std::string fresh = crypto::random_token();  // no pre-session yet: bind this form to a new one
  ctx.csrf = sessions_.csrf_for_presession(fresh);
  return http::SetCookie{auth::kPreSessionCookie, fresh, -1, true, "Strict"}.str();
}

http::Response Login::show_login(const http::Request&, auth::Context& ctx) {
  if (ctx.who.full()) return see_other("/");
  auto cookie = ensure_presession(ctx);
  auto r = render_login(ctx, {});
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Login::show_forgot(auth::Context& ctx) {
  auto cookie = ensure_presession(ctx);
  auto r = render_forgot(ctx, false, "");
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Login::send_reset(http::Request& req, auth::Context& ctx) {
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
  r.set("Set-Cookie", http::SetCookie{auth::kPreSessionCookie, "", 0, true, "Strict"}.str());
  return r;
}

void Login::check_throttle(const auth::Context& ctx, std::string_view username, std::string_view ip) {
  auto f = q_.recent_failures(ctx.org.id, username, ip, kWindowMinutes);
  if (f.for_user >= kMaxFailuresPerUser || f.for_address >= kMaxFailuresPerAddress)
    throw http::too_many_requests("Too many failed sign-in attempts. Please wait 15 minutes and try again.",
                                  kWindowMinutes * 60);
}

http::Response Login::sign_in(http::Request& req, auth::Context& ctx) {
  auto fields = http::check(form_body(req), kLoginFields);
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  if (!fields.ok()) return render_login(ctx, {fields["username"], "Enter your username and password."}, 422);

  const std::string& username = fields["username"];
  std::string ip(req.remote_addr());
  check_throttle(ctx, username, ip);

  auto acc = q_.by_username(ctx.org.id, username);
  // Always one Argon2 verify (a dummy one for unknown names), so timing does not tell who has an account.
  bool ok = crypto::verify_password(fields["password"], acc ? acc->password_hash : std::nullopt);
  if (!ok || !acc || acc->state != "active") {
    q_.record_failure(ctx.org.id, username, ip);
    return render_login(ctx, {username, kFailure}, 401);
  }

  pg::Transaction tx(db_);
  if (crypto::needs_rehash(*acc->password_hash)) q_.store_hash(ctx.org.id, acc->id, crypto::hash_password(fields["password"]));
  sessions_.destroy(ctx);  // a new id at every sign-in: a planted session never becomes authenticated
  std::string sid = sessions_.create(ctx.org, acc->contact_id, acc->id, "full", req);
  q_.record_success(ctx.org.id, *acc, ip);
  tx.commit();

  auto r = see_other(acc->must_change_password ? "/account" : "/");
  r.set("Set-Cookie", session_cookie(sid));
  r.set("Set-Cookie", http::SetCookie{auth::kPreSessionCookie, "", 0, true, "Strict"}.str());
  return r;
}

http::Response Login::sign_out(http::Request& req, auth::Context& ctx) {
  auto fields = http::check(form_body(req), kLogoutFields);
  if (ctx.who.signed_in()) {
    auth::Sessions::require_csrf(ctx, fields["csrf"]);
    sessions_.destroy(ctx);
  }
  auto r = see_other("/login");
  r.set("Set-Cookie", session_cookie("", 0));
  return r;
}

http::Response Login::show_account(auth::Context& ctx) { return render_account(ctx, {}); }

http::Response Login::change_password(http::Request& req, auth::Context& ctx) {
  auto fields = http::check(form_body(req), kAccountFields);
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  AccountForm form;
  if (!fields.ok()) {
    if (fields.errors.contains("current_password")) form.current_error = fields.errors.at("current_password");
    if (fields.errors.contains("new_password")) form.new_error = fields.errors.at("new_password");
    return render_account(ctx, form, 422);
  }
  std::string ip(req.remote_addr());
  check_throttle(ctx, ctx.who.username, ip);
  auto acc = q_.by_id(ctx.org.id, *ctx.who.account_id);
  if (!acc) return see_other("/login");
  if (!crypto::verify_password(fields["current_password"], acc->password_hash)) {
    q_.record_failure(ctx.org.id, acc->username, ip);
    form.current_error = "Your current password is not correct.";
    return render_account(ctx, form, 422);
  }
  if (auto problem = crypto::password_problem(fields["new_password"], {acc->username, acc->email, acc->name,
                                                                      ctx.org.display_name, ctx.org.slug})) {
    form.new_error = *problem;
    return render_account(ctx, form, 422);
  }
  std::string hash = crypto::hash_password(fields["new_password"]);
  pg::Transaction tx(db_);
  q_.change_password(ctx.org.id, acc->id, hash, ip);
  sessions_.destroy_others(ctx);
  tx.commit();
  ctx.who.must_change_password = false;
  form.done = true;
  return render_account(ctx, form);
}

}  // namespace portico::login
