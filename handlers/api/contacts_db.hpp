#pragma once
// SQL of contacts. Rows carry the columns api_view's contact_json reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::contacts_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> kind, status, email, record_ref, q;
  std::optional<int64_t> client_id, group_id;
};

// Up to limit rows with id > after, by id.
pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);
// fields: the output of check_fields for contacts. Both write an audit row in the same statement and
// return the written contact (update: no row when the id is not a contact of this org).
pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);
pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes);

}  // namespace portico::api::contacts_db
