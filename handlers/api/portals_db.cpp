#include "portals_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::portals_db {

namespace {
#define PORTAL_DOC                                                                                       \
  "p.id, json_build_object('id', p.id, 'slug', p.slug, 'title', p.title, 'introduction', p.introduction, " \
  "'url', rtrim(o.base_url, '/') || '/p/' || p.slug, 'enabled', p.enabled, "                              \
  "'multi_process', p.multi_process, 'registration_enabled', p.registration_enabled, "                   \
  "'allow_duplicates', p.allow_duplicates, 'tags', to_json(p.tags), "                                     \
  "'process_ids', coalesce((SELECT json_agg(pp.process_id ORDER BY pp.position) FROM portal_process pp "  \
  "                         WHERE pp.org_id = p.org_id AND pp.portal_id = p.id), '[]'), "                 \
  "'created_at', " PORTICO_API_ISO_UTC("p.created_at") ", "                                               \
  "'updated_at', " PORTICO_API_ISO_UTC("p.updated_at") ")::text AS doc "                                  \
  "FROM portal p JOIN org o ON o.id = p.org_id"

#define PORTAL_SET(col, expr) col " = CASE WHEN input.f ? '" col "' THEN " expr " ELSE p." col " END, "
#define TAGS(json) "ARRAY(SELECT jsonb_array_elements_text(" json "))"

constexpr std::array<pg::Statement, 6> kList{{
    {"portals.list", "SELECT " PORTAL_DOC " WHERE p.org_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3"},
    {"portals.get", "SELECT " PORTAL_DOC " WHERE p.org_id = $1 AND p.id = $2"},
    {"portals.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "p AS (INSERT INTO portal (org_id, slug, title, introduction, enabled, multi_process, registration_enabled, "
     "                          allow_duplicates, tags) "
     "      SELECT $1, f->>'slug', f->>'title', coalesce(f->>'introduction', ''), "
     "             coalesce((f->>'enabled')::boolean, true), coalesce((f->>'multi_process')::boolean, false), "
     "             coalesce((f->>'registration_enabled')::boolean, true), "
     "             coalesce((f->>'allow_duplicates')::boolean, true), " TAGS("coalesce(f->'tags', '[]')") " "
     "      FROM input RETURNING *), "
     PORTICO_API_AUDIT("portal.create", "portal", "p") " "
     "SELECT id FROM p"},
    {"portals.update",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "p AS (UPDATE portal p SET "
     PORTAL_SET("slug", "input.f->>'slug'")
     PORTAL_SET("title", "input.f->>'title'")
     PORTAL_SET("introduction", "input.f->>'introduction'")
     PORTAL_SET("enabled", "(input.f->>'enabled')::boolean")
     PORTAL_SET("multi_process", "(input.f->>'multi_process')::boolean")
     PORTAL_SET("registration_enabled", "(input.f->>'registration_enabled')::boolean")
     PORTAL_SET("allow_duplicates", "(input.f->>'allow_duplicates')::boolean")
     PORTAL_SET("tags", TAGS("input.f->'tags'"))
     "      updated_at = now() FROM input WHERE p.org_id = $1 AND p.id = $5 RETURNING p.*), "
     PORTICO_API_AUDIT("portal.update", "portal", "p") " "
     "SELECT id FROM p"},
    {"portals.clear_processes", "DELETE FROM portal_process WHERE org_id = $1 AND portal_id = $2"},
    {"portals.add_processes",
     "INSERT INTO portal_process (org_id, portal_id, process_id, position) "
     "SELECT $1, $2, x.id::bigint, x.n FROM jsonb_array_elements_text($3::jsonb) WITH ORDINALITY AS x(id, n)"},
}};
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, int64_t after, int limit) {
  return db.run("portals.list", {org, after, limit});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("portals.get", {org, id}); }

int64_t create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("portals.create", {who.org_id, who.key_id, who.ip, fields.dump()}).i64(0, 0);
}

bool update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes) {
  return !db.run("portals.update", {who.org_id, who.key_id, who.ip, changes.dump(), id}).empty();
}

void set_processes(pg::Connection& db, int64_t org, int64_t portal, const nlohmann::json& process_ids) {
  db.run("portals.clear_processes", {org, portal});
  db.run("portals.add_processes", {org, portal, process_ids.dump()});
}

}  // namespace portico::api::portals_db
