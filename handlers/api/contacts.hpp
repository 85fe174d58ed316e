#pragma once
// /api/v1/contacts: what a contact may be given, how lists filter, and the handlers.
#include <cstdint>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "contacts_db.hpp"
#include "json_fields.hpp"
#include "list_query.hpp"

namespace portico::api::contacts {

// The fields of a create (Mode::create) or patch; throws 422 as check_fields does.
nlohmann::json check_input(const nlohmann::json& body, Mode mode);

// The filters of GET /contacts; with_group false for a group's member list, whose group is the path's.
std::span<const QueryParam> filters(bool with_group = true);
contacts_db::Filter filter_of(const ListQuery& q);

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response update(Call& call, int64_t id);

// The contact as JSON, or 404.
nlohmann::json load(Call& call, int64_t id);

}  // namespace portico::api::contacts
