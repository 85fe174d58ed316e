#include "templates_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::templates_db {

namespace {
// An override has no id of its own: its audit row names the folder in the detail ($4).
#define TEMPLATE_AUDIT(action, src)                                                              \
  "audit AS (INSERT INTO audit_log "                                                             \
  "(org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "                  \
  "SELECT $1::bigint, 'staff_key', $2::bigint, '" action "', 'mail_template', NULL, $4::jsonb, $3::inet FROM " src ")"

constexpr std::array<pg::Statement, 4> kList{{
    {"mail_templates.list",
     "SELECT folder, " PORTICO_API_ISO_UTC("updated_at") " AS updated_at FROM mail_template WHERE org_id = $1"},
    {"mail_templates.get",
     "SELECT subject, body_text, body_html, " PORTICO_API_ISO_UTC("updated_at") " AS updated_at "
     "FROM mail_template WHERE org_id = $1 AND folder = $2"},
    {"mail_templates.save",
     // $5 folder, $6 subject, $7 text, $8 html.
     "WITH t AS (INSERT INTO mail_template (org_id, folder, subject, body_text, body_html) "
     "           VALUES ($1, $5, $6, $7, $8) "
     "           ON CONFLICT (org_id, folder) DO UPDATE SET subject = excluded.subject, "
     "             body_text = excluded.body_text, body_html = excluded.body_html, updated_at = now() "
     "           RETURNING *), "
     TEMPLATE_AUDIT("template.save", "t") " "
     "SELECT subject, body_text, body_html, " PORTICO_API_ISO_UTC("updated_at") " AS updated_at FROM t"},
    {"mail_templates.remove",
     "WITH t AS (DELETE FROM mail_template WHERE org_id = $1 AND folder = $5 RETURNING folder), "
     TEMPLATE_AUDIT("template.delete", "t") " "
     "SELECT 1 FROM t"},
}};

#undef TEMPLATE_AUDIT

std::string detail(std::string_view folder) { return nlohmann::json{{"folder", folder}}.dump(); }
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org) { return db.run("mail_templates.list", {org}); }

pg::Result get(pg::Connection& db, int64_t org, std::string_view folder) {
  return db.run("mail_templates.get", {org, folder});
}

pg::Result save(pg::Connection& db, const Caller& who, std::string_view folder, const mail::TemplateText& t) {
  return db.run("mail_templates.save",
                {who.org_id, who.key_id, who.ip, detail(folder), folder, t.subject, t.text, t.html});
}

bool remove(pg::Connection& db, const Caller& who, std::string_view folder) {
  return !db.run("mail_templates.remove", {who.org_id, who.key_id, who.ip, detail(folder), folder}).empty();
}

}  // namespace portico::api::templates_db
