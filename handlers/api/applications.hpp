#pragma once
// /api/v1/applications (SPEC §7): what people started on public portals, for staff to work through.
// Listed with filters (portal_id, process_id, contact_id, tag, state open|completed); one application is
// read with its steps (the applicant's tasks) and their answers.
#include <cstdint>
#include <span>

#include "call.hpp"
#include "list_query.hpp"

namespace portico::api::applications {

std::span<const QueryParam> filters();

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);

}  // namespace portico::api::applications
