#pragma once
// /api/v1/groups and their members: what a group may be given, how lists filter, and the handlers.
#include <cstdint>
#include <span>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "groups_db.hpp"
#include "json_fields.hpp"
#include "list_query.hpp"

namespace portico::api::groups {

nlohmann::json check_input(const nlohmann::json& body, Mode mode);
// The body of POST /groups/{id}/members: {"contact_id": N}.
int64_t check_member_input(const nlohmann::json& body);
std::span<const QueryParam> filters();

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response update(Call& call, int64_t id);

http::Response list_members(Call& call, int64_t group);
http::Response get_member(Call& call, int64_t group, int64_t contact);
http::Response add_member(Call& call, int64_t group);
http::Response remove_member(Call& call, int64_t group, int64_t contact);

}  // namespace portico::api::groups
