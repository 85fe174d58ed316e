#include "accounts_db.hpp"

#include <array>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "sql_fragments.hpp"

namespace portico::api::accounts_db {

namespace {
// The account JSON's columns, for an account a, its latest set-password link l (any purpose; a newer
// one revokes the older) and the outbox row o that e-mailed it (both joined to a by org_id).
#define ACCOUNT_COLUMNS                                                                                   \
  "a.id, a.contact_id, a.username, a.state, a.external_assignee, a.must_change_password, "                 \
  PORTICO_API_ISO_UTC("a.created_at") " AS created_at, "                                                    \
  PORTICO_API_ISO_UTC("a.last_login_at") " AS last_login_at, "                                              \
  "(SELECT " PORTICO_API_ISO_UTC("max(w.created_at)") " FROM password_link w "                            \
  " WHERE w.org_id = a.org_id AND w.account_id = a.id AND w.purpose = 'welcome') AS invited_at, "           \
  "l.purpose AS link_purpose, " PORTICO_API_ISO_UTC("l.expires_at") " AS link_expires_at, "                 \
  PORTICO_API_ISO_UTC("l.used_at") " AS link_used_at, "                                                     \
  PORTICO_API_ISO_UTC("l.revoked_at") " AS link_revoked_at, "                                               \
  "o.id AS outbox_id, o.state AS outbox_state, " PORTICO_API_ISO_UTC("o.sent_at") " AS outbox_sent_at, "    \
  "o.last_error AS outbox_last_error, a.password_hash IS NOT NULL AS activated"

#define ACCOUNT_FROM                                                                                      \
  "FROM account a "                                                                                       \
  "LEFT JOIN LATERAL (SELECT l.id, l.purpose, l.expires_at, l.used_at, l.revoked_at FROM password_link l " \
  "                   WHERE l.org_id = a.org_id AND l.account_id = a.id ORDER BY l.id DESC LIMIT 1) l "    \
  "  ON true "                                                                                            \
  "LEFT JOIN outbox o ON o.org_id = a.org_id AND o.idempotency_key = 'password_link:' || l.id "

constexpr std::array<pg::Statement, 10> kList{{
    {"accounts.lock_org",
     // NO KEY UPDATE: conflicts with itself (so seat and username checks take turns) but not with the
     // KEY SHARE locks that inserts into other tables referencing org take.
     "SELECT display_name, base_url, external_assignee_seats FROM org WHERE id = $1 FOR NO KEY UPDATE"},
    {"accounts.seats_used", "SELECT count(*) FROM account WHERE org_id = $1 AND external_assignee"},
    {"accounts.contact",
     "SELECT c.name, c.email, c.status, "
     "       EXISTS (SELECT 1 FROM account a WHERE a.org_id = c.org_id AND a.contact_id = c.id) "
     "FROM contact c WHERE c.org_id = $1 AND c.id = $2"},
    {"accounts.username_taken", "SELECT 1 FROM account WHERE org_id = $1 AND lower(username) = lower($2)"},
    {"accounts.create",
     // $5 contact, $6 username, $7 external_assignee.
     "WITH a AS (INSERT INTO account (org_id, contact_id, username, state, external_assignee) "
     "           VALUES ($1, $5, $6, 'invited', $7) RETURNING id), "
     PORTICO_API_AUDIT("account.create", "account", "a") " "
     "SELECT id FROM a"},
    {"accounts.find",
     "SELECT a.id, a.state, a.username, a.external_assignee, a.password_hash IS NOT NULL, "
     "       c.name, c.email, c.status, o.display_name, o.base_url "
     "FROM account a JOIN contact c ON c.org_id = a.org_id AND c.id = a.contact_id JOIN org o ON o.id = a.org_id "
     "WHERE a.org_id = $1 AND a.contact_id = $2"},
    {"accounts.revoke_links",
     "UPDATE password_link SET revoked_at = now() "
     "WHERE org_id = $1 AND account_id = $2 AND used_at IS NULL AND revoked_at IS NULL"},
    {"accounts.audit_invite",
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "
     "VALUES ($1, 'staff_key', $2, 'account.invite', 'account', $5, $4::jsonb, $3::inet)"},
    {"accounts.update",
     // $5 account, $6 state or NULL, $7 external_assignee or NULL.
     "WITH a AS (UPDATE account SET state = coalesce($6, state), "
     "                              external_assignee = coalesce($7::boolean, external_assignee), "
     "                              updated_at = now() "
     "           WHERE org_id = $1 AND id = $5 RETURNING id, state), "
     "ended AS (DELETE FROM session s USING a WHERE s.org_id = $1 AND s.account_id = a.id AND a.state = 'suspended'), "
     PORTICO_API_AUDIT("account.update", "account", "a") " "
     "SELECT id FROM a"},
    {"accounts.get", "SELECT " ACCOUNT_COLUMNS " " ACCOUNT_FROM "WHERE a.org_id = $1 AND a.contact_id = $2"},
}};

#undef ACCOUNT_FROM
#undef ACCOUNT_COLUMNS

std::optional<std::string> flag(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? "t" : "f";
}
}  // namespace

std::span<const pg::Statement> statements() { return kList; }

Org lock_org(pg::Connection& db, int64_t org) {
  pg::Result r = db.run("accounts.lock_org", {org});
  if (r.empty()) throw std::runtime_error("the caller's org is gone");
  return {r.str(0, 0), r.str(0, 1), r.i64(0, 2)};
}

int64_t seats_used(pg::Connection& db, int64_t org) { return db.run("accounts.seats_used", {org}).i64(0, 0); }

std::optional<Contact> contact(pg::Connection& db, int64_t org, int64_t contact_id) {
  pg::Result r = db.run("accounts.contact", {org, contact_id});
  if (r.empty()) return std::nullopt;
  return Contact{r.str(0, 0), r.str(0, 1), r.str(0, 2), r.boolean(0, 3)};
}

bool username_taken(pg::Connection& db, int64_t org, const std::string& username) {
  return !db.run("accounts.username_taken", {org, username}).empty();
}

int64_t create(pg::Connection& db, const Caller& who, int64_t contact_id, const std::string& username,
               bool external_assignee, const nlohmann::json& fields) {
  return db.run("accounts.create", {who.org_id, who.key_id, who.ip, fields.dump(), contact_id, username,
                                    external_assignee})
      .i64(0, 0);
}

std::optional<Found> find(pg::Connection& db, int64_t org, int64_t contact_id) {
  pg::Result r = db.run("accounts.find", {org, contact_id});
  if (r.empty()) return std::nullopt;
  return Found{.id = r.i64(0, 0),
                .state = r.str(0, 1),
                .username = r.str(0, 2),
                .external_assignee = r.boolean(0, 3),
                .has_password = r.boolean(0, 4),
                .name = r.str(0, 5),
                .email = r.str(0, 6),
                .contact_status = r.str(0, 7),
                .org_name = r.str(0, 8),
                .base_url = r.str(0, 9)};
}

void revoke_links(pg::Connection& db, int64_t org, int64_t account) {
  db.run("accounts.revoke_links", {org, account});
}

void audit_invite(pg::Connection& db, const Caller& who, int64_t account, const nlohmann::json& detail) {
  db.run("accounts.audit_invite", {who.org_id, who.key_id, who.ip, detail.dump(), account});
}

void update(pg::Connection& db, const Caller& who, int64_t account, const std::optional<std::string>& state,
            std::optional<bool> external_assignee, const nlohmann::json& changes) {
  db.run("accounts.update", {who.org_id, who.key_id, who.ip, changes.dump(), account, state, flag(external_assignee)});
}

pg::Result get(pg::Connection& db, int64_t org, int64_t contact_id) {
  return db.run("accounts.get", {org, contact_id});
}

}  // namespace portico::api::accounts_db
