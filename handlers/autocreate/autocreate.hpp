#pragma once
// portico-autocreate (SPEC §8): for every enabled (org, portal), every queued active candidate (client
// contact) without an account gets one, with its e-mail queued in the same transaction; accounts of
// contacts that became inactive are suspended. Work goes in batches, each one transaction holding the
// slot's advisory lock, so two runs never do the same work and a killed run loses only its open batch.
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "autocreate/autocreate_db.hpp"
#include "crypto/keys.hpp"
#include "mail/outbox.hpp"

namespace portico::autocreate {

struct Settings {
  int batch = 500;             // contacts per transaction
  int period_s = 3600;         // loop mode: seconds between runs
  int pause_ms = 0;            // pause between batches, to leave the database room for other work
  std::string runner;          // who ran it, for the summary (host:pid)
};

Settings settings_from_env();  // throws ConfigError

// What to do with one queued contact.
enum class Action { create, suspend, skip, drop };
struct Decision {
  Action action = Action::drop;
  std::string username;        // create
  std::string reason, detail;  // skip
};
// username_format: email | record_id. Pure, so the rules are unit-tested.
Decision decide(const Queued& q, const std::string& username_format);

struct RunTotals {
  int64_t created = 0, suspended = 0, skipped = 0, busy = 0;
};

class Job {
 public:
  Job(pg::Connection& db, const crypto::Keys& keys, Settings s);
  // One pass over every enabled slot.
  RunTotals run_once(const std::atomic<bool>& stop);

 private:
  // One slot: returns its outcome (finished | busy) and adds to totals.
  std::string run_slot(const Slot& slot, int64_t run, RunTotals& totals, const std::atomic<bool>& stop);
  // One batch in its own transaction; false when the slot is done (or busy, which sets busy).
  bool run_batch(const Slot& slot, int64_t run, int64_t& after, bool& busy, RunTotals& totals);

  pg::Connection& db_;
  AutocreateDb q_;
  mail::Outbox outbox_;
  const crypto::Keys& keys_;
  Settings s_;
};

}  // namespace portico::autocreate
