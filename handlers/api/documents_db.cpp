#include "documents_db.hpp"

#include <array>

#include "crypto/token.hpp"
#include "sql_fragments.hpp"

namespace portico::api::documents_db {

namespace {
// A document is viewed once any contact opened it; staff previews never count.
#define DOC_VIEWED                                                                                     \
  "EXISTS (SELECT 1 FROM document_view v WHERE v.org_id = d.org_id AND v.document_id = d.id "          \
  "        AND v.channel <> 'staff_preview')"

#define DOC_JSON                                                                                       \
  "json_build_object('id', d.id, 'kind', d.kind, 'tab', d.tab, 'title', d.title, "                     \
  "'content_type', d.content_type, 'size_bytes', d.size_bytes, 'sha256', encode(d.sha256, 'hex'), "    \
  "'note', d.note, 'contact_id', d.contact_id, 'client_id', d.client_id, 'task_id', d.task_id, "       \
  "'status', CASE WHEN d.tab = 'issued' THEN CASE WHEN " DOC_VIEWED " THEN 'viewed' ELSE 'sent' END END, " \
  "'created_at', " PORTICO_API_ISO_UTC("d.created_at") ", 'updated_at', " PORTICO_API_ISO_UTC("d.updated_at") ")"

// Per contact who was sent a link or opened the document: first and last view, number of views.
#define PER_CONTACT                                                                                    \
  "coalesce((SELECT json_agg(json_build_object('contact_id', w.contact_id, "                          \
  "    'recipient', EXISTS (SELECT 1 FROM document_link l WHERE l.org_id = d.org_id "                  \
  "                         AND l.document_id = d.id AND l.contact_id = w.contact_id), "               \
  "    'status', CASE WHEN w.n > 0 THEN 'viewed' ELSE 'sent' END, 'views', w.n, "                      \
  "    'first_view_at', " PORTICO_API_ISO_UTC("w.first") ", 'last_view_at', " PORTICO_API_ISO_UTC("w.last") \
  "    ) ORDER BY w.contact_id) "                                                                      \
  "  FROM (SELECT p.contact_id, count(v.id) AS n, min(v.at) AS first, max(v.at) AS last "             \
  "        FROM (SELECT contact_id FROM document_link WHERE org_id = d.org_id AND document_id = d.id "  \
  "              UNION SELECT contact_id FROM document_view WHERE org_id = d.org_id AND document_id = d.id " \
  "              AND contact_id IS NOT NULL) p "                                                      \
  "        LEFT JOIN document_view v ON v.org_id = d.org_id AND v.document_id = d.id "                 \
  "             AND v.contact_id = p.contact_id "                                                     \
  "        GROUP BY p.contact_id) w), '[]')"

constexpr std::array<pg::Statement, 8> kList{{
    {"api_docs.list",
     // $1 org, $2 after, $3 limit, $4 contact, $5 client, $6 tab, $7 kind (NULL: not filtered).
     "SELECT d.id, " DOC_JSON "::text AS doc FROM document d "
     "WHERE d.org_id = $1 AND d.id > $2 "
     "AND ($4::bigint IS NULL OR d.contact_id = $4 OR d.client_id = (SELECT c.client_id FROM contact c "
     "     WHERE c.org_id = $1 AND c.id = $4)) "
     "AND ($5::bigint IS NULL OR d.client_id = $5) "
     "AND ($6::text IS NULL OR d.tab = $6) AND ($7::text IS NULL OR d.kind = $7) "
     "ORDER BY d.id LIMIT $3", pg::Plan::per_call},
    {"api_docs.get",
     "SELECT d.id, (" DOC_JSON "::jsonb || jsonb_build_object('recipients', " PER_CONTACT "::jsonb))::text AS doc "
     "FROM document d WHERE d.org_id = $1 AND d.id = $2"},
    {"api_docs.contacts",
     "SELECT id, name, email, status, client_id FROM contact WHERE org_id = $1 AND id = ANY($2::bigint[]) "
     "ORDER BY id"},
    {"api_docs.issue",
     // $1 org, $2 key, $3 ip, $4 the fields (kind, title, contact_id | client_id, ...), $5 content type.
     "WITH f AS (SELECT $4::jsonb AS f), "
     "d AS (INSERT INTO document (org_id, kind, tab, title, content_type, contact_id, client_id, created_by_key) "
     "      SELECT $1, f->>'kind', 'issued', f->>'title', $5, (f->>'contact_id')::bigint, "
     "             (f->>'client_id')::bigint, $2 FROM f RETURNING id), "
     PORTICO_API_AUDIT("document.issue", "document", "d") " "
     "SELECT id FROM d"},
    {"api_docs.add_link",
     "INSERT INTO document_link (org_id, document_id, contact_id, secret_hash) VALUES ($1, $2, $3, $4::bytea) "
     "RETURNING id"},
    {"api_docs.move",
     // $1 org, $2 key, $3 ip, $4 detail, $5 id, $6 tab.
     "WITH cur AS (SELECT kind FROM document WHERE org_id = $1 AND id = $5), "
     "d AS (UPDATE document SET tab = $6, updated_at = now() "
     "      WHERE org_id = $1 AND id = $5 AND kind = 'upload' RETURNING id), "
     PORTICO_API_AUDIT("document.move", "document", "d") " "
     "SELECT cur.kind, EXISTS (SELECT 1 FROM d) FROM cur"},
    {"api_docs.preview",
     // $1 org, $2 key, $3 ip, $4 user agent, $5 id.
     "WITH d AS (SELECT id, title, content_type, size_bytes FROM document WHERE org_id = $1 AND id = $5), "
     "v AS (INSERT INTO document_view (org_id, document_id, api_key_id, channel, client_address, user_agent) "
     "      SELECT $1, d.id, $2, 'staff_preview', $3::inet, left($4, 300) FROM d) "
     "SELECT id, title, content_type, size_bytes FROM d"},
    {"api_docs.views",
     "SELECT true, CASE WHEN " DOC_VIEWED " THEN 'viewed' ELSE 'sent' END, " PER_CONTACT "::text, "
     "coalesce((SELECT json_agg(json_build_object('id', v.id, 'contact_id', v.contact_id, 'channel', v.channel, "
     "          'counted', v.channel <> 'staff_preview', 'api_key_id', v.api_key_id, "
     "          'at', " PORTICO_API_ISO_UTC("v.at") ", 'client_address', host(v.client_address), "
     "          'user_agent', v.user_agent) ORDER BY v.id) "
     "          FROM document_view v WHERE v.org_id = d.org_id AND v.document_id = d.id), '[]')::text "
     "FROM document d WHERE d.org_id = $1 AND d.id = $2"},
}};

#undef PER_CONTACT
#undef DOC_JSON
#undef DOC_VIEWED

}  // namespace

std::span<const pg::Statement> statements() { return kList; }

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit) {
  return db.run("api_docs.list", {org, after, limit, f.contact_id, f.client_id, f.tab, f.kind});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t id) { return db.run("api_docs.get", {org, id}); }

std::vector<Person> contacts(pg::Connection& db, int64_t org, const std::vector<int64_t>& ids) {
  pg::Result r = db.run("api_docs.contacts", {org, ids});
  std::vector<Person> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.opt_i64(i, 4)});
  return out;
}

int64_t issue(pg::Connection& db, const Caller& who, const std::string& fields_json, const std::string& content_type) {
  return db.run("api_docs.issue", {who.org_id, who.key_id, who.ip, fields_json, content_type}).i64(0, 0);
}

int64_t add_link(pg::Connection& db, int64_t org, int64_t document, int64_t contact, const std::string& secret_hash) {
  return db.run("api_docs.add_link", {org, document, contact, crypto::to_hex(secret_hash)}).i64(0, 0);
}

Moved move(pg::Connection& db, const Caller& who, int64_t id, const std::string& tab) {
  pg::Result r = db.run("api_docs.move", {who.org_id, who.key_id, who.ip, R"({"tab":")" + tab + R"("})", id, tab});
  if (r.empty()) return Moved::not_found;
  return r.boolean(0, 1) ? Moved::done : Moved::not_upload;
}

std::optional<files::Served> preview(pg::Connection& db, const Caller& who, int64_t id, std::string_view user_agent) {
  pg::Result r = db.run("api_docs.preview", {who.org_id, who.key_id, who.ip, user_agent, id});
  if (r.empty()) return std::nullopt;
  return files::Served{who.org_id, r.i64(0, 0), r.str(0, 1), r.str(0, 2), r.i64(0, 3)};
}

pg::Result views(pg::Connection& db, int64_t org, int64_t id) { return db.run("api_docs.views", {org, id}); }

}  // namespace portico::api::documents_db
