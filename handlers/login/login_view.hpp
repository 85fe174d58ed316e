#pragma once
// Fills the login handler's templates.
#include <string>

#include "auth/context.hpp"
#include "http/response.hpp"

namespace portico::login {

struct LoginForm {
  std::string username;  // echoed back after a failure
  std::string error;
};

struct AccountForm {
  bool done = false;
  std::string current_error, new_error;
};

struct SetPasswordForm {
  std::string heading;  // "Choose your password" or "Choose a new password"
  std::string action;   // the link's own path
  std::string username, new_error;
};

http::Response render_forgot(const auth::Context& ctx, bool sent, const std::string& error, int status = 200);
http::Response render_set_password(const auth::Context& ctx, const SetPasswordForm& form, int status = 200);
// A set-password link that no longer works, saying why (410) or that it is not a link we made (404).
http::Response render_link_dead(const auth::Context& ctx, const std::string& heading, const std::string& message,
                                int status);

http::Response render_login(const auth::Context& ctx, const LoginForm& form, int status = 200);
http::Response render_account(const auth::Context& ctx, const AccountForm& form, int status = 200);

}  // namespace portico::login
