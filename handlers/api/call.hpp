#pragma once
// What a resource handler works with, and the responses and database refusals every resource shares.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "auth/password_links.hpp"
#include "caller.hpp"
#include "crypto/keys.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "mail/mail_template.hpp"
#include "mail/outbox.hpp"
#include "pg/connection.hpp"

namespace portico::api {

// The shipped e-mail templates (templates/mail/<folder>/), read once at start: folder -> its parts.
using ShippedTemplates = std::map<std::string, mail::TemplateText, std::less<>>;

struct Call {
  http::Request& req;
  pg::Connection& db;
  const Caller& who;
  // For the routes that send e-mail (accounts) and show templates; they work on db as well.
  auth::PasswordLinks* links = nullptr;
  mail::Outbox* outbox = nullptr;
  const ShippedTemplates* shipped = nullptr;
  // For the routes that issue signed links themselves (task completion links).
  const crypto::Keys* keys = nullptr;
};

// 201 with the created object and its Location.
http::Response created(const nlohmann::json& body, const std::string& location);
// 204.
http::Response no_content();

// The body of a POST whose fields are all optional: an empty body (no Content-Length, or 0) is {};
// anything else must be a JSON object as http::read_json_object reads it.
nlohmann::json optional_json_object(http::Request& req);

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
