#pragma once
// The login handler: sign in, sign out, and My Account (change password).
#include <chrono>

#include "auth/context.hpp"
#include "auth/password_links.hpp"
#include "fcgi/server.hpp"
#include "login/login_db.hpp"
#include "mail/outbox.hpp"

namespace portico::login {

constexpr int kWindowMinutes = 15;
constexpr int kMaxFailuresPerUser = 10;
constexpr int kMaxFailuresPerAddress = 50;
constexpr int kMaxResetsPerUser = 3;       // e-mails per hour; more requests are answered but send nothing
constexpr int kMaxResetsPerAddress = 20;   // requests per hour from one client address
// The "we have sent a link" answer leaves no sooner than this after the request came: issuing a link and
// queueing its e-mail (four more round trips) would otherwise make a known name measurably slower.
// About one sign-in's Argon2 cost, so a forgot request holds a worker no longer than a sign-in does.
constexpr std::chrono::milliseconds kResetAnswerFloor{40};

class Login final : public fcgi::Worker {
 public:
  explicit Login(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response show_login(const http::Request& req, auth::Context& ctx);
  http::Response sign_in(http::Request& req, auth::Context& ctx);
  http::Response sign_out(http::Request& req, auth::Context& ctx);
  http::Response show_account(auth::Context& ctx);
  http::Response change_password(http::Request& req, auth::Context& ctx);
  http::Response show_forgot(auth::Context& ctx);
  http::Response send_reset(http::Request& req, auth::Context& ctx);
  http::Response show_set_password(std::string_view token, auth::Context& ctx);
  http::Response set_password(http::Request& req, std::string_view token, auth::Context& ctx);
  // The Set-Cookie for a fresh pre-session when the visitor has none (ctx.csrf is then bound to it).
  std::optional<std::string> ensure_presession(auth::Context& ctx);
  void check_throttle(const auth::Context& ctx, std::string_view username, std::string_view ip);

  pg::Connection db_;
  auth::Sessions sessions_;
  LoginDb q_;
  mail::Outbox outbox_;
  auth::PasswordLinks links_;
  const crypto::Keys& keys_;  // for generated first passwords (crypto/generated_password.hpp)
};

}  // namespace portico::login
