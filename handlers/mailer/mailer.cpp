#include "mailer/mailer.hpp"

#include <chrono>
#include <thread>

#include "config/config.hpp"
#include "crypto/seal.hpp"
#include "log/log.hpp"
#include "mail/mime.hpp"
#include "mail/outbox.hpp"

namespace portico::mailer {

Settings settings_from_env() {
  Settings s;
  s.max_attempts = env_int("PORTICO_MAIL_MAX_ATTEMPTS", s.max_attempts, 1, 100);
  s.backoff_s = env_int("PORTICO_MAIL_BACKOFF_SECONDS", s.backoff_s, 0, 3600);
  s.lease_s = env_int("PORTICO_MAIL_LEASE_SECONDS", s.lease_s, 1, 86400);
  s.batch = env_int("PORTICO_MAIL_BATCH", s.batch, 1, 1000);
  s.poll_ms = env_int("PORTICO_MAIL_POLL_MS", s.poll_ms, 10, 60000);
  if (const char* f = std::getenv("PORTICO_MAIL_FROM")) s.default_from = f;
  return s;
}

int backoff_seconds(int base, int attempt) {
  long long d = base;
  for (int i = 1; i < attempt && d < 3600; ++i) d *= 2;
  return static_cast<int>(std::min<long long>(d, 3600));
}

std::string message_id(int64_t org, int64_t id, const std::string& base_url) {
  std::string host = base_url.substr(base_url.find("://") == std::string::npos ? 0 : base_url.find("://") + 3);
  host = host.substr(0, host.find_first_of(":/"));
  if (host.empty()) host = "portico.invalid";
  return "outbox." + std::to_string(org) + "." + std::to_string(id) + "@" + host;
}

Mailer::Mailer(pg::Connection& db, const crypto::Keys& keys, mail::SmtpConfig smtp, Settings s)
    : q_(db), keys_(keys), default_smtp_(std::move(smtp)), s_(std::move(s)) {}

mail::SmtpClient& Mailer::client_for(const std::string& org_smtp_url) {
  auto it = clients_.find(org_smtp_url);
  if (it != clients_.end()) return it->second;
  mail::SmtpConfig c = default_smtp_;
  if (!org_smtp_url.empty()) c = mail::parse_smtp_url(org_smtp_url);
  return clients_.emplace(org_smtp_url, mail::SmtpClient(c)).first->second;
}

void Mailer::deliver(const Claimed& m) {
  std::string mid = message_id(m.org_id, m.id, m.base_url);
  auto packed = crypto::open_sealed(keys_, {m.key_id, m.sealed_body}, mail::Outbox::seal_context(m.org_id, m.idempotency_key));
  auto body = packed ? mail::Outbox::unpack(*packed) : std::nullopt;
  if (!body) {
    // Nothing can make this row readable later (its key is gone or it was altered): give up on it openly.
    q_.mark_dead(m, 0, "the message body cannot be decrypted with the server keys");
    log::error("outbox " + std::to_string(m.org_id) + "/" + std::to_string(m.id) + " dead: body cannot be decrypted");
    return;
  }
  std::string from = !m.mail_from.empty() ? m.mail_from
                     : !s_.default_from.empty() ? s_.default_from
                                                : "no-reply@" + mid.substr(mid.find('@') + 1);
  std::string raw;
  try {
    raw = mail::compose({mid, {m.org_name, from}, {m.to_name, m.to_email}, std::nullopt, m.subject, body->text,
                         body->html, static_cast<std::time_t>(m.created_epoch)});
  } catch (const std::invalid_argument& e) {
    q_.mark_dead(m, 0, e.what());
    return;
  }
  mail::SendResult r;
  try {
    r = client_for(m.smtp_url).send(from, m.to_email, raw);
  } catch (const std::invalid_argument& e) {  // an org relay URL the mailer cannot use
    r = {mail::Outcome::temporary, 0, e.what()};
  }
  std::string tag = "outbox " + std::to_string(m.org_id) + "/" + std::to_string(m.id) + " attempt " +
                    std::to_string(m.attempts);
  switch (r.outcome) {
    case mail::Outcome::sent:
      q_.mark_sent(m, r.smtp_code);
      log::info(tag + " sent (" + std::to_string(r.smtp_code) + ")");
      break;
    case mail::Outcome::temporary:
      if (m.attempts >= s_.max_attempts) {
        q_.mark_dead(m, r.smtp_code, "gave up after " + std::to_string(m.attempts) + " attempts: " + r.detail);
        log::error(tag + " dead after temporary failures: " + r.detail);
      } else {
        int delay = backoff_seconds(s_.backoff_s, m.attempts);
        q_.retry_later(m, delay, r.smtp_code, r.detail);
        log::info(tag + " temporary failure (" + std::to_string(r.smtp_code) + " " + r.detail + "), retry in " +
                  std::to_string(delay) + "s");
      }
      break;
    case mail::Outcome::permanent:
      q_.mark_dead(m, r.smtp_code, r.detail);
      log::error(tag + " refused permanently (" + std::to_string(r.smtp_code) + " " + r.detail + ")");
      break;
  }
}

int Mailer::run_batch() {
  auto rows = q_.claim(s_.batch, s_.lease_s);
  for (const auto& m : rows) deliver(m);
  return static_cast<int>(rows.size());
}

void Mailer::run(const std::atomic<bool>& stop, bool once) {
  while (!stop.load()) {
    int n = 0;
    try {
      n = run_batch();
    } catch (const pg::Error& e) {
      if (once) throw;
      log::error(std::string("database: ") + e.what());  // reconnects on the next batch
    }
    if (n > 0) continue;
    if (once) return;
    for (int waited = 0; waited < s_.poll_ms && !stop.load(); waited += 50)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace portico::mailer
