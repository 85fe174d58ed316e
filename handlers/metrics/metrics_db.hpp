#pragma once
// All SQL of the metrics handler: the summed request counters and the figures read from the database.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pg/connection.hpp"

namespace portico::metrics {

struct TotalRow {
  std::string handler, metric, label;  // metric: requests | duration_bucket | duration_sum_us
  int64_t value = 0;
};

struct OutboxFigures {
  int64_t queued = 0;                // pending or sending
  double oldest_queued_seconds = 0;  // age of the oldest of them; 0 when none
  int64_t dead = 0;
};

struct RunCount {
  std::string org, portal, outcome;
  int64_t runs = 0;
};

// The latest finished auto-create run of one (org, portal).
struct LastRun {
  std::string org, portal;
  double finished_at = 0;  // Unix seconds
  double duration_seconds = 0;
  int64_t created = 0, suspended = 0, skipped = 0;
};

struct Snapshot {
  std::vector<TotalRow> totals;
  OutboxFigures outbox;
  std::vector<RunCount> runs;
  std::vector<LastRun> last_runs;
};

class MetricsDb {
 public:
  explicit MetricsDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // Everything /metrics shows, from one snapshot of the database.
  Snapshot read();

 private:
  pg::Connection& c_;
};

}  // namespace portico::metrics
