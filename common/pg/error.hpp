#pragma once
// Database failures, classified by SQLSTATE so callers can react to the kind, not the text.
#include <stdexcept>
#include <string>

namespace portico::pg {

enum class ErrorKind {
  connection,        // class 08, admin shutdown, or the connection is gone: answer 503 and reconnect
  unique_violation,  // 23505
  foreign_key,       // 23503
  check_violation,   // 23514, 23502
  serialization,     // 40001, 40P01: safe to retry the transaction
  data,              // class 22: a value the column cannot hold
  other,
};

struct Error : std::runtime_error {
  ErrorKind kind;
  std::string sqlstate;
  std::string constraint;  // the constraint named by the server, if any
  Error(ErrorKind k, std::string state, std::string constraint_name, const std::string& message)
      : std::runtime_error(message), kind(k), sqlstate(std::move(state)), constraint(std::move(constraint_name)) {}
};

ErrorKind classify(std::string_view sqlstate);

}  // namespace portico::pg
