#include "login/login_db.hpp"

#include <array>

namespace portico::login {

namespace {

constexpr std::array<pg::Statement, 11> kList{{
    {"login.by_username",
     "SELECT a.id, a.contact_id, a.password_hash, a.state, c.name, c.email, a.username, a.must_change_password "
     "FROM account a JOIN contact c ON c.org_id = a.org_id AND c.id = a.contact_id "
     "WHERE a.org_id = $1 AND lower(a.username) = lower($2)"},
    {"login.by_id",
     "SELECT a.id, a.contact_id, a.password_hash, a.state, c.name, c.email, a.username, a.must_change_password "
     "FROM account a JOIN contact c ON c.org_id = a.org_id AND c.id = a.contact_id "
     "WHERE a.org_id = $1 AND a.id = $2"},
    {"login.failures",
     "SELECT (SELECT count(*) FROM login_failure WHERE org_id = $1 AND username = lower($2) "
     "        AND at > now() - make_interval(mins => $4)), "
     "       (SELECT count(*) FROM login_failure WHERE org_id = $1 AND ip = $3::inet "
     "        AND at > now() - make_interval(mins => $4))"},
    {"login.record_failure",
     "WITH old AS (DELETE FROM login_failure WHERE org_id = $1 AND username = lower($2) "
     "             AND at < now() - interval '1 day') "
     "INSERT INTO login_failure (org_id, username, ip) VALUES ($1, lower($2), $3::inet)"},
    {"login.record_success",
     "WITH f AS (DELETE FROM login_failure WHERE org_id = $1 AND username = lower($3)), "
     "a AS (UPDATE account SET last_login_at = now() WHERE org_id = $1 AND id = $2) "
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, ip) "
     "VALUES ($1, 'contact', $4, 'login', 'account', $2, $5::inet)"},
    {"login.store_hash",
     "UPDATE account SET password_hash = $3 WHERE org_id = $1 AND id = $2"},
    {"login.change_password",
     "WITH a AS (UPDATE account SET password_hash = $3, must_change_password = false, updated_at = now() "
     "           WHERE org_id = $1 AND id = $2 RETURNING contact_id) "
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, ip) "
     "SELECT $1, 'contact', a.contact_id, 'password.change', 'account', $2, $4::inet FROM a"},
    {"login.set_from_link",
     "WITH a AS (UPDATE account SET password_hash = $3, must_change_password = false, updated_at = now(), "
     "           state = CASE WHEN state = 'invited' THEN 'active' ELSE state END "
     "           WHERE org_id = $1 AND id = $2 RETURNING contact_id), "
     "s AS (DELETE FROM session WHERE org_id = $1 AND account_id = $2) "
     "INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, ip) "
     "SELECT $1, 'contact', a.contact_id, 'password.set_from_link', 'account', $2, $4::inet FROM a"},
    {"login.recent_forgot",
     "SELECT count(*) FILTER (WHERE kind = 'forgot_user' AND key = lower($2)), "
     "       count(*) FILTER (WHERE kind = 'forgot_ip' AND key = $3) "
     "FROM throttle_event WHERE org_id = $1 AND kind IN ('forgot_user', 'forgot_ip') "
     "AND key IN (lower($2), $3) AND at > now() - interval '1 hour'"},
    {"login.record_forgot",
     "INSERT INTO throttle_event (org_id, kind, key) VALUES ($1, 'forgot_user', lower($2)), ($1, 'forgot_ip', $3)"},
    {"login.latest_application",
     "SELECT id FROM application WHERE org_id = $1 AND contact_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1"},
}};

std::optional<AccountRow> account(const pg::Result& r) {
  if (r.empty()) return std::nullopt;
  AccountRow a;
  a.id = r.i64(0, 0);
  a.contact_id = r.i64(0, 1);
  a.password_hash = r.opt(0, 2);
  a.state = r.str(0, 3);
  a.name = r.str(0, 4);
  a.email = r.str(0, 5);
  a.username = r.str(0, 6);
  a.must_change_password = r.boolean(0, 7);
  return a;
}
}  // namespace

std::span<const pg::Statement> LoginDb::statements() { return kList; }

std::optional<AccountRow> LoginDb::by_username(int64_t org, std::string_view username) {
  return account(c_.run("login.by_username", {org, username}));
}

std::optional<AccountRow> LoginDb::by_id(int64_t org, int64_t id) { return account(c_.run("login.by_id", {org, id})); }

Failures LoginDb::recent_failures(int64_t org, std::string_view username, std::string_view ip, int minutes) {
  auto r = c_.run("login.failures", {org, username, ip, minutes});
  return {r.i64(0, 0), r.i64(0, 1)};
}

void LoginDb::record_failure(int64_t org, std::string_view username, std::string_view ip) {
  c_.run("login.record_failure", {org, username, ip});
}

void LoginDb::record_success(int64_t org, const AccountRow& a, std::string_view ip) {
  c_.run("login.record_success", {org, a.id, a.username, a.contact_id, ip});
}

void LoginDb::store_hash(int64_t org, int64_t account, const std::string& hash) {
  c_.run("login.store_hash", {org, account, hash});
}

void LoginDb::change_password(int64_t org, int64_t account, const std::string& hash, std::string_view ip) {
  c_.run("login.change_password", {org, account, hash, ip});
}

void LoginDb::set_password_from_link(int64_t org, int64_t account, const std::string& hash, std::string_view ip) {
  c_.run("login.set_from_link", {org, account, hash, ip});
}

Failures LoginDb::recent_forgot(int64_t org, std::string_view username, std::string_view ip) {
  auto r = c_.run("login.recent_forgot", {org, username, ip});
  return {r.i64(0, 0), r.i64(0, 1)};
}

void LoginDb::record_forgot(int64_t org, std::string_view username, std::string_view ip) {
  c_.run("login.record_forgot", {org, username, ip});
}

std::optional<int64_t> LoginDb::latest_application(int64_t org, int64_t contact) {
  auto r = c_.run("login.latest_application", {org, contact});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

}  // namespace portico::login
