#pragma once
// /api/v1/processes (SPEC §7): a process is a named list of steps, each a task template of §2
// ({"type", "title", "instructions"?, "spec"?}, checked as POST /tasks checks a task). Starting the
// process on a public portal copies its steps into the applicant's tasks, so editing a process changes
// only the applications started afterwards.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "json_fields.hpp"

namespace portico::api::processes {

constexpr size_t kMaxSteps = 50;

// The checked body (create: name and steps required). Throws 422 naming every bad field; a step's
// problems are named "steps[i].field".
nlohmann::json check_input(const nlohmann::json& body, Mode mode);

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response update(Call& call, int64_t id);

}  // namespace portico::api::processes
