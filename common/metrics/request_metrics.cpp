#include "metrics/request_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace portico::metrics {

std::string bucket_label(size_t i) {
  if (i >= kBuckets.size()) return "+Inf";
  std::ostringstream s;
  s << kBuckets[i];
  return s.str();
}

void RequestMetrics::record(int status, double duration_ms) {
  if (status < 0 || status >= kMaxStatus) status = 0;
  statuses_[static_cast<size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  double seconds = duration_ms / 1000.0;
  size_t b = static_cast<size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  sum_us_.fetch_add(std::llround(std::max(0.0, duration_ms) * 1000.0), std::memory_order_relaxed);
}

Delta RequestMetrics::take() {
  Delta d;
  for (size_t s = 0; s < statuses_.size(); ++s)
    if (int64_t n = statuses_[s].exchange(0, std::memory_order_relaxed)) d.statuses.emplace_back(static_cast<int>(s), n);
  for (size_t b = 0; b < buckets_.size(); ++b) d.buckets[b] = buckets_[b].exchange(0, std::memory_order_relaxed);
  d.sum_us = sum_us_.exchange(0, std::memory_order_relaxed);
  return d;
}

void RequestMetrics::give_back(const Delta& d) {
  for (const auto& [s, n] : d.statuses) statuses_[static_cast<size_t>(s)].fetch_add(n, std::memory_order_relaxed);
  for (size_t b = 0; b < buckets_.size(); ++b) buckets_[b].fetch_add(d.buckets[b], std::memory_order_relaxed);
  sum_us_.fetch_add(d.sum_us, std::memory_order_relaxed);
}

}  // namespace portico::metrics
