#pragma once
// SQL of processes (/api/v1/processes, SPEC §7). Rows are (id, doc): doc is the process as JSON text.
#include <cstdint>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::processes_db {

std::span<const pg::Statement> statements();

pg::Result list(pg::Connection& db, int64_t org, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);
// Write with an audit row in the same statement; return the written process (update: none if not found).
pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);
pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes);

}  // namespace portico::api::processes_db
