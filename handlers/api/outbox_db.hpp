#pragma once
// SQL of the outbox as staff see it. Rows carry the columns api_view's outbox_json reads; never the sealed
// body (it can hold a set-password link or a generated password).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::outbox_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> state, to, folder;  // to: the recipient address, compared case-insensitively
  std::optional<int64_t> contact_id;
};

// Up to limit rows with id > after, by id.
pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
// One row with its attempts_log column (the delivery attempts as a JSON array, oldest first).
pg::Result get(pg::Connection& db, int64_t org, int64_t id);

enum class Retried { done, not_found, not_dead, no_body };
struct Retry {
  Retried outcome = Retried::not_found;
  std::string state;  // the row's state before (not_dead: why it was left alone)
};
// Puts a dead row back in the queue (pending, attempts 0, due now, no error) with an audit row.
Retry retry(pg::Connection& db, const Caller& who, int64_t id);

}  // namespace portico::api::outbox_db
