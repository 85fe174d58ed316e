#pragma once
// What a resource handler works with, and the responses and database refusals every resource shares.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "pg/connection.hpp"

namespace portico::api {

struct Call {
  http::Request& req;
  pg::Connection& db;
  const Caller& who;
};

// 201 with the created object and its Location.
http::Response created(const nlohmann::json& body, const std::string& location);

// A constraint whose violation is the caller's mistake, with what to tell them.
struct Refusal {
  std::string_view constraint;  // as PostgreSQL names it
  std::string_view field;
  std::string_view message;
};

// Turns a refused write into the caller's error: a listed unique constraint is a 409 "conflict", a
// listed foreign key a 422; other integrity and data errors are 422 too (validation should have caught
// them, but bad input must never be a 500). Anything else (a lost connection, a bug) is rethrown as is.
[[noreturn]] void throw_refusal(const pg::Error& e, std::span<const Refusal> known);

}  // namespace portico::api
