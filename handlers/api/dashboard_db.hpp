#pragma once
// SQL of the dashboard (/api/v1/dashboard): every contact of the org with its way in, open tasks and last
// activity, one query per page.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "pg/connection.hpp"

namespace portico::api::dashboard_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> kind, status, way_in;
};

// Up to limit contacts with id > after, by id, with the columns api_view's dashboard_json reads.
pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);

}  // namespace portico::api::dashboard_db
