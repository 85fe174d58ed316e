#include "call.hpp"

#include <nlohmann/json.hpp>

#include "http/error.hpp"

namespace portico::api {

http::Response created(const nlohmann::json& body, const std::string& location) {
  http::Response r = http::Response::json(body, 201);
  r.set("Location", location);
  return r;
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
