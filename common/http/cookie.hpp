#pragma once
// Cookie header parsing (with caps) and Set-Cookie building.
#include <optional>
#include <string>
#include <string_view>

namespace portico::http {

constexpr size_t kMaxCookieHeader = 8 * 1024;
constexpr size_t kMaxCookies = 50;

// Value of the first cookie called name, or nullopt. A header past the caps is treated as carrying no cookies.
std::optional<std::string_view> cookie(std::string_view header, std::string_view name);

struct SetCookie {
  std::string name, value;
  int max_age = -1;  // -1: a browser-session cookie; 0: delete
  bool http_only = true;
  std::string same_site = "Lax";
  std::string str() const;  // always Secure, Path=/ and no Domain (what the __Host- prefix requires)
};

}  // namespace portico::http
