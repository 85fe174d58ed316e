#pragma once
// All SQL of the portal handler.
#include <optional>
#include <span>
#include <string>

#include "pg/connection.hpp"

namespace portico::portal {

class PortalDb {
 public:
  explicit PortalDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  void ping();  // throws pg::Error when the database does not answer
  std::optional<std::string> stylesheet(std::string_view host);

 private:
  pg::Connection& c_;
};

}  // namespace portico::portal
