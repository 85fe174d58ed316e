#pragma once
// /api/v1/outbox: the org's e-mail as the mailer sees it (SPEC §6), for staff to follow and to put a
// dead message back in the queue.
#include <cstdint>
#include <span>

#include "call.hpp"
#include "list_query.hpp"
#include "outbox_db.hpp"

namespace portico::api::outbox {

// The filters of GET /outbox: state, to (recipient address, any letter case), contact_id, folder.
std::span<const QueryParam> filters();
outbox_db::Filter filter_of(const ListQuery& q);

http::Response list(Call& call);
http::Response get(Call& call, int64_t id);
http::Response retry(Call& call, int64_t id);

}  // namespace portico::api::outbox
