#include "metrics/counters_db.hpp"

#include <array>

namespace portico::metrics {

namespace {
constexpr std::array<pg::Statement, 1> kList{{
    {"metrics.add",
     // $1 handler, $2 metric names, $3 labels, $4 amounts (parallel arrays, always in the same order, so
     // that processes of one handler flushing at once take the row locks in the same order).
     "INSERT INTO metric_total (handler, metric, label, value) "
     "SELECT $1, m, l, v FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(m, l, v) "
     "ON CONFLICT (handler, metric, label) DO UPDATE SET value = metric_total.value + EXCLUDED.value"},
}};

// A PostgreSQL array literal of plain tokens (digits, dots, letters, '+', '_').
struct ArrayText {
  std::string text = "{";
  void add(const std::string& v) {
    if (text.size() > 1) text += ',';
    text += '"' + v + '"';
  }
  std::string done() const { return text + "}"; }
};
}  // namespace

std::span<const pg::Statement> CountersDb::statements() { return kList; }

void CountersDb::add(const std::string& handler, const Delta& d) {
  ArrayText metric, label, value;
  auto row = [&](const char* m, const std::string& l, int64_t v) {
    metric.add(m);
    label.add(l);
    value.add(std::to_string(v));
  };
  for (const auto& [status, n] : d.statuses) row("requests", std::to_string(status), n);
  for (size_t b = 0; b < d.buckets.size(); ++b)
    if (d.buckets[b]) row("duration_bucket", bucket_label(b), d.buckets[b]);
  row("duration_sum_us", "", d.sum_us);
  c_.run("metrics.add", {handler, metric.done(), label.done(), value.done()});
}

}  // namespace portico::metrics
