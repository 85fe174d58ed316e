#pragma once
// SQL of contact accounts (/contacts/{id}/account). Account rows carry the columns api_view's account_json
// reads: the account, its latest set-password link, and the outbox row that e-mailed that link.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::accounts_db {

std::span<const pg::Statement> statements();

// The org row, locked (FOR NO KEY UPDATE) until the transaction ends. Every account write of this API
// locks it first, so seat counts, username checks and invitations of one org take turns. Nothing here
// locks an account row before its links: sign-in's set-password link locks the link, then the account,
// and the opposite order could deadlock with it.
struct Org {
  std::string display_name, base_url;
  int64_t seats = 0;  // external_assignee_seats
};
Org lock_org(pg::Connection& db, int64_t org);
// Accounts of the org with external_assignee set. Run after lock_org, in a statement of its own, so
// its snapshot includes whatever a transaction that held the lock before committed.
int64_t seats_used(pg::Connection& db, int64_t org);

struct Contact {
  std::string name, email, status;
  bool has_account = false;
};
std::optional<Contact> contact(pg::Connection& db, int64_t org, int64_t contact_id);
bool username_taken(pg::Connection& db, int64_t org, const std::string& username);

// Inserts the account (invited, no password) with its audit row; returns its id. fields: the checked
// body as audited (username, external_assignee).
int64_t create(pg::Connection& db, const Caller& who, int64_t contact_id, const std::string& username,
               bool external_assignee, const nlohmann::json& fields);

// The account of a contact, for a state change or an invitation (after lock_org), with what an
// invitation e-mail needs.
struct Found {
  int64_t id = 0;
  std::string state, username;
  bool external_assignee = false;
  bool has_password = false;
  std::string name, email, contact_status;
  std::string org_name, base_url;
};
std::optional<Found> find(pg::Connection& db, int64_t org, int64_t contact_id);

// Audits a (re)sent invitation of account id.
void audit_invite(pg::Connection& db, const Caller& who, int64_t account, const nlohmann::json& detail);

// Revokes the account's unused set-password links (before a suspension, so a link being used at that
// moment either finishes first or finds itself revoked).
void revoke_links(pg::Connection& db, int64_t org, int64_t account);

// Sets state and/or external_assignee (nullopt: unchanged) with an audit row. Suspending also ends the
// account's sessions, in the same statement.
void update(pg::Connection& db, const Caller& who, int64_t account, const std::optional<std::string>& state,
            std::optional<bool> external_assignee, const nlohmann::json& changes);

// The account of a contact with its onboarding columns; no row when the contact has none.
pg::Result get(pg::Connection& db, int64_t org, int64_t contact_id);

}  // namespace portico::api::accounts_db
