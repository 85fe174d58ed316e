#pragma once
// All SQL of the contact handler.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "pg/connection.hpp"

namespace portico::contact {

struct Sender {
  std::string name, email;
  std::string org_name, org_contact_email, base_url;
  // The identifier fields the sender's groups name, in order, each with the sender's value ("" if none).
  std::vector<std::pair<std::string, std::string>> identifiers;
};

class ContactDb {
 public:
  explicit ContactDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  Sender sender(int64_t org, int64_t contact);
  // Messages the contact sent in the last hour. Locks the contact's row first, so that simultaneous
  // sends take turns and the limit holds.
  int64_t sent_last_hour(int64_t org, int64_t contact);
  // In the caller's transaction: the message row (and its audit row); returns its id.
  int64_t insert(int64_t org, int64_t contact, const std::string& visit, const std::string& subject,
                 const std::string& body, const std::string& to_email, const std::optional<std::string>& ip);
  void set_outbox(int64_t org, int64_t message, int64_t outbox_id);

 private:
  pg::Connection& c_;
};

}  // namespace portico::contact
