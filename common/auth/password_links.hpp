#pragma once
// Set-password links (SPEC §3.3): single use, expiring, one live link per account (a new one revokes
// the older). Used by sign-in (forgotten password), the staff API (invitations) and auto-create.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "crypto/keys.hpp"
#include "pg/connection.hpp"

namespace portico::auth {

constexpr int kWelcomeLinkHours = 7 * 24;
constexpr int kResetLinkHours = 1;

struct IssuedPasswordLink {
  int64_t id = 0;
  std::string url;      // base_url + /password/set/<token>; goes into the e-mail only
  std::string expires;  // for the e-mail, e.g. "1 December 2026 14:05 UTC"
};

enum class LinkState { valid, unknown, used, expired, revoked };

struct PasswordLinkInfo {
  LinkState state = LinkState::unknown;
  int64_t account_id = 0;
  std::string purpose;  // welcome | reset
  std::string username, name, email;
};

class PasswordLinks {
 public:
  PasswordLinks(pg::Connection& db, const crypto::Keys& keys) : db_(db), keys_(keys) {}
  static std::span<const pg::Statement> statements();

  // In the caller's transaction: revokes the account's live links and makes a new one.
  IssuedPasswordLink issue(int64_t org_id, const std::string& base_url, int64_t account_id,
                           const std::string& purpose, int hours);
  // What a token refers to. A token with a bad signature is `unknown` without touching the database.
  PasswordLinkInfo look_up(int64_t org_id, std::string_view token);
  // Uses a valid link exactly once (concurrent calls: one wins). Returns the account id.
  std::optional<int64_t> consume(int64_t org_id, std::string_view token);

 private:
  pg::Connection& db_;
  const crypto::Keys& keys_;
};

}  // namespace portico::auth
