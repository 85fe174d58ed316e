#pragma once
// Small helpers shared by the login handler's routes.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace portico::login {

constexpr std::string_view kSetPrefix = "/password/set/";

// The urlencoded form of a POST (16 KiB at most); an empty body is an empty form; 415 for another type.
std::vector<std::pair<std::string, std::string>> form_body(http::Request& req);
// Set-Cookie for the session id; max_age 0 deletes it, -1 makes a browser-session cookie.
std::string session_cookie(const std::string& value, int max_age = -1);
http::Response see_other(std::string where);
// Set-Cookie that ends the pre-session once the person is signed in.
std::string clear_presession_cookie();

}  // namespace portico::login
