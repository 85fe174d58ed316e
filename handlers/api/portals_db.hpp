#pragma once
// SQL of portals (/api/v1/portals, SPEC §7). Rows are (id, doc): doc is the portal as JSON text, with
// its process_ids in order and its public url.
#include <cstdint>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::portals_db {

std::span<const pg::Statement> statements();

pg::Result list(pg::Connection& db, int64_t org, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);
// In the caller's transaction, each with its audit row: the portal's own columns (create returns its id;
// update returns nothing when there is no such portal), then its processes (replaced as a whole).
int64_t create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);
bool update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes);
void set_processes(pg::Connection& db, int64_t org, int64_t portal, const nlohmann::json& process_ids);

}  // namespace portico::api::portals_db
