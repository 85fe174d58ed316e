#pragma once
// The api handler's statements (all of them, to prepare on each worker's connection) and the one query
// that resolves the org of the Host together with the caller's key.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api {

std::vector<std::span<const pg::Statement>> api_statements();

struct KeyCheck {
  bool org_known = false;         // some org serves this host
  std::optional<Caller> caller;   // a live key of that org (without ip; the request fills it in)
};

// key_hash: the raw 32-byte hash of the presented key, or nullopt when none (or a malformed one) was
// sent. Marks the key used, at most once a minute so busy keys do not write on every request.
KeyCheck check_key(pg::Connection& db, std::string_view host, const std::optional<std::string>& key_hash);

}  // namespace portico::api
