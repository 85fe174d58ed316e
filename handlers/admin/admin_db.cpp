#include "admin/admin_db.hpp"

#include <array>

namespace portico::admin {

namespace {
constexpr std::array<pg::Statement, 2> kMigration{{
    {"admin.migration_applied", "SELECT 1 FROM schema_migration WHERE name = $1"},
    {"admin.migration_record", "INSERT INTO schema_migration (name) VALUES ($1)"},
}};

constexpr std::array<pg::Statement, 18> kList{{
    {"admin.org_mail",
     "UPDATE org SET smtp_url = coalesce($2, smtp_url), mail_from = coalesce($3, mail_from), "
     "contact_email = coalesce($4, contact_email) WHERE id = $1"},
    {"admin.org_id", "SELECT id FROM org WHERE slug = $1"},
    {"admin.org_seats", "UPDATE org SET external_assignee_seats = $2 WHERE id = $1"},
    {"admin.org_stylesheet", "UPDATE org SET stylesheet = $2 WHERE id = $1"},
    // Locks the org row as the API does (NO KEY UPDATE), so seat checks from both take turns.
    {"admin.seats_free",
     "SELECT o.external_assignee_seats, o.external_assignee_seats - "
     "  (SELECT count(*) FROM account a WHERE a.org_id = o.id AND a.external_assignee) "
     "FROM org o WHERE o.id = $1 FOR NO KEY UPDATE"},
    {"admin.org_create",
     "INSERT INTO org (slug, display_name, base_url, contact_email) VALUES ($1, $2, $3, $4) RETURNING id"},
    {"admin.org_upsert",
     "INSERT INTO org (slug, display_name, base_url, contact_email) VALUES ($1, $2, $3, $4) "
     "ON CONFLICT (slug) DO UPDATE SET base_url = EXCLUDED.base_url RETURNING id"},
    {"admin.host_add",
     "INSERT INTO org_host (host, org_id) VALUES ($1, $2) ON CONFLICT (host) DO UPDATE SET org_id = EXCLUDED.org_id"},
    {"admin.apikey_create",
     // $5: days until it expires, NULL for a key that lives until revoked.
     "INSERT INTO api_key (org_id, name, key_hash, permissions, expires_at) "
     "VALUES ($1, $2, $3::bytea, $4::text[], now() + make_interval(days => $5::int)) RETURNING id"},
    {"admin.apikey_list",
     "SELECT id, name, array_to_string(permissions, ','), to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
     "       coalesce(to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '-'), "
     "       CASE WHEN revoked_at IS NOT NULL THEN 'revoked ' || to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
     "            WHEN expires_at <= now() THEN 'expired ' || to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
     "            WHEN expires_at IS NOT NULL THEN 'expires ' || to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
     "            ELSE 'active' END "
     "FROM api_key WHERE org_id = $1 ORDER BY id"},
    {"admin.apikey_revoke",
     "UPDATE api_key SET revoked_at = now() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id"},
    {"admin.apikey_revoke_named",
     "UPDATE api_key SET revoked_at = now() WHERE org_id = $1 AND name = $2 AND revoked_at IS NULL"},
    {"admin.client_upsert",
     "INSERT INTO client (org_id, name, record_ref) VALUES ($1, $2, $3) "
     "ON CONFLICT (org_id, record_ref) DO UPDATE SET name = EXCLUDED.name RETURNING id"},
    {"admin.contact_create",
     "INSERT INTO contact (org_id, kind, email, name, record_ref, client_id, identifiers) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) "
     "ON CONFLICT (org_id, record_ref) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email RETURNING id"},
    {"admin.account_upsert",
     "INSERT INTO account (org_id, contact_id, username, password_hash, state, external_assignee) "
     "VALUES ($1, $2, $3, $4, 'active', $5) "
     "ON CONFLICT (org_id, contact_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, state = 'active', "
     "must_change_password = false, updated_at = now() RETURNING id"},
    {"admin.group_upsert",
     "INSERT INTO contact_group (org_id, kind, name, auth_mode, identifier_fields) VALUES ($1, $2, $3, $4, $5::text[]) "
     "ON CONFLICT (org_id, name) DO UPDATE SET kind = EXCLUDED.kind RETURNING id"},
    {"admin.member_add",
     "INSERT INTO group_member (org_id, group_id, contact_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"},
    {"admin.audit",
     "INSERT INTO audit_log (org_id, actor_type, action, object_type, object_id) VALUES ($1, 'admin', $2, $3, $4)"},
}};

int64_t id_of(const pg::Result& r) { return r.i64(0, 0); }
}  // namespace

std::span<const pg::Statement> AdminDb::statements() { return kList; }
std::span<const pg::Statement> AdminDb::migration_statements() { return kMigration; }

void AdminDb::bootstrap(pg::Connection& plain) {
  plain.exec(
      "SET client_min_messages TO warning; CREATE TABLE IF NOT EXISTS schema_migration ("
      " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
}

std::vector<std::string> AdminDb::migrate(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> applied;
  for (const auto& [name, sql] : files) {
    pg::Transaction tx(c_);
    // One migrator at a time, whatever the number of hosts running this at once.
    c_.exec("SELECT pg_advisory_xact_lock(7411001)");
    if (!c_.run("admin.migration_applied", {name}).empty()) continue;
    c_.exec(sql);
    c_.run("admin.migration_record", {name});
    tx.commit();
    applied.push_back(name);
  }
  return applied;
}

std::optional<int64_t> AdminDb::org_id(const std::string& slug) {
  auto r = c_.run("admin.org_id", {slug});
  if (r.empty()) return std::nullopt;
  return id_of(r);
}

int64_t AdminDb::org_create(const std::string& slug, const std::string& name, const std::string& base_url,
                            const std::string& contact_email) {
  return id_of(c_.run("admin.org_create", {slug, name, base_url, contact_email}));
}

int64_t AdminDb::org_upsert(const std::string& slug, const std::string& name, const std::string& base_url,
                            const std::string& contact_email) {
  return id_of(c_.run("admin.org_upsert", {slug, name, base_url, contact_email}));
}

void AdminDb::host_add(int64_t org, const std::string& host) { c_.run("admin.host_add", {host, org}); }

void AdminDb::org_mail_settings(int64_t org, const std::optional<std::string>& smtp_url,
                                const std::optional<std::string>& mail_from,
                                const std::optional<std::string>& contact_email) {
  c_.run("admin.org_mail", {org, smtp_url, mail_from, contact_email});
}

void AdminDb::org_seats(int64_t org, int64_t seats) { c_.run("admin.org_seats", {org, seats}); }

void AdminDb::org_stylesheet(int64_t org, const std::string& css) { c_.run("admin.org_stylesheet", {org, css}); }

std::pair<int64_t, int64_t> AdminDb::seats_free(int64_t org) {
  auto r = c_.run("admin.seats_free", {org});
  return {r.i64(0, 0), r.i64(0, 1)};
}

int64_t AdminDb::apikey_create(int64_t org, const std::string& name, const std::string& key_hash_hex,
                               const std::string& permissions_array, std::optional<int64_t> expires_days) {
  return id_of(c_.run("admin.apikey_create", {org, name, key_hash_hex, permissions_array, expires_days}));
}

std::vector<std::vector<std::string>> AdminDb::apikey_list(int64_t org) {
  auto r = c_.run("admin.apikey_list", {org});
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.emplace_back();
    for (int j = 0; j < 6; ++j) out.back().push_back(r.str(i, j));
  }
  return out;
}

bool AdminDb::apikey_revoke(int64_t org, int64_t id) { return !c_.run("admin.apikey_revoke", {org, id}).empty(); }

void AdminDb::apikey_revoke_named(int64_t org, const std::string& name) {
  c_.run("admin.apikey_revoke_named", {org, name});
}

int64_t AdminDb::client_upsert(int64_t org, const std::string& name, const std::string& record_ref) {
  return id_of(c_.run("admin.client_upsert", {org, name, record_ref}));
}

int64_t AdminDb::contact_create(int64_t org, const std::string& kind, const std::string& email, const std::string& name,
                                const std::optional<std::string>& record_ref, std::optional<int64_t> client,
                                const std::string& identifiers_json) {
  return id_of(c_.run("admin.contact_create", {org, kind, email, name, record_ref, client, identifiers_json}));
}

int64_t AdminDb::account_upsert(int64_t org, int64_t contact, const std::string& username, const std::string& hash,
                                bool external_assignee) {
  return id_of(c_.run("admin.account_upsert", {org, contact, username, hash, external_assignee}));
}

int64_t AdminDb::group_upsert(int64_t org, const std::string& kind, const std::string& name,
                              const std::string& auth_mode, const std::string& identifier_fields_array) {
  return id_of(c_.run("admin.group_upsert", {org, kind, name, auth_mode, identifier_fields_array}));
}

void AdminDb::member_add(int64_t org, int64_t group, int64_t contact) {
  c_.run("admin.member_add", {org, group, contact});
}

void AdminDb::audit(int64_t org, const std::string& action, const std::string& object_type, int64_t object_id) {
  c_.run("admin.audit", {org, action, object_type, object_id});
}

}  // namespace portico::admin
