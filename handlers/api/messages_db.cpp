#include "messages_db.hpp"

#include <array>

#include "sql_fragments.hpp"

namespace portico::api::messages_db {

namespace {
#define MESSAGE_JSON                                                                                   \
  "json_build_object('id', m.id, 'contact_id', m.contact_id, 'visit', m.visit, 'subject', m.subject, "  \
  "'message', m.body, 'to_email', m.to_email, 'outbox_id', m.outbox_id, "                              \
  "'client_address', host(m.client_address), 'created_at', " PORTICO_API_ISO_UTC("m.created_at") ")::text"

constexpr std::array<pg::Statement, 2> kList{{
    {"api_messages.list",
     "SELECT m.id, " MESSAGE_JSON " FROM message m WHERE m.org_id = $1 AND m.id > $2 "
     "AND ($4::bigint IS NULL OR m.contact_id = $4) ORDER BY m.id LIMIT $3", pg::Plan::per_call},
    {"api_messages.get", "SELECT m.id, " MESSAGE_JSON " FROM message m WHERE m.org_id = $1 AND m.id = $2"},
}};
#undef MESSAGE_JSON
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, std::optional<int64_t> contact, int64_t after, int limit) {
  return db.run("api_messages.list", {org, after, limit, contact});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("api_messages.get", {org, id}); }

}  // namespace portico::api::messages_db
