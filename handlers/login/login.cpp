#include "login/login.hpp"

#include "crypto/generated_password.hpp"
#include "crypto/password.hpp"
#include "crypto/token.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "login/forms.hpp"
#include "login/login_view.hpp"

namespace portico::login {

namespace {
constexpr const char* kFailure = "The username or password is incorrect.";

const http::Field kLoginFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"username", "Username", http::Kind::line, 254},
    {"password", "Password", http::Kind::password, 1024},
};
const http::Field kLogoutFields[] = {{"csrf", "The form token", http::Kind::token, 100, false}};
const http::Field kAccountFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"current_password", "Current password", http::Kind::password, 1024},
    {"new_password", "New password", http::Kind::password, 1024},
};

}  // namespace

Login::Login(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), LoginDb::statements(), mail::Outbox::statements(),
                          auth::PasswordLinks::statements()}),
      sessions_(db_, *env.keys),
      q_(db_),
      outbox_(db_, *env.keys),
      links_(db_, *env.keys),
      keys_(*env.keys) {}

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

http::Response Login::sign_in(http::Request& req, auth::Context& ctx) {
  auto fields = http::check(form_body(req), kLoginFields);
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  if (!fields.ok()) return render_login(ctx, {fields["username"], "Enter your username and password."}, 422);

  const std::string& username = fields["username"];
  std::string ip(req.remote_addr());
  check_throttle(ctx, username, ip);

  auto acc = q_.by_username(ctx.org.id, username);
  // Always one Argon2 verify (a dummy one for unknown names), so timing does not tell who has an account.
  bool ok = crypto::verify_credential(keys_, fields["password"], acc ? acc->password_hash : std::nullopt);
  if (!ok || !acc || acc->state != "active") {
    q_.record_failure(ctx.org.id, username, ip);
    return render_login(ctx, {username, kFailure}, 401);
  }

  pg::Transaction tx(db_);
  // A generated first password keeps its keyed hash until its owner replaces it (must_change_password).
  if (!crypto::is_generated_credential(*acc->password_hash) && crypto::needs_rehash(*acc->password_hash))
    q_.store_hash(ctx.org.id, acc->id, crypto::hash_password(fields["password"]));
  sessions_.destroy(ctx);  // a new id at every sign-in: a planted session never becomes authenticated
  std::string sid = sessions_.create(ctx.org, acc->contact_id, acc->id, "full", req);
  q_.record_success(ctx.org.id, *acc, ip);
  tx.commit();

  std::string home = "/";
  if (auto app = q_.latest_application(ctx.org.id, acc->contact_id)) home = "/applications/" + std::to_string(*app);
  auto r = see_other(acc->must_change_password ? "/account" : home);
  r.set("Set-Cookie", session_cookie(sid));
  r.set("Set-Cookie", clear_presession_cookie());
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
  if (!crypto::verify_credential(keys_, fields["current_password"], acc->password_hash)) {
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
