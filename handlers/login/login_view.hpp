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

http::Response render_login(const auth::Context& ctx, const LoginForm& form, int status = 200);
http::Response render_account(const auth::Context& ctx, const AccountForm& form, int status = 200);

}  // namespace portico::login
