#pragma once
// The login handler: sign in, sign out, and My Account (change password).
#include "auth/context.hpp"
#include "fcgi/server.hpp"
#include "login/login_db.hpp"

namespace portico::login {

constexpr int kWindowMinutes = 15;
constexpr int kMaxFailuresPerUser = 10;
constexpr int kMaxFailuresPerAddress = 50;

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
  void check_throttle(const auth::Context& ctx, std::string_view username, std::string_view ip);

  pg::Connection db_;
  auth::Sessions sessions_;
  LoginDb q_;
};

}  // namespace portico::login
