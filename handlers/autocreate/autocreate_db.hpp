#pragma once
// All SQL of portico-autocreate. Batches go to the database as JSON arrays (jsonb_to_recordset), so a
// batch of hundreds of contacts is a handful of round trips.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pg/connection.hpp"

namespace portico::autocreate {

// An enabled (org, portal) with its settings.
struct Slot {
  int64_t org_id = 0;
  std::string portal;           // candidate | client
  std::string username_format;  // email | record_id
  std::string credential_mode;  // set_password_link | generated_password
  std::string org_name, base_url;
};

// A queued contact as the job finds it.
struct Queued {
  int64_t contact_id = 0;
  bool kind_matches = false;  // still a candidate (client contact) for this portal
  std::string status, email, name;
  std::optional<std::string> record_ref;
  std::optional<int64_t> account_id;
  std::string account_state;
  bool shares_email = false;  // another active contact of the same kind without an account has this e-mail
};

struct NewAccount {
  int64_t contact_id = 0;
  std::string username;
  std::optional<std::string> credential;  // generated mode: the keyed hash
};

struct NewLink {
  int64_t account_id = 0;
  std::string secret_hash;  // raw bytes
};

struct MadeLink {
  int64_t account_id = 0, id = 0;
  std::string expires;  // for the e-mail
};

struct QueuedMail {
  std::string idempotency_key;
  int64_t contact_id = 0;
  std::string to_email, to_name, subject, sealed_body, key_id;
};

struct Problem {
  int64_t contact_id = 0;
  std::string reason, detail;
};

class AutocreateDb {
 public:
  explicit AutocreateDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  std::vector<Slot> enabled_slots();
  int64_t start_run(int64_t org, const std::string& portal, const std::string& runner);
  void end_run(int64_t org, int64_t run, const std::string& outcome, int64_t duration_ms);

  // In a transaction: true when this transaction now holds the (org, portal) lock (another runner's
  // transaction does not).
  bool try_lock(int64_t org, const std::string& portal);
  // The slot's settings now (inside the batch's transaction); nullopt when it was disabled meanwhile.
  std::optional<Slot> settings(int64_t org, const std::string& portal);
  // Up to n queued contacts of the portal with ids above after, locked for this transaction.
  std::vector<Queued> pick(int64_t org, const std::string& portal, int64_t after, int n);

  // Inserts the accounts that do not clash (a taken username or an existing account) and audits them;
  // returns contact id -> account id for those made.
  std::vector<std::pair<int64_t, int64_t>> create_accounts(int64_t org, int64_t run, bool generated,
                                                           const std::vector<NewAccount>& accounts);
  std::vector<MadeLink> create_links(int64_t org, int hours, const std::vector<NewLink>& links);
  void queue_mail(int64_t org, const std::vector<QueuedMail>& mails);
  // Suspends the accounts (revoking their links, ending their sessions) and audits it; returns how many.
  int64_t suspend(int64_t org, int64_t run, const std::vector<int64_t>& accounts);

  void dequeue(int64_t org, const std::vector<int64_t>& contacts);
  void note_problems(int64_t org, const std::vector<Problem>& problems);
  void progress(int64_t org, int64_t run, int64_t created, int64_t suspended, const std::vector<Problem>& skipped);

 private:
  pg::Connection& c_;
};

}  // namespace portico::autocreate
