#include "call.hpp"

#include <nlohmann/json.hpp>

#include "http/error.hpp"
#include "http/json_input.hpp"

namespace portico::api {

http::Response created(const nlohmann::json& body, const std::string& location) {
  http::Response r = http::Response::json(body, 201);
  r.set("Location", location);
  return r;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

nlohmann::json optional_json_object(http::Request& req) {
  if (req.content_length(http::kMaxJsonBody) == 0) return nlohmann::json::object();
  return http::read_json_object(req);
}

void throw_refusal(const pg::Error& e, std::span<const Refusal> known) {
  using pg::ErrorKind;
  if (e.kind != ErrorKind::unique_violation && e.kind != ErrorKind::foreign_key &&
      e.kind != ErrorKind::check_violation && e.kind != ErrorKind::data)
    throw e;
  for (const auto& k : known) {
    if (e.constraint != k.constraint) continue;
    std::string field(k.field), message = std::string(k.field) + " " + std::string(k.message);
    http::Error out = e.kind == ErrorKind::unique_violation ? http::conflict(message) : http::unprocessable(message);
    out.fields[field] = message;
    throw out;
  }
  throw http::unprocessable("A value was refused as invalid.");
}

}  // namespace portico::api
