#pragma once
// All SQL of portico-admin.
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "pg/connection.hpp"

namespace portico::admin {

class AdminDb {
 public:
  explicit AdminDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();            // needs the migrated schema
  static std::span<const pg::Statement> migration_statements();  // needs only bootstrap()
  // Creates the migration bookkeeping table on a connection with no prepared statements.
  static void bootstrap(pg::Connection& plain);

  // Applies every file not yet recorded, in name order, each in its own transaction. Returns names applied.
  std::vector<std::string> migrate(const std::vector<std::pair<std::string, std::string>>& files);

  std::optional<int64_t> org_id(const std::string& slug);
  int64_t org_create(const std::string& slug, const std::string& name, const std::string& base_url,
                     const std::string& contact_email);
  int64_t org_upsert(const std::string& slug, const std::string& name, const std::string& base_url,
                     const std::string& contact_email);
  void host_add(int64_t org, const std::string& host);
  // Mail settings; an empty optional leaves the value as it is.
  void org_mail_settings(int64_t org, const std::optional<std::string>& smtp_url,
                         const std::optional<std::string>& mail_from, const std::optional<std::string>& contact_email);  // moves a host already mapped elsewhere
  // expires_days: nullopt for a key that lives until revoked.
  int64_t apikey_create(int64_t org, const std::string& name, const std::string& key_hash_hex,
                        const std::string& permissions_array, std::optional<int64_t> expires_days = std::nullopt);
  // Every key of the org: id, name, permissions, created, last used, state (active | expires D | expired D | revoked D).
  std::vector<std::vector<std::string>> apikey_list(int64_t org);
  // False when the org has no such key, or it was revoked already.
  bool apikey_revoke(int64_t org, int64_t id);
  void apikey_revoke_named(int64_t org, const std::string& name);
  int64_t client_upsert(int64_t org, const std::string& name, const std::string& record_ref);
  int64_t contact_create(int64_t org, const std::string& kind, const std::string& email, const std::string& name,
                         const std::optional<std::string>& record_ref, std::optional<int64_t> client,
                         const std::string& identifiers_json);
  void org_seats(int64_t org, int64_t seats);
  // The org's own CSS, served as /org.css after the default look ('' for none).
  void org_stylesheet(int64_t org, const std::string& css);
  // In the caller's transaction, locking the org row: (seats, seats still free) for external assignees.
  std::pair<int64_t, int64_t> seats_free(int64_t org);
  int64_t account_upsert(int64_t org, int64_t contact, const std::string& username, const std::string& hash,
                         bool external_assignee);
  int64_t group_upsert(int64_t org, const std::string& kind, const std::string& name, const std::string& auth_mode,
                       const std::string& identifier_fields_array);
  void member_add(int64_t org, int64_t group, int64_t contact);
  void audit(int64_t org, const std::string& action, const std::string& object_type, int64_t object_id);

  pg::Connection& conn() { return c_; }

 private:
  pg::Connection& c_;
};

}  // namespace portico::admin
