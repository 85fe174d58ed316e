#pragma once
// SQL of /api/v1/autocreate: the per-portal settings, the contacts the job could not act on, and its runs.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::autocreate_db {

std::span<const pg::Statement> statements();

// Columns: enabled, username_format, template, credential_mode, updated_at (null: never saved, the defaults).
pg::Result get(pg::Connection& db, int64_t org, const std::string& portal);
// Saves the given fields over the current ones (or the defaults) with an audit row; the row as get has it.
pg::Result save(pg::Connection& db, const Caller& who, const std::string& portal, const nlohmann::json& fields);
// Contacts left in the queue with a problem: contact_id, reason, detail, queued_at (at most 100).
pg::Result problems(pg::Connection& db, int64_t org, const std::string& portal);
// Runs with id > after, of the given portals (and only portal when set), by id.
pg::Result runs(pg::Connection& db, int64_t org, const std::vector<std::string>& portals,
                const std::optional<std::string>& portal, int64_t after, int limit);

}  // namespace portico::api::autocreate_db
