#include "autocreate/autocreate.hpp"

#include <unistd.h>

#include <chrono>
#include <map>
#include <thread>

#include "auth/password_links.hpp"
#include "autocreate/autocreate_view.hpp"
#include "config/config.hpp"
#include "crypto/generated_password.hpp"
#include "crypto/link_token.hpp"
#include "crypto/seal.hpp"
#include "log/log.hpp"
#include "mail/mime.hpp"

namespace portico::autocreate {

namespace {
constexpr const char* kFolder = "auto_create_portal_user";

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

int64_t ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

Settings settings_from_env() {
  Settings s;
  s.batch = env_int("PORTICO_AUTOCREATE_BATCH", s.batch, 1, 10000);
  s.period_s = env_int("PORTICO_AUTOCREATE_PERIOD_SECONDS", s.period_s, 1, 86400);
  s.pause_ms = env_int("PORTICO_AUTOCREATE_PAUSE_MS", s.pause_ms, 0, 60000);
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  s.runner = std::string(host[0] ? host : "localhost") + ":" + std::to_string(getpid());
  return s;
}

Decision decide(const Queued& q, const std::string& username_format) {
  if (!q.kind_matches) return {};
  if (q.status != "active") {
    if (q.account_id && q.account_state != "suspended") return {Action::suspend, "", "", ""};
    return {};
  }
  if (q.account_id) return {};
  std::string username;
  if (username_format == "record_id") {
    if (!q.record_ref)
      return {Action::skip, "", "no_record_ref", "the contact has no record ID (record_ref) to use as username"};
    username = *q.record_ref;
  } else {
    if (q.shares_email)
      return {Action::skip, "", "duplicate_email",
              "another active contact of this portal has the e-mail '" + q.email + "' and no account"};
    username = lower(q.email);
  }
  try {
    mail::format_address({q.name, q.email});
  } catch (const mail::BadAddress&) {
    return {Action::skip, "", "bad_email", "the contact's e-mail address '" + q.email + "' cannot receive mail"};
  }
  return {Action::create, username, "", ""};
}

Job::Job(pg::Connection& db, const crypto::Keys& keys, Settings s)
    : db_(db), q_(db), outbox_(db, keys), keys_(keys), s_(std::move(s)) {}

RunTotals Job::run_once(const std::atomic<bool>& stop) {
  RunTotals totals;
  for (const Slot& slot : q_.enabled_slots()) {
    if (stop.load()) break;
    auto t0 = std::chrono::steady_clock::now();
    int64_t run = q_.start_run(slot.org_id, slot.portal, s_.runner);
    RunTotals mine;
    std::string outcome;
    try {
      outcome = run_slot(slot, run, mine, stop);
    } catch (const pg::Error& e) {
      if (e.kind == pg::ErrorKind::connection) throw;  // nothing more can be done or recorded on this pass
      // One org's failure (its open batch rolled back) does not hold up the others; the next pass retries.
      log::error("org " + std::to_string(slot.org_id) + " " + slot.portal + " portal: " + e.what());
      outcome = "failed";
    }
    q_.end_run(slot.org_id, run, outcome, ms_since(t0));
    log::info("org " + std::to_string(slot.org_id) + " " + slot.portal + " portal: run " + std::to_string(run) + " " +
              outcome + ", created " + std::to_string(mine.created) + ", suspended " +
              std::to_string(mine.suspended) + ", skipped " + std::to_string(mine.skipped) + " in " +
              std::to_string(ms_since(t0)) + "ms");
    totals.created += mine.created;
    totals.suspended += mine.suspended;
    totals.skipped += mine.skipped;
    totals.busy += mine.busy;
  }
  return totals;
}

std::string Job::run_slot(const Slot& slot, int64_t run, RunTotals& totals, const std::atomic<bool>& stop) {
  int64_t after = 0;
  bool busy = false;
  while (!stop.load() && run_batch(slot, run, after, busy, totals)) {
    if (s_.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(s_.pause_ms));
  }
  if (busy) ++totals.busy;
  return busy ? "busy" : "finished";
}

bool Job::run_batch(const Slot& start, int64_t run, int64_t& after, bool& busy, RunTotals& totals) {
  pg::Transaction tx(db_);
  if (!q_.try_lock(start.org_id, start.portal)) {
    busy = true;
    return false;
  }
  auto slot = q_.settings(start.org_id, start.portal);  // as they are now: staff may have changed them
  if (!slot) return false;
  std::vector<Queued> picked = q_.pick(slot->org_id, slot->portal, after, s_.batch);
  if (picked.empty()) return false;
  after = picked.back().contact_id;

  bool generated = slot->credential_mode == "generated_password";
  std::vector<int64_t> done, to_suspend;
  std::vector<Problem> problems;
  std::vector<NewAccount> wanted;
  std::map<int64_t, const Queued*> by_contact;
  std::map<int64_t, std::string> passwords;  // contact -> generated password, only until it is sealed
  for (const Queued& q : picked) {
    Decision d = decide(q, slot->username_format);
    switch (d.action) {
      case Action::drop: done.push_back(q.contact_id); break;
      case Action::suspend:
        to_suspend.push_back(*q.account_id);
        done.push_back(q.contact_id);
        break;
      case Action::skip: problems.push_back({q.contact_id, d.reason, d.detail}); break;
      case Action::create: {
        NewAccount n{q.contact_id, d.username, std::nullopt};
        if (generated) {
          std::string pw = crypto::generate_password();
          n.credential = crypto::generated_credential(keys_, pw);
          passwords[q.contact_id] = std::move(pw);
        }
        by_contact[q.contact_id] = &q;
        wanted.push_back(std::move(n));
        break;
      }
    }
  }

  auto made = q_.create_accounts(slot->org_id, run, generated, wanted);
  std::map<int64_t, int64_t> account_of(made.begin(), made.end());
  std::map<int64_t, std::string> username_of;
  for (const NewAccount& n : wanted) {
    username_of[n.contact_id] = n.username;
    if (account_of.contains(n.contact_id)) {
      done.push_back(n.contact_id);
    } else {
      problems.push_back({n.contact_id, "username_taken",
                          "the username '" + n.username + "' is already taken by another account of this organisation"});
    }
  }

  std::map<int64_t, MadeLink> link_of;  // account -> its welcome link
  std::map<int64_t, std::string> token_of;
  if (!generated) {
    std::vector<NewLink> links;
    for (const auto& [contact, account] : made) {
      auto link = crypto::issue_link(keys_, crypto::LinkPurpose::set_password);
      token_of[account] = link.token;
      links.push_back({account, link.secret_hash});
    }
    for (auto& l : q_.create_links(slot->org_id, auth::kWelcomeLinkHours, links)) link_of[l.account_id] = l;
  }

  std::optional<mail::Override> custom = outbox_.override_for(slot->org_id, kFolder);
  std::string base = slot->base_url;
  if (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<QueuedMail> mails;
  for (const auto& [contact, account] : made) {
    const Queued& q = *by_contact.at(contact);
    Welcome w{q.name, slot->org_name, slot->base_url, "", std::nullopt, std::nullopt, std::nullopt};
    w.username = username_of.at(contact);
    if (generated) {
      w.password = passwords.at(contact);
    } else {
      w.set_password_link = base + "/password/set/" + token_of.at(account);
      w.expires = link_of.at(account).expires;
    }
    ctemplate::TemplateDictionary dict(kFolder);
    fill_welcome(dict, w);
    mail::Rendered r = mail::render(kFolder, dict, custom);
    std::string key = "autocreate:account:" + std::to_string(account);
    auto sealed = crypto::seal(keys_, mail::Outbox::pack({r.text, r.html}), mail::Outbox::seal_context(slot->org_id, key));
    mails.push_back({key, contact, q.email, q.name, r.subject, std::move(sealed.bytes), sealed.key_id});
  }
  q_.queue_mail(slot->org_id, mails);
  int64_t suspended = q_.suspend(slot->org_id, run, to_suspend);
  q_.dequeue(slot->org_id, done);
  q_.note_problems(slot->org_id, problems);
  q_.progress(slot->org_id, run, static_cast<int64_t>(made.size()), suspended, problems);
  tx.commit();

  totals.created += static_cast<int64_t>(made.size());
  totals.suspended += suspended;
  totals.skipped += static_cast<int64_t>(problems.size());
  return static_cast<int>(picked.size()) == s_.batch;
}

}  // namespace portico::autocreate
