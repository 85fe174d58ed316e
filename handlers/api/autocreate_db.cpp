#include "autocreate_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::autocreate_db {

namespace {
#define CONFIG_COLUMNS \
  "enabled, username_format, template, credential_mode, " PORTICO_API_ISO_UTC("updated_at") " AS updated_at"

constexpr std::array<pg::Statement, 4> kList{{
    {"api_autocreate.get",
     // The saved row, else the defaults (updated_at null).
     "SELECT " CONFIG_COLUMNS " FROM autocreate_config WHERE org_id = $1 AND portal = $2 "
     "UNION ALL SELECT false, 'email', 'auto_create_portal_user', 'set_password_link', NULL "
     "WHERE NOT EXISTS (SELECT 1 FROM autocreate_config WHERE org_id = $1 AND portal = $2)"},
    {"api_autocreate.save",
     // $4 the checked fields (also the audit detail), $5 portal.
     "WITH c AS (INSERT INTO autocreate_config AS c (org_id, portal, enabled, username_format, template, "
     "                                             credential_mode) "
     "           VALUES ($1, $5, coalesce(($4::jsonb->>'enabled')::boolean, false), "
     "                   coalesce($4::jsonb->>'username_format', 'email'), "
     "                   coalesce($4::jsonb->>'template', 'auto_create_portal_user'), "
     "                   coalesce($4::jsonb->>'credential_mode', 'set_password_link')) "
     "           ON CONFLICT (org_id, portal) DO UPDATE SET "
     "             enabled = coalesce(($4::jsonb->>'enabled')::boolean, c.enabled), "
     "             username_format = coalesce($4::jsonb->>'username_format', c.username_format), "
     "             template = coalesce($4::jsonb->>'template', c.template), "
     "             credential_mode = coalesce($4::jsonb->>'credential_mode', c.credential_mode), "
     "             updated_at = now() "
     "           RETURNING " CONFIG_COLUMNS "), "
     "audit AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, detail, ip) "
     "          VALUES ($1, 'staff_key', $2, 'autocreate.update', 'autocreate_' || $5, $4::jsonb, $3::inet)) "
     "SELECT * FROM c"},
    {"api_autocreate.problems",
     "SELECT contact_id, problem, problem_detail, " PORTICO_API_ISO_UTC("queued_at") " "
     "FROM autocreate_queue WHERE org_id = $1 AND portal = $2 AND problem IS NOT NULL "
     "ORDER BY contact_id LIMIT 100"},
    {"api_autocreate.runs",
     "SELECT id, portal, runner, outcome, " PORTICO_API_ISO_UTC("started_at") " AS started_at, "
     "       " PORTICO_API_ISO_UTC("finished_at") " AS finished_at, duration_ms, created, suspended, skipped, "
     "       problems::text AS problems "
     "FROM autocreate_run WHERE org_id = $1 AND id > $2 AND portal = ANY ($3::text[]) "
     "AND ($5::text IS NULL OR portal = $5) ORDER BY id LIMIT $4", pg::Plan::per_call},
}};
#undef CONFIG_COLUMNS
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result get(pg::Connection& db, int64_t org, const std::string& portal) {
  return db.run("api_autocreate.get", {org, portal});
}

pg::Result save(pg::Connection& db, const Caller& who, const std::string& portal, const nlohmann::json& fields) {
  return db.run("api_autocreate.save", {who.org_id, who.key_id, who.ip, fields.dump(), portal});
}

pg::Result problems(pg::Connection& db, int64_t org, const std::string& portal) {
  return db.run("api_autocreate.problems", {org, portal});
}

pg::Result runs(pg::Connection& db, int64_t org, const std::vector<std::string>& portals,
                const std::optional<std::string>& portal, int64_t after, int limit) {
  std::string arr = "{";
  for (size_t i = 0; i < portals.size(); ++i) arr += (i ? "," : "") + portals[i];  // fixed names, no quoting needed
  arr += "}";
  return db.run("api_autocreate.runs", {org, after, arr, limit, portal});
}

}  // namespace portico::api::autocreate_db
