#pragma once
// /api/v1/portals (SPEC §7): a public portal at /p/{slug} offering one process, or several with
// multi_process (the visitor chooses), with the switches registration_enabled, allow_duplicates and
// enabled (off: the slug answers 404), and tags put on every application it starts.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "json_fields.hpp"

namespace portico::api::portals {

constexpr size_t kMaxProcesses = 20;

// The checked body (create: slug, title, process_ids required). Throws 422 naming every bad field.
// The one-process rule (without multi_process, exactly one process) is checked by the caller, on the
// portal as it will be.
nlohmann::json check_input(const nlohmann::json& body, Mode mode);
// Why multi_process and process_ids do not go together, or empty.
std::string process_rule_problem(bool multi_process, size_t processes);

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response update(Call& call, int64_t id);

}  // namespace portico::api::portals
