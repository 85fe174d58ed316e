#include "groups_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::groups_db {

namespace {
#define GROUP_COLUMNS                                                                                   \
  "g.id, g.kind, g.name, g.auth_mode, array_to_json(g.identifier_fields)::text AS identifier_fields, "  \
  "(SELECT count(*) FROM group_member m WHERE m.org_id = g.org_id AND m.group_id = g.id) AS member_count, " \
  PORTICO_API_ISO_UTC("g.created_at") " AS created_at, " PORTICO_API_ISO_UTC("g.updated_at") " AS updated_at"

#define GROUP_SET(col, expr) col " = CASE WHEN input.f ? '" col "' THEN " expr " ELSE g." col " END, "
#define FIELD_NAMES(json) "ARRAY(SELECT jsonb_array_elements_text(" json "))"

constexpr std::array<pg::Statement, 8> kList{{
    {"groups.list",
     // $1 org, $2 after, $3 limit, $4 kind.
     "SELECT " GROUP_COLUMNS " FROM contact_group g "
     "WHERE g.org_id = $1 AND g.id > $2 AND ($4::text IS NULL OR g.kind = $4) "
     "ORDER BY g.id LIMIT $3", pg::Plan::per_call},
    {"groups.get", "SELECT " GROUP_COLUMNS " FROM contact_group g WHERE g.org_id = $1 AND g.id = $2"},
    {"groups.exists", "SELECT 1 FROM contact_group WHERE org_id = $1 AND id = $2"},
    {"groups.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "g AS (INSERT INTO contact_group (org_id, kind, name, auth_mode, identifier_fields) "
     "      SELECT $1, f->>'kind', f->>'name', coalesce(f->>'auth_mode', 'full_account'), "
     "             " FIELD_NAMES("coalesce(f->'identifier_fields', '[]')") " FROM input RETURNING *), "
     PORTICO_API_AUDIT("group.create", "group", "g") " "
     "SELECT " GROUP_COLUMNS " FROM g"},
    {"groups.update",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "g AS (UPDATE contact_group g SET "
     GROUP_SET("kind", "input.f->>'kind'")
     GROUP_SET("name", "input.f->>'name'")
     GROUP_SET("auth_mode", "input.f->>'auth_mode'")
     GROUP_SET("identifier_fields", FIELD_NAMES("input.f->'identifier_fields'"))
     "      updated_at = now() FROM input WHERE g.org_id = $1 AND g.id = $5 RETURNING g.*), "
     PORTICO_API_AUDIT("group.update", "group", "g") " "
     "SELECT " GROUP_COLUMNS " FROM g"},
    {"groups.is_member", "SELECT 1 FROM group_member WHERE org_id = $1 AND group_id = $2 AND contact_id = $3"},
    {"groups.member_add",
     // $5 group, $6 contact. Both must be this org's; a second add changes nothing and is not audited.
     "WITH g AS (SELECT id FROM contact_group WHERE org_id = $1 AND id = $5), "
     "c AS (SELECT id FROM contact WHERE org_id = $1 AND id = $6), "
     "ins AS (INSERT INTO group_member (org_id, group_id, contact_id) SELECT $1, g.id, c.id FROM g, c "
     "        ON CONFLICT DO NOTHING RETURNING group_id AS id), "
     PORTICO_API_AUDIT("group.member_add", "group", "ins") " "
     "SELECT EXISTS (SELECT 1 FROM g), EXISTS (SELECT 1 FROM c), EXISTS (SELECT 1 FROM ins)"},
    {"groups.member_remove",
     "WITH g AS (SELECT id FROM contact_group WHERE org_id = $1 AND id = $5), "
     "c AS (SELECT id FROM contact WHERE org_id = $1 AND id = $6), "
     "del AS (DELETE FROM group_member m USING g, c "
     "        WHERE m.org_id = $1 AND m.group_id = g.id AND m.contact_id = c.id RETURNING m.group_id AS id), "
     PORTICO_API_AUDIT("group.member_remove", "group", "del") " "
     "SELECT EXISTS (SELECT 1 FROM g), EXISTS (SELECT 1 FROM c), EXISTS (SELECT 1 FROM del)"},
}};

#undef FIELD_NAMES
#undef GROUP_SET
#undef GROUP_COLUMNS

MemberChange outcome(const pg::Result& r) {
  if (!r.boolean(0, 0)) return MemberChange::no_group;
  if (!r.boolean(0, 1)) return MemberChange::no_contact;
  return r.boolean(0, 2) ? MemberChange::done : MemberChange::unchanged;
}

std::string member_detail(int64_t contact) { return nlohmann::json{{"contact_id", contact}}.dump(); }
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("groups.list", {org, after, limit, f.kind});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("groups.get", {org, id}); }

bool exists(pg::Connection& db, int64_t org, int64_t id) { return !db.run("groups.exists", {org, id}).empty(); }

pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("groups.create", {who.org_id, who.key_id, who.ip, fields.dump()});
}

pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes) {
  return db.run("groups.update", {who.org_id, who.key_id, who.ip, changes.dump(), id});
}

bool is_member(pg::Connection& db, int64_t org, int64_t group, int64_t contact) {
  return !db.run("groups.is_member", {org, group, contact}).empty();
}

MemberChange add_member(pg::Connection& db, const Caller& who, int64_t group, int64_t contact) {
  return outcome(db.run("groups.member_add", {who.org_id, who.key_id, who.ip, member_detail(contact), group, contact}));
}

MemberChange remove_member(pg::Connection& db, const Caller& who, int64_t group, int64_t contact) {
  return outcome(
      db.run("groups.member_remove", {who.org_id, who.key_id, who.ip, member_detail(contact), group, contact}));
}

}  // namespace portico::api::groups_db
