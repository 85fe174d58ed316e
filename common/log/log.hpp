#pragma once
// One line per event on stderr (journald or a file collects it). Text or JSON lines.
#include <string>
#include <string_view>

namespace portico::log {

void set_json(bool json);
void set_program(std::string_view name);

void info(std::string_view message);
void error(std::string_view message);

struct RequestLine {
  std::string_view method;
  std::string_view path;  // already redacted
  int status = 0;
  double duration_ms = 0;
  std::string_view host;  // the Host the request named; may be empty
};
void request(const RequestLine& line);

// Replaces secret path segments (tokens of link routes) so logs never hold them.
std::string redact_path(std::string_view path);

}  // namespace portico::log
