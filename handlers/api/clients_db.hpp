#pragma once
// SQL of clients. Rows carry the columns api_view's client_json reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::clients_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> q, record_ref;
};

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);
// Write with an audit row in the same statement; return the written client (update: none if not found).
pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);
pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes);

}  // namespace portico::api::clients_db
