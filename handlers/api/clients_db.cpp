#include "clients_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::clients_db {

namespace {
#define CLIENT_COLUMNS                                                                                   \
  "k.id, k.name, k.record_ref, "                                                                         \
  PORTICO_API_ISO_UTC("k.created_at") " AS created_at, " PORTICO_API_ISO_UTC("k.updated_at") " AS updated_at, " \
  "(SELECT count(*) FROM contact x WHERE x.org_id = k.org_id AND x.client_id = k.id) AS contact_count"

#define CLIENT_SET(col) col " = CASE WHEN input.f ? '" col "' THEN input.f->>'" col "' ELSE k." col " END, "

constexpr std::array<pg::Statement, 4> kList{{
    {"clients.list",
     // $1 org, $2 after, $3 limit, $4 q (substring of the name, any case), $5 record_ref.
     "SELECT " CLIENT_COLUMNS " FROM client k "
     "WHERE k.org_id = $1 AND k.id > $2 "
     "AND ($4::text IS NULL OR strpos(lower(k.name), lower($4)) > 0) "
     "AND ($5::text IS NULL OR k.record_ref = $5) "
     "ORDER BY k.id LIMIT $3", pg::Plan::per_call},
    {"clients.get", "SELECT " CLIENT_COLUMNS " FROM client k WHERE k.org_id = $1 AND k.id = $2"},
    {"clients.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "k AS (INSERT INTO client (org_id, name, record_ref) "
     "      SELECT $1, f->>'name', f->>'record_ref' FROM input RETURNING *), "
     PORTICO_API_AUDIT("client.create", "client", "k") " "
     "SELECT " CLIENT_COLUMNS " FROM k"},
    {"clients.update",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "k AS (UPDATE client k SET " CLIENT_SET("name") CLIENT_SET("record_ref")
     "      updated_at = now() FROM input WHERE k.org_id = $1 AND k.id = $5 RETURNING k.*), "
     PORTICO_API_AUDIT("client.update", "client", "k") " "
     "SELECT " CLIENT_COLUMNS " FROM k"},
}};

#undef CLIENT_SET
#undef CLIENT_COLUMNS
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("clients.list", {org, after, limit, f.q, f.record_ref});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("clients.get", {org, id}); }

pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("clients.create", {who.org_id, who.key_id, who.ip, fields.dump()});
}

pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes) {
  return db.run("clients.update", {who.org_id, who.key_id, who.ip, changes.dump(), id});
}

}  // namespace portico::api::clients_db
