#pragma once
// /api/v1/clients: what a client may be given, how lists filter, and the handlers.
#include <cstdint>
#include <span>

#include <nlohmann/json.hpp>

#include "call.hpp"
#include "clients_db.hpp"
#include "json_fields.hpp"
#include "list_query.hpp"

namespace portico::api::clients {

nlohmann::json check_input(const nlohmann::json& body, Mode mode);
std::span<const QueryParam> filters();
clients_db::Filter filter_of(const ListQuery& q);

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response create(Call& call);
http::Response update(Call& call, int64_t id);

}  // namespace portico::api::clients
