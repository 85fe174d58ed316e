#pragma once
// Request counters of one handler process: every worker adds to them with relaxed atomic increments (no
// lock, no database work per request). A Flusher moves what accumulated into PostgreSQL every few
// seconds, where portico-metrics sums the totals of every process on every host (docs/interfaces.md).
#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace portico::metrics {

// Upper bounds (seconds) of the latency histogram's buckets; one more bucket above the last is +Inf.
inline constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
// The label a bucket is stored and exposed under ("0.005" ... "10", "+Inf").
std::string bucket_label(size_t i);

// What accumulated since the last take(): per status, per bucket (not cumulative), and the latency sum.
struct Delta {
  std::vector<std::pair<int, int64_t>> statuses;  // status, count; only statuses seen
  std::array<int64_t, kBuckets.size() + 1> buckets{};
  int64_t sum_us = 0;
  bool empty() const { return statuses.empty(); }
};

class RequestMetrics {
 public:
  void record(int status, double duration_ms);
  // Takes what accumulated (each counter swapped with 0, so an increment racing with it lands in this
  // delta or the next, never in neither).
  Delta take();
  // Puts a delta back after a flush that failed, so nothing is lost while the database is away.
  void give_back(const Delta& d);

 private:
  static constexpr int kMaxStatus = 600;
  std::array<std::atomic<int64_t>, kMaxStatus> statuses_{};
  std::array<std::atomic<int64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<int64_t> sum_us_{0};
};

}  // namespace portico::metrics
