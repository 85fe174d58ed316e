#include "http/cookie.hpp"

namespace portico::http {

std::optional<std::string_view> cookie(std::string_view header, std::string_view name) {
  if (header.size() > kMaxCookieHeader) return std::nullopt;
  size_t count = 0, i = 0;
  while (i < header.size() && count < kMaxCookies) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ';')) ++i;
    size_t end = header.find(';', i);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(i, end - i);
    i = end;
    ++count;
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view k = pair.substr(0, eq), v = pair.substr(eq + 1);
    // Optional whitespace around the '=' and at the end (RFC 6265 §5.2: browsers trim it).
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!k.empty() && blank(k.back())) k.remove_suffix(1);
    while (!v.empty() && blank(v.front())) v.remove_prefix(1);
    while (!v.empty() && blank(v.back())) v.remove_suffix(1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string SetCookie::str() const {
  std::string s = name + "=" + value + "; Path=/; Secure";
  if (http_only) s += "; HttpOnly";
  if (!same_site.empty()) s += "; SameSite=" + same_site;
  if (max_age >= 0) s += "; Max-Age=" + std::to_string(max_age);
  return s;
}

}  // namespace portico::http
