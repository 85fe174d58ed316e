// SQL of set-password links.
#include <array>

#include "auth/password_links.hpp"
#include "crypto/link_token.hpp"
#include "crypto/token.hpp"

namespace portico::auth {

namespace {
constexpr std::array<pg::Statement, 4> kList{{
    {"plink.revoke",
     "UPDATE password_link SET revoked_at = now() "
     "WHERE org_id = $1 AND account_id = $2 AND used_at IS NULL AND revoked_at IS NULL"},
    {"plink.create",
     "INSERT INTO password_link (org_id, account_id, purpose, secret_hash, expires_at) "
     "VALUES ($1, $2, $3, $4::bytea, now() + make_interval(hours => $5)) "
     "RETURNING id, to_char(expires_at AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY HH24:MI \"UTC\"')"},
    {"plink.look_up",
     "SELECT l.account_id, l.purpose, "
     "       CASE WHEN l.used_at IS NOT NULL THEN 'used' WHEN l.revoked_at IS NOT NULL THEN 'revoked' "
     "            WHEN l.expires_at <= now() THEN 'expired' ELSE 'valid' END, "
     "       a.username, c.name, c.email "
     "FROM password_link l JOIN account a ON a.org_id = l.org_id AND a.id = l.account_id "
     "JOIN contact c ON c.org_id = a.org_id AND c.id = a.contact_id "
     "WHERE l.org_id = $1 AND l.secret_hash = $2::bytea"},
    {"plink.consume",
     "UPDATE password_link SET used_at = now() "
     "WHERE org_id = $1 AND secret_hash = $2::bytea AND used_at IS NULL AND revoked_at IS NULL "
     "AND expires_at > now() RETURNING account_id"},
}};

LinkState state_of(std::string_view s) {
  if (s == "valid") return LinkState::valid;
  if (s == "used") return LinkState::used;
  if (s == "expired") return LinkState::expired;
  return LinkState::revoked;
}
}  // namespace

std::span<const pg::Statement> PasswordLinks::statements() { return kList; }

IssuedPasswordLink PasswordLinks::issue(int64_t org_id, const std::string& base_url, int64_t account_id,
                                        const std::string& purpose, int hours) {
  db_.run("plink.revoke", {org_id, account_id});
  auto link = crypto::issue_link(keys_, crypto::LinkPurpose::set_password);
  auto r = db_.run("plink.create", {org_id, account_id, purpose, crypto::to_hex(link.secret_hash), hours});
  std::string base = !base_url.empty() && base_url.back() == '/' ? base_url.substr(0, base_url.size() - 1) : base_url;
  return {r.i64(0, 0), base + "/password/set/" + link.token, r.str(0, 1)};
}

PasswordLinkInfo PasswordLinks::look_up(int64_t org_id, std::string_view token) {
  auto hash = crypto::verify_link(keys_, crypto::LinkPurpose::set_password, token);
  if (!hash) return {};
  auto r = db_.run("plink.look_up", {org_id, crypto::to_hex(*hash)});
  if (r.empty()) return {};
  return {state_of(r.view(0, 2)), r.i64(0, 0), r.str(0, 1), r.str(0, 3), r.str(0, 4), r.str(0, 5)};
}

std::optional<int64_t> PasswordLinks::consume(int64_t org_id, std::string_view token) {
  auto hash = crypto::verify_link(keys_, crypto::LinkPurpose::set_password, token);
  if (!hash) return std::nullopt;
  auto r = db_.run("plink.consume", {org_id, crypto::to_hex(*hash)});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

}  // namespace portico::auth
