#pragma once
// /api/v1/tasks (SPEC §2): staff assign a task to a contact or a group; assignment notifies every
// recipient in the same transaction (a one-time completion link for one-time contacts and people with no
// other way in, a link to the task in the portal for account holders); list, read, cancel, resend.
#include <cstdint>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "list_query.hpp"

namespace portico::api::tasks {

// The body of POST /tasks: {"type", "title", "instructions"?, "spec"?, "contact_id" | "group_id" (exactly
// one), "due_at"?}. Returns the normalised fields (spec {} when not given); throws 422 validation_failed
// naming every bad field (the spec checked by tasks::spec_problem).
nlohmann::json check_create(const nlohmann::json& body);

// An ISO 8601 date and time with a UTC offset: 2026-12-01T09:30:00Z, 2026-12-01T09:30+01:00, with
// optional seconds and up to 6 fractional digits. A date alone or a time without an offset is refused
// (which day "9:30" means depends on where the reader is).
bool valid_timestamp(std::string_view s);

std::span<const QueryParam> filters();

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response cancel(Call& call, int64_t id);
http::Response resend(Call& call, int64_t id);

}  // namespace portico::api::tasks
