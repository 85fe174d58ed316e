#pragma once
// All SQL of the login handler.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "pg/connection.hpp"

namespace portico::login {

struct AccountRow {
  int64_t id = 0, contact_id = 0;
  std::optional<std::string> password_hash;
  std::string state, name, email, username;
  bool must_change_password = false;
};

struct Failures {
  int64_t for_user = 0, for_address = 0;
};

class LoginDb {
 public:
  explicit LoginDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  std::optional<AccountRow> by_username(int64_t org, std::string_view username);
  std::optional<AccountRow> by_id(int64_t org, int64_t account);
  Failures recent_failures(int64_t org, std::string_view username, std::string_view ip, int minutes);
  void record_failure(int64_t org, std::string_view username, std::string_view ip);
  void record_success(int64_t org, const AccountRow& a, std::string_view ip);
  void store_hash(int64_t org, int64_t account, const std::string& hash);  // after a rehash: not a password change
  void change_password(int64_t org, int64_t account, const std::string& hash, std::string_view ip);
  // Through a set-password link: sets the hash, activates an invited account, ends every session.
  void set_password_from_link(int64_t org, int64_t account, const std::string& hash, std::string_view ip);

  // Forgotten-password requests in the last hour: for this username, and from this address.
  Failures recent_forgot(int64_t org, std::string_view username, std::string_view ip);
  void record_forgot(int64_t org, std::string_view username, std::string_view ip);

  // The person's most recent application of a public portal (SPEC §7), where sign-in lands them.
  std::optional<int64_t> latest_application(int64_t org, int64_t contact);

 private:
  pg::Connection& c_;
};

}  // namespace portico::login
