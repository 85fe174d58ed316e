#pragma once
// /api/v1/dashboard (SPEC §9): every contact of the org with its way in (full account, invited,
// one-time, none), its open tasks and its last activity. One-time contacts appear like any other.
#include <span>

#include "call.hpp"
#include "list_query.hpp"

namespace portico::api::dashboard {

std::span<const QueryParam> filters();
http::Response list(Call& call);

}  // namespace portico::api::dashboard
