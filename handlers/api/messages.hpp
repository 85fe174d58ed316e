#pragma once
// /api/v1/messages (SPEC §6): the get-in-touch messages people sent from the portal, for staff.
#include <cstdint>

#include "call.hpp"

namespace portico::api::messages {

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);

}  // namespace portico::api::messages
