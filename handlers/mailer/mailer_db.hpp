#pragma once
// All SQL of portico-mailer.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pg/connection.hpp"

namespace portico::mailer {

struct Claimed {
  int64_t org_id = 0, id = 0;
  int attempts = 0;  // including this one
  std::string idempotency_key, to_email, to_name, subject, sealed_body, key_id;
  std::string mail_from, org_name, base_url, smtp_url;  // smtp_url empty: the deployment's relay
  int64_t created_epoch = 0;
};

class MailerDb {
 public:
  explicit MailerDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // Claims up to n due rows (pending and due, or sending with an expired lease) for lease_s seconds.
  std::vector<Claimed> claim(int n, int lease_s);
  void mark_sent(const Claimed& m, long smtp_code);
  void retry_later(const Claimed& m, int delay_s, long smtp_code, const std::string& detail);
  void mark_dead(const Claimed& m, long smtp_code, const std::string& detail);

 private:
  pg::Connection& c_;
};

}  // namespace portico::mailer
