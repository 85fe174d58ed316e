#pragma once
// Typed HTTP failures. Handlers throw these; the accept loop turns them into a response in one place.
#include <map>
#include <stdexcept>
#include <string>

namespace portico::http {

struct Error : std::runtime_error {
  int status;
  std::string code;                          // stable machine code, e.g. "not_found"
  std::map<std::string, std::string> fields;  // per-field messages for validation failures
  std::map<std::string, std::string> headers;  // e.g. Allow, Retry-After
  Error(int s, std::string c, const std::string& message) : std::runtime_error(message), status(s), code(std::move(c)) {}
};

inline Error bad_request(const std::string& m) { return {400, "bad_request", m}; }
inline Error unauthorized(const std::string& m) { return {401, "unauthorized", m}; }
inline Error forbidden(const std::string& m) { return {403, "forbidden", m}; }
inline Error not_found(const std::string& m = "Not found.") { return {404, "not_found", m}; }
inline Error method_not_allowed(const std::string& allow) {
  Error e{405, "method_not_allowed", "That method is not allowed here."};
  e.headers["Allow"] = allow;
  return e;
}
inline Error conflict(const std::string& m) { return {409, "conflict", m}; }
inline Error gone(const std::string& m) { return {410, "gone", m}; }
inline Error payload_too_large(const std::string& m) { return {413, "payload_too_large", m}; }
inline Error unsupported_media_type(const std::string& m) { return {415, "unsupported_media_type", m}; }
inline Error unprocessable(const std::string& m, std::map<std::string, std::string> fields = {}) {
  Error e{422, "validation_failed", m};
  e.fields = std::move(fields);
  return e;
}
inline Error too_many_requests(const std::string& m, int retry_after_s) {
  Error e{429, "too_many_requests", m};
  e.headers["Retry-After"] = std::to_string(retry_after_s);
  return e;
}
inline Error unavailable(const std::string& m = "The service is briefly unavailable. Please try again shortly.") {
  Error e{503, "unavailable", m};
  e.headers["Retry-After"] = "5";
  return e;
}

const char* reason_phrase(int status);

}  // namespace portico::http
