#include "contacts_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::contacts_db {

namespace {
// The contact JSON's columns, for a row c of contact.
#define CONTACT_COLUMNS                                                                                   \
  "c.id, c.kind, c.status, c.email, c.name, c.record_ref, c.client_id, c.identifiers::text AS identifiers, " \
  "coalesce((SELECT json_agg(m.group_id ORDER BY m.group_id) FROM group_member m "                          \
  "          WHERE m.org_id = c.org_id AND m.contact_id = c.id), '[]')::text AS groups, "                  \
  "EXISTS (SELECT 1 FROM account a WHERE a.org_id = c.org_id AND a.contact_id = c.id) AS has_account, "    \
  PORTICO_API_ISO_UTC("c.created_at") " AS created_at, " PORTICO_API_ISO_UTC("c.updated_at") " AS updated_at"

// The optional filters of a list: $4 kind, $5 status, $6 client_id, $8 email, $9 record_ref, $10 q.
#define CONTACT_FILTERS                                                                                   \
  "AND ($4::text IS NULL OR c.kind = $4) "                                                                \
  "AND ($5::text IS NULL OR c.status = $5) "                                                              \
  "AND ($6::bigint IS NULL OR c.client_id = $6) "                                                         \
  "AND ($8::text IS NULL OR lower(c.email) = lower($8)) "                                                 \
  "AND ($9::text IS NULL OR c.record_ref = $9) "                                                          \
  /* strpos, not LIKE: a % or _ typed by the caller is just a character. */                               \
  "AND ($10::text IS NULL OR strpos(lower(c.name), lower($10)) > 0 OR strpos(lower(c.email), lower($10)) > 0) "

// Only the fields present in $4 change; a JSON null clears a nullable one.
#define CONTACT_SET(col, expr) col " = CASE WHEN input.f ? '" col "' THEN " expr " ELSE c." col " END, "

constexpr std::array<pg::Statement, 5> kList{{
    {"contacts.list",
     // $1 org, $2 after, $3 limit, then the filters (NULL: not filtered).
     "SELECT " CONTACT_COLUMNS " FROM contact c "
     "WHERE c.org_id = $1 AND c.id > $2 " CONTACT_FILTERS
     // Never set here (list() takes contacts.list_in_group then), but every statement takes $1..$10.
     "AND ($7::bigint IS NULL OR EXISTS (SELECT 1 FROM group_member m "
     "     WHERE m.org_id = c.org_id AND m.group_id = $7 AND m.contact_id = c.id)) "
     "ORDER BY c.id LIMIT $3", pg::Plan::per_call},
    {"contacts.list_in_group",
     // As contacts.list, for the members of group $7: driven by the group's rows, so a small group of a
     // large org is read directly instead of testing every contact of the org.
     "SELECT " CONTACT_COLUMNS " FROM group_member gm "
     "JOIN contact c ON c.org_id = gm.org_id AND c.id = gm.contact_id "
     "WHERE gm.org_id = $1 AND gm.group_id = $7 AND gm.contact_id > $2 " CONTACT_FILTERS
     "ORDER BY gm.contact_id LIMIT $3", pg::Plan::per_call},
    {"contacts.get", "SELECT " CONTACT_COLUMNS " FROM contact c WHERE c.org_id = $1 AND c.id = $2"},
    {"contacts.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "c AS (INSERT INTO contact (org_id, kind, status, email, name, record_ref, client_id, identifiers) "
     "      SELECT $1, f->>'kind', coalesce(f->>'status', 'active'), f->>'email', f->>'name', f->>'record_ref', "
     "             (f->>'client_id')::bigint, coalesce(f->'identifiers', '{}') FROM input RETURNING *), "
     PORTICO_API_AUDIT("contact.create", "contact", "c") " "
     "SELECT " CONTACT_COLUMNS " FROM c"},
    {"contacts.update",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "c AS (UPDATE contact c SET "
     CONTACT_SET("kind", "input.f->>'kind'")
     CONTACT_SET("status", "input.f->>'status'")
     CONTACT_SET("email", "input.f->>'email'")
     CONTACT_SET("name", "input.f->>'name'")
     CONTACT_SET("record_ref", "input.f->>'record_ref'")
     CONTACT_SET("client_id", "(input.f->>'client_id')::bigint")
     CONTACT_SET("identifiers", "input.f->'identifiers'")
     "      updated_at = now() FROM input WHERE c.org_id = $1 AND c.id = $5 RETURNING c.*), "
     PORTICO_API_AUDIT("contact.update", "contact", "c") " "
     "SELECT " CONTACT_COLUMNS " FROM c"},
}};

#undef CONTACT_SET
#undef CONTACT_FILTERS
#undef CONTACT_COLUMNS
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run(f.group_id ? "contacts.list_in_group" : "contacts.list",
                {org, after, limit, f.kind, f.status, f.client_id, f.group_id, f.email, f.record_ref, f.q});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("contacts.get", {org, id}); }

pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("contacts.create", {who.org_id, who.key_id, who.ip, fields.dump()});
}

pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes) {
  return db.run("contacts.update", {who.org_id, who.key_id, who.ip, changes.dump(), id});
}

}  // namespace portico::api::contacts_db
