#pragma once
// SQL of applications (/api/v1/applications, SPEC §7), read-only for staff: applicants start them on
// public portals. Rows are (id, doc): doc is the application as JSON text; get adds its steps with
// their answers.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "pg/connection.hpp"

namespace portico::api::applications_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<int64_t> portal_id, process_id, contact_id;
  std::optional<std::string> tag, state;  // state: open (a step is still to do) or completed
};

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);

}  // namespace portico::api::applications_db
