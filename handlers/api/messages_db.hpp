#pragma once
// SQL of get-in-touch messages as staff see them (/api/v1/messages). Rows: id, msg (JSON text).
#include <cstdint>
#include <optional>
#include <span>

#include "pg/connection.hpp"

namespace portico::api::messages_db {

std::span<const pg::Statement> statements();

// Up to limit rows with id > after, by id; contact: only that contact's messages.
pg::Result list(pg::Connection& db, int64_t org, std::optional<int64_t> contact, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);

}  // namespace portico::api::messages_db
