#pragma once
// SQL of groups and their members. Group rows carry the columns api_view's group_json reads; member
// rows are contact rows (contacts_db), and listing members is a contacts list filtered by group.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::groups_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> kind;
};

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
pg::Result get(pg::Connection& db, int64_t org, int64_t id);
bool exists(pg::Connection& db, int64_t org, int64_t id);
// Write with an audit row in the same statement; return the written group (update: none if not found).
pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);
pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes);

bool is_member(pg::Connection& db, int64_t org, int64_t group, int64_t contact);

enum class MemberChange { done, unchanged, no_group, no_contact };
// Adds a member (unchanged when it already was one); audited only when it changes something.
MemberChange add_member(pg::Connection& db, const Caller& who, int64_t group, int64_t contact);
// Removes a member (unchanged when it was not one).
MemberChange remove_member(pg::Connection& db, const Caller& who, int64_t group, int64_t contact);

}  // namespace portico::api::groups_db
