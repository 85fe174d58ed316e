#pragma once
// /api/v1/autocreate/{candidate|client} (the settings of SPEC §8, and the contacts the job could not give
// an account) and /api/v1/autocreate/runs (the job's run summaries).
#include <string_view>

#include "call.hpp"
#include "routes.hpp"

namespace portico::api::autocreate {

// The permission a route needs: maintenance.candidate_portal or maintenance.client_portal for the portal's
// settings; for the runs, either one (the list then shows only the portals the key has).
std::string_view permission(const Caller& who, const Route& route);

http::Response get(Call& call, std::string_view portal);
http::Response put(Call& call, std::string_view portal);
http::Response runs(Call& call);

}  // namespace portico::api::autocreate
