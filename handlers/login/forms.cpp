#include "login/forms.hpp"

#include "auth/context.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/form.hpp"

namespace portico::login {

namespace {
constexpr size_t kMaxBody = 16 * 1024;
}

std::vector<std::pair<std::string, std::string>> form_body(http::Request& req) {
  return http::read_form(req, kMaxBody, {.max_pairs = 16, .max_key = 32, .max_value = 4096});
}

std::string session_cookie(const std::string& value, int max_age) {
  return http::SetCookie{auth::kSessionCookie, value, max_age}.str();
}

http::Response see_other(std::string where) { return http::Response::redirect(std::move(where)); }

std::string clear_presession_cookie() { return http::SetCookie{auth::kPreSessionCookie, "", 0, true, "Strict"}.str(); }

}  // namespace portico::login
