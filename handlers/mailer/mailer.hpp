#pragma once
// portico-mailer: delivers outbox rows over SMTP, retrying temporary failures with backoff and moving
// rows that cannot be delivered to 'dead'. Delivery is at least once: a mailer killed between the
// server's acceptance and the row's update sends the row again, with the same Message-ID.
#include <atomic>
#include <map>
#include <string>

#include "crypto/keys.hpp"
#include "mail/smtp.hpp"
#include "mailer/mailer_db.hpp"

namespace portico::mailer {

struct Settings {
  int max_attempts = 8;
  int backoff_s = 30;   // first retry delay; doubles each attempt, at most an hour
  int lease_s = 300;    // a claimed row is retried by another mailer after this
  int batch = 20;
  int poll_ms = 1000;
  std::string default_from;  // when an org has no mail_from
};

Settings settings_from_env();  // throws ConfigError

// Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped at one hour.
int backoff_seconds(int base, int attempt);
// "outbox.<org>.<id>@<host of base_url>": the same for every retry of a row.
std::string message_id(int64_t org, int64_t id, const std::string& base_url);

class Mailer {
 public:
  Mailer(pg::Connection& db, const crypto::Keys& keys, mail::SmtpConfig smtp, Settings s);
  // Claims and delivers one batch; returns how many rows it handled.
  int run_batch();
  // Until stop is set (or, with once, until nothing is due).
  void run(const std::atomic<bool>& stop, bool once);

 private:
  void deliver(const Claimed& m);
  // One client (and so one open connection) per relay: the deployment's, and any org's own.
  mail::SmtpClient& client_for(const std::string& org_smtp_url);

  MailerDb q_;
  const crypto::Keys& keys_;
  mail::SmtpConfig default_smtp_;
  std::map<std::string, mail::SmtpClient> clients_;
  Settings s_;
};

}  // namespace portico::mailer
