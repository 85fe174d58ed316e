#include "docs/docs_db.hpp"

#include <array>

#include "crypto/token.hpp"

namespace portico::docs {

namespace {
// Documents contact $2 of org $1 may open.
#define VISIBLE_TO_CONTACT                                                                        \
  "d.org_id = $1 AND (d.contact_id = $2 OR d.client_id = (SELECT c.client_id FROM contact c "     \
  "                   WHERE c.org_id = $1 AND c.id = $2))"

constexpr std::array<pg::Statement, 4> kList{{
    {"docs.list",
     "SELECT d.id, d.kind, d.title, d.content_type, d.size_bytes, "
     "       to_char(d.created_at AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY') "
     "FROM document d WHERE " VISIBLE_TO_CONTACT " ORDER BY d.id DESC LIMIT 500"},
    {"docs.visible",
     // $4 channel, $5 client address, $6 user agent: the ledger row, unless $4 is NULL.
     "WITH d AS (SELECT d.id, d.title, d.content_type, d.size_bytes FROM document d "
     "           WHERE " VISIBLE_TO_CONTACT " AND d.id = $3), "
     "v AS (INSERT INTO document_view (org_id, document_id, contact_id, channel, client_address, user_agent) "
     "      SELECT $1, d.id, $2, $4, $5::inet, left($6, 300) FROM d WHERE $4::text IS NOT NULL) "
     "SELECT id, title, content_type, size_bytes FROM d"},
    {"docs.by_link",
     // $1 host, $2 secret hash. One row when the host has an org; link columns NULL when it has no such link.
     // A link lives as long as the org's completion links (link_ttl) and only while its contact is active.
     "SELECT o.org_id, l.id IS NOT NULL, l.contact_id, d.id, d.title, d.content_type, d.size_bytes, "
     "       l.created_at + g.link_ttl < now(), c.status <> 'active' "
     "FROM org_host o JOIN org g ON g.id = o.org_id "
     "LEFT JOIN document_link l ON l.org_id = o.org_id AND l.secret_hash = $2::bytea "
     "LEFT JOIN document d ON d.org_id = l.org_id AND d.id = l.document_id "
     "LEFT JOIN contact c ON c.org_id = l.org_id AND c.id = l.contact_id "
     "WHERE o.host = $1"},
    {"docs.record_view",
     "INSERT INTO document_view (org_id, document_id, contact_id, channel, client_address, user_agent) "
     "VALUES ($1, $2, $3, $4, $5::inet, left($6, 300))"},
}};
#undef VISIBLE_TO_CONTACT
}  // namespace

std::span<const pg::Statement> DocsDb::statements() { return kList; }

std::vector<Listed> DocsDb::list(int64_t org, int64_t contact) {
  auto r = c_.run("docs.list", {org, contact});
  std::vector<Listed> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.i64(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.str(i, 5), r.i64(i, 4)});
  return out;
}

std::optional<Served> DocsDb::visible(int64_t org, int64_t contact, int64_t document,
                                      const std::optional<View>& view) {
  auto r = view ? c_.run("docs.visible", {org, contact, document, view->channel, view->ip, view->user_agent})
                : c_.run("docs.visible", {org, contact, document, std::nullopt, std::nullopt, std::nullopt});
  if (r.empty()) return std::nullopt;
  return Served{org, r.i64(0, 0), r.str(0, 1), r.str(0, 2), r.i64(0, 3)};
}

std::optional<LinkTarget> DocsDb::by_link(std::string_view host, const std::string& secret_hash) {
  auto r = c_.run("docs.by_link", {host, crypto::to_hex(secret_hash)});
  if (r.empty()) return std::nullopt;
  LinkTarget t;
  t.org_id = r.i64(0, 0);
  t.found = r.boolean(0, 1);
  if (!t.found) return t;
  t.contact_id = r.i64(0, 2);
  t.doc = {t.org_id, r.i64(0, 3), r.str(0, 4), r.str(0, 5), r.i64(0, 6)};
  t.expired = r.boolean(0, 7);
  t.contact_inactive = r.boolean(0, 8);
  return t;
}

void DocsDb::record_view(int64_t org, int64_t document, int64_t contact, const View& view) {
  c_.run("docs.record_view", {org, document, contact, view.channel, view.ip, view.user_agent});
}

}  // namespace portico::files
