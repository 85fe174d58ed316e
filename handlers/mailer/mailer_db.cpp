#include "mailer/mailer_db.hpp"

#include <array>

namespace portico::mailer {

namespace {
constexpr std::array<pg::Statement, 4> kList{{
    {"mailer.claim",
     // SKIP LOCKED: several mailers claim disjoint rows. A row left 'sending' by a mailer that died is
     // claimed again once its lease has passed.
     "WITH due AS (SELECT org_id, id FROM outbox "
     "             WHERE (state = 'pending' AND next_attempt_at <= now()) "
     "                OR (state = 'sending' AND lease_until < now()) "
     "             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
     "UPDATE outbox o SET state = 'sending', attempts = o.attempts + 1, "
     "       lease_until = now() + make_interval(secs => $2) "
     "FROM due, org "
     "WHERE o.org_id = due.org_id AND o.id = due.id AND org.id = o.org_id "
     "RETURNING o.org_id, o.id, o.attempts, o.idempotency_key, o.to_email, o.to_name, o.subject, o.sealed_body, "
     "          o.key_id, org.mail_from, org.display_name, org.base_url, extract(epoch FROM o.created_at)::bigint, "
     "          org.smtp_url"},
    {"mailer.sent",
     "WITH a AS (INSERT INTO outbox_attempt (org_id, outbox_id, outcome, smtp_code) VALUES ($1, $2, 'sent', $3)) "
     "UPDATE outbox SET state = 'sent', sent_at = now(), sealed_body = NULL, lease_until = NULL, last_error = NULL "
     "WHERE org_id = $1 AND id = $2"},
    {"mailer.retry",
     "WITH a AS (INSERT INTO outbox_attempt (org_id, outbox_id, outcome, smtp_code, detail) "
     "           VALUES ($1, $2, 'temporary', $4, $5)) "
     "UPDATE outbox SET state = 'pending', lease_until = NULL, next_attempt_at = now() + make_interval(secs => $3), "
     "       last_error = $5 "
     "WHERE org_id = $1 AND id = $2 AND state = 'sending'"},
    {"mailer.dead",
     "WITH a AS (INSERT INTO outbox_attempt (org_id, outbox_id, outcome, smtp_code, detail) "
     "           VALUES ($1, $2, 'permanent', $3, $4)) "
     "UPDATE outbox SET state = 'dead', lease_until = NULL, last_error = $4 "
     "WHERE org_id = $1 AND id = $2 AND state = 'sending'"},
}};
}  // namespace

std::span<const pg::Statement> MailerDb::statements() { return kList; }

std::vector<Claimed> MailerDb::claim(int n, int lease_s) {
  auto r = c_.run("mailer.claim", {n, lease_s});
  std::vector<Claimed> out;
  for (int i = 0; i < r.rows(); ++i) {
    Claimed m;
    m.org_id = r.i64(i, 0);
    m.id = r.i64(i, 1);
    m.attempts = static_cast<int>(r.i64(i, 2));
    m.idempotency_key = r.str(i, 3);
    m.to_email = r.str(i, 4);
    m.to_name = r.str(i, 5);
    m.subject = r.str(i, 6);
    m.sealed_body = r.is_null(i, 7) ? "" : pg::unescape_bytea(r.view(i, 7));
    m.key_id = r.str(i, 8);
    m.mail_from = r.str(i, 9);
    m.org_name = r.str(i, 10);
    m.base_url = r.str(i, 11);
    m.created_epoch = r.i64(i, 12);
    m.smtp_url = r.str(i, 13);
    out.push_back(std::move(m));
  }
  return out;
}

void MailerDb::mark_sent(const Claimed& m, long code) { c_.run("mailer.sent", {m.org_id, m.id, int64_t{code}}); }

void MailerDb::retry_later(const Claimed& m, int delay_s, long code, const std::string& detail) {
  c_.run("mailer.retry", {m.org_id, m.id, delay_s, int64_t{code}, detail});
}

void MailerDb::mark_dead(const Claimed& m, long code, const std::string& detail) {
  c_.run("mailer.dead", {m.org_id, m.id, int64_t{code}, detail});
}

}  // namespace portico::mailer
