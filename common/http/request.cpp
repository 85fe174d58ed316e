#include "http/request.hpp"

#include <arpa/inet.h>

#include <charconv>

#include "http/error.hpp"

namespace portico::http {

std::optional<std::string> Request::client_ip() const {
  std::string s(remote_addr());
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1) return s;
  return std::nullopt;
}

size_t Request::content_length(size_t cap) const {
  std::string_view v = param("CONTENT_LENGTH");
  if (v.empty()) return 0;
  size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range) throw payload_too_large("The request body is too large.");
  if (ec != std::errc{} || p != v.data() + v.size()) throw bad_request("The Content-Length header is not a number.");
  if (n > cap) throw payload_too_large("The request body is too large.");
  return n;
}

std::string Request::body(size_t cap) {
  size_t n = content_length(cap);
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    size_t r = read(out.data() + got, n - got);
    if (r == 0) break;
    got += r;
  }
  if (got != n) throw bad_request("The request body ended early.");
  return out;
}

}  // namespace portico::http
