#include "processes_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::processes_db {

namespace {
#define PROCESS_DOC                                                                                  \
  "p.id, json_build_object('id', p.id, 'name', p.name, 'description', p.description, "               \
  "'steps', p.steps, 'created_at', " PORTICO_API_ISO_UTC("p.created_at") ", "                         \
  "'updated_at', " PORTICO_API_ISO_UTC("p.updated_at") ")::text AS doc"

#define PROCESS_SET(col, expr) col " = CASE WHEN input.f ? '" col "' THEN " expr " ELSE p." col " END, "

constexpr std::array<pg::Statement, 4> kList{{
    {"processes.list", "SELECT " PROCESS_DOC " FROM process p WHERE p.org_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3"},
    {"processes.get", "SELECT " PROCESS_DOC " FROM process p WHERE p.org_id = $1 AND p.id = $2"},
    {"processes.create",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "p AS (INSERT INTO process (org_id, name, description, steps) "
     "      SELECT $1, f->>'name', coalesce(f->>'description', ''), f->'steps' FROM input RETURNING *), "
     PORTICO_API_AUDIT("process.create", "process", "p") " "
     "SELECT " PROCESS_DOC " FROM p"},
    {"processes.update",
     "WITH input AS (SELECT $4::jsonb AS f), "
     "p AS (UPDATE process p SET "
     PROCESS_SET("name", "input.f->>'name'")
     PROCESS_SET("description", "input.f->>'description'")
     PROCESS_SET("steps", "input.f->'steps'")
     "      updated_at = now() FROM input WHERE p.org_id = $1 AND p.id = $5 RETURNING p.*), "
     PORTICO_API_AUDIT("process.update", "process", "p") " "
     "SELECT " PROCESS_DOC " FROM p"},
}};
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, int64_t after, int limit) {
  return db.run("processes.list", {org, after, limit});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("processes.get", {org, id}); }

pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields) {
  return db.run("processes.create", {who.org_id, who.key_id, who.ip, fields.dump()});
}

pg::Result update(pg::Connection& db, const Caller& who, int64_t id, const nlohmann::json& changes) {
  return db.run("processes.update", {who.org_id, who.key_id, who.ip, changes.dump(), id});
}

}  // namespace portico::api::processes_db
