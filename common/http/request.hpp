#pragma once
// The abstract request: FastCGI in production (fcgi_request), in memory in unit tests (memory_request).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portico::http {

class Request {
 public:
  virtual ~Request() = default;
  // A FastCGI/CGI parameter (REQUEST_METHOD, DOCUMENT_URI, QUERY_STRING, HTTP_COOKIE, ...); empty if absent.
  virtual std::string_view param(std::string_view name) const = 0;
  // Reads up to n body bytes; returns 0 once the body is exhausted.
  virtual size_t read(char* buf, size_t n) = 0;
  // Writes raw response bytes (the CGI header block, then the body).
  virtual void write(std::string_view bytes) = 0;

  std::string_view method() const { return param("REQUEST_METHOD"); }
  std::string_view path() const { return param("DOCUMENT_URI"); }  // decoded and normalised by nginx
  std::string_view query() const { return param("QUERY_STRING"); }
  std::string_view host() const { return param("PORTICO_HOST"); }   // nginx $host: lower case, no port
  std::string_view remote_addr() const { return param("REMOTE_ADDR"); }
  // REMOTE_ADDR when it is an IPv4 or IPv6 address (what an inet column takes), else nullopt.
  std::optional<std::string> client_ip() const;
  std::string_view content_type() const { return param("CONTENT_TYPE"); }
  std::string_view cookie_header() const { return param("HTTP_COOKIE"); }
  std::string_view user_agent() const { return param("HTTP_USER_AGENT"); }
  bool is_get() const { return method() == "GET" || method() == "HEAD"; }

  // Declared body length (0 when absent); throws 413 above cap and 400 when malformed.
  size_t content_length(size_t cap) const;
  // The whole body, at most cap bytes (413 above); 400 if the client sent less than it declared.
  std::string body(size_t cap);
};

}  // namespace portico::http
