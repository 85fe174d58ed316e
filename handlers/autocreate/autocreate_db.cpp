#include "autocreate/autocreate_db.hpp"

#include <array>

#include "crypto/token.hpp"

namespace portico::autocreate {

namespace {
constexpr std::array<pg::Statement, 14> kList{{
    {"ac.slots",
     "SELECT c.org_id, c.portal, c.username_format, c.credential_mode, o.display_name, o.base_url "
     "FROM autocreate_config c JOIN org o ON o.id = c.org_id WHERE c.enabled ORDER BY c.org_id, c.portal"},
    {"ac.start_run", "INSERT INTO autocreate_run (org_id, portal, runner) VALUES ($1, $2, $3) RETURNING id"},
    {"ac.end_run",
     "UPDATE autocreate_run SET outcome = $3, finished_at = clock_timestamp(), duration_ms = $4 "
     "WHERE org_id = $1 AND id = $2"},
    // Transaction-level, so it goes with the batch's transaction (and works behind a transaction pooler).
    {"ac.lock", "SELECT pg_try_advisory_xact_lock(20260020, hashtext($1::bigint || ':' || $2::text))"},
    {"ac.settings",
     "SELECT c.org_id, c.portal, c.username_format, c.credential_mode, o.display_name, o.base_url "
     "FROM autocreate_config c JOIN org o ON o.id = c.org_id WHERE c.org_id = $1 AND c.portal = $2 AND c.enabled"},
    {"ac.pick",
     "SELECT q.contact_id, c.kind = CASE $2::text WHEN 'candidate' THEN 'candidate' ELSE 'client_contact' END, "
     "       c.status, c.email, c.name, c.record_ref, a.id, a.state, "
     "       EXISTS (SELECT 1 FROM contact d WHERE d.org_id = c.org_id AND lower(d.email) = lower(c.email) "
     "               AND d.id <> c.id AND d.kind = c.kind AND d.status = 'active' "
     "               AND NOT EXISTS (SELECT 1 FROM account x WHERE x.org_id = d.org_id AND x.contact_id = d.id)) "
     "FROM autocreate_queue q JOIN contact c ON c.org_id = q.org_id AND c.id = q.contact_id "
     "LEFT JOIN account a ON a.org_id = c.org_id AND a.contact_id = c.id "
     "WHERE q.org_id = $1 AND q.portal = $2 AND q.contact_id > $3 "
     "ORDER BY q.contact_id LIMIT $4 FOR UPDATE OF q"},
    {"ac.create_accounts",
     // $2: [{contact_id, username, credential}]; $3 run id; $4 generated mode. ON CONFLICT: a username
     // taken (in any case) or an account made meanwhile by another route is a clash, not an error.
     "WITH a AS (INSERT INTO account (org_id, contact_id, username, password_hash, state, must_change_password) "
     "           SELECT $1, x.contact_id, x.username, x.credential, "
     "                  CASE WHEN $4::boolean THEN 'active' ELSE 'invited' END, $4::boolean "
     "           FROM jsonb_to_recordset($2::jsonb) AS x(contact_id bigint, username text, credential text) "
     "           ON CONFLICT DO NOTHING RETURNING id, contact_id, username), "
     "audit AS (INSERT INTO audit_log (org_id, actor_type, action, object_type, object_id, detail) "
     "          SELECT $1, 'system', 'account.autocreate', 'account', a.id, "
     "                 jsonb_build_object('contact_id', a.contact_id, 'username', a.username, 'run_id', $3::bigint) "
     "          FROM a) "
     "SELECT contact_id, id FROM a"},
    {"ac.create_links",
     "INSERT INTO password_link (org_id, account_id, purpose, secret_hash, expires_at) "
     "SELECT $1, x.account_id, 'welcome', x.secret_hash::bytea, now() + make_interval(hours => $3) "
     "FROM jsonb_to_recordset($2::jsonb) AS x(account_id bigint, secret_hash text) "
     "RETURNING account_id, id, to_char(expires_at AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY HH24:MI \"UTC\"')"},
    {"ac.queue_mail",
     // The same idempotency key never queues a second message (a retried batch, a second runner).
     "INSERT INTO outbox (org_id, idempotency_key, folder, contact_id, to_email, to_name, subject, sealed_body, key_id) "
     "SELECT $1, x.key, 'auto_create_portal_user', x.contact_id, x.to_email, x.to_name, x.subject, "
     "       x.body::bytea, x.key_id "
     "FROM jsonb_to_recordset($2::jsonb) AS x(key text, contact_id bigint, to_email text, to_name text, "
     "                                         subject text, body text, key_id text) "
     "ON CONFLICT (org_id, idempotency_key) DO NOTHING"},
    {"ac.revoke_links",
     // Before the accounts themselves: sign-in's set-password route locks the link, then the account.
     "UPDATE password_link SET revoked_at = now() "
     "WHERE org_id = $1 AND account_id = ANY ($2::bigint[]) AND used_at IS NULL AND revoked_at IS NULL"},
    {"ac.suspend",
     "WITH s AS (UPDATE account SET state = 'suspended', updated_at = now() "
     "           WHERE org_id = $1 AND id = ANY ($2::bigint[]) AND state <> 'suspended' RETURNING id, contact_id), "
     "ended AS (DELETE FROM session x USING s WHERE x.org_id = $1 AND x.account_id = s.id), "
     "audit AS (INSERT INTO audit_log (org_id, actor_type, action, object_type, object_id, detail) "
     "          SELECT $1, 'system', 'account.autosuspend', 'account', s.id, "
     "                 jsonb_build_object('contact_id', s.contact_id, 'run_id', $3::bigint) FROM s) "
     "SELECT count(*) FROM s"},
    {"ac.dequeue", "DELETE FROM autocreate_queue WHERE org_id = $1 AND contact_id = ANY ($2::bigint[])"},
    {"ac.problems",
     "UPDATE autocreate_queue q SET problem = x.reason, problem_detail = x.detail "
     "FROM jsonb_to_recordset($2::jsonb) AS x(contact_id bigint, reason text, detail text) "
     "WHERE q.org_id = $1 AND q.contact_id = x.contact_id"},
    {"ac.progress",
     "UPDATE autocreate_run SET created = created + $3, suspended = suspended + $4, skipped = skipped + $5, "
     "       problems = (SELECT coalesce(jsonb_agg(e), '[]') "
     "                   FROM (SELECT e FROM jsonb_array_elements(problems || $6::jsonb) e LIMIT 200) t) "
     "WHERE org_id = $1 AND id = $2"},
}};


nlohmann::json problems_json(const std::vector<Problem>& ps) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& p : ps) a.push_back({{"contact_id", p.contact_id}, {"reason", p.reason}, {"detail", p.detail}});
  return a;
}

Slot slot(const pg::Result& r, int i) {
  return {r.i64(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.str(i, 4), r.str(i, 5)};
}
}  // namespace

std::span<const pg::Statement> AutocreateDb::statements() { return kList; }

std::vector<Slot> AutocreateDb::enabled_slots() {
  auto r = c_.run("ac.slots", std::span<const pg::Param>{});
  std::vector<Slot> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(slot(r, i));
  return out;
}

int64_t AutocreateDb::start_run(int64_t org, const std::string& portal, const std::string& runner) {
  return c_.run("ac.start_run", {org, portal, runner}).i64(0, 0);
}

void AutocreateDb::end_run(int64_t org, int64_t run, const std::string& outcome, int64_t duration_ms) {
  c_.run("ac.end_run", {org, run, outcome, duration_ms});
}

bool AutocreateDb::try_lock(int64_t org, const std::string& portal) {
  return c_.run("ac.lock", {org, portal}).boolean(0, 0);
}

std::optional<Slot> AutocreateDb::settings(int64_t org, const std::string& portal) {
  auto r = c_.run("ac.settings", {org, portal});
  if (r.empty()) return std::nullopt;
  return slot(r, 0);
}

std::vector<Queued> AutocreateDb::pick(int64_t org, const std::string& portal, int64_t after, int n) {
  auto r = c_.run("ac.pick", {org, portal, after, n});
  std::vector<Queued> out;
  for (int i = 0; i < r.rows(); ++i) {
    Queued q;
    q.contact_id = r.i64(i, 0);
    q.kind_matches = r.boolean(i, 1);
    q.status = r.str(i, 2);
    q.email = r.str(i, 3);
    q.name = r.str(i, 4);
    q.record_ref = r.opt(i, 5);
    if (!r.is_null(i, 6)) q.account_id = r.i64(i, 6);
    q.account_state = r.str(i, 7);
    q.shares_email = r.boolean(i, 8);
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<std::pair<int64_t, int64_t>> AutocreateDb::create_accounts(int64_t org, int64_t run, bool generated,
                                                                       const std::vector<NewAccount>& accounts) {
  if (accounts.empty()) return {};
  nlohmann::json a = nlohmann::json::array();
  for (const auto& n : accounts) {
    nlohmann::json row = {{"contact_id", n.contact_id}, {"username", n.username}, {"credential", nullptr}};
    if (n.credential) row["credential"] = *n.credential;
    a.push_back(std::move(row));
  }
  auto r = c_.run("ac.create_accounts", {org, a.dump(), run, generated});
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.i64(i, 0), r.i64(i, 1));
  return out;
}

std::vector<MadeLink> AutocreateDb::create_links(int64_t org, int hours, const std::vector<NewLink>& links) {
  if (links.empty()) return {};
  nlohmann::json a = nlohmann::json::array();
  for (const auto& l : links) a.push_back({{"account_id", l.account_id}, {"secret_hash", crypto::to_hex(l.secret_hash)}});
  auto r = c_.run("ac.create_links", {org, a.dump(), hours});
  std::vector<MadeLink> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({r.i64(i, 0), r.i64(i, 1), r.str(i, 2)});
  return out;
}

void AutocreateDb::queue_mail(int64_t org, const std::vector<QueuedMail>& mails) {
  if (mails.empty()) return;
  nlohmann::json a = nlohmann::json::array();
  for (const auto& m : mails)
    a.push_back({{"key", m.idempotency_key},
                 {"contact_id", m.contact_id},
                 {"to_email", m.to_email},
                 {"to_name", m.to_name},
                 {"subject", m.subject},
                 {"body", crypto::to_hex(m.sealed_body)},
                 {"key_id", m.key_id}});
  c_.run("ac.queue_mail", {org, a.dump()});
}

int64_t AutocreateDb::suspend(int64_t org, int64_t run, const std::vector<int64_t>& accounts) {
  if (accounts.empty()) return 0;
  c_.run("ac.revoke_links", {org, accounts});
  return c_.run("ac.suspend", {org, accounts, run}).i64(0, 0);
}

void AutocreateDb::dequeue(int64_t org, const std::vector<int64_t>& contacts) {
  if (!contacts.empty()) c_.run("ac.dequeue", {org, contacts});
}

void AutocreateDb::note_problems(int64_t org, const std::vector<Problem>& problems) {
  if (!problems.empty()) c_.run("ac.problems", {org, problems_json(problems).dump()});
}

void AutocreateDb::progress(int64_t org, int64_t run, int64_t created, int64_t suspended,
                            const std::vector<Problem>& skipped) {
  c_.run("ac.progress", {org, run, created, suspended, static_cast<int64_t>(skipped.size()),
                         problems_json(skipped).dump()});
}

}  // namespace portico::autocreate
