#include "metrics/metrics_view.hpp"

#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

#include <map>
#include <sstream>

#include "metrics/request_metrics.hpp"

namespace portico::metrics {

namespace {
using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

ClientMetric gauge(std::vector<ClientMetric::Label> labels, double v) {
  ClientMetric m;
  m.label = std::move(labels);
  m.gauge.value = v;
  return m;
}

ClientMetric counter(std::vector<ClientMetric::Label> labels, double v) {
  ClientMetric m;
  m.label = std::move(labels);
  m.counter.value = v;
  return m;
}

// Per handler: the stored (not cumulative) bucket counts by label, and the latency sum.
struct Latency {
  std::map<std::string, int64_t> buckets;
  int64_t sum_us = 0;
};

ClientMetric histogram(const std::string& handler, const Latency& l) {
  ClientMetric m;
  m.label = {{"handler", handler}};
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    auto it = l.buckets.find(bucket_label(i));
    if (it != l.buckets.end()) cumulative += static_cast<uint64_t>(it->second);
    m.histogram.bucket.push_back({cumulative, kBuckets[i]});
  }
  auto inf = l.buckets.find(bucket_label(kBuckets.size()));
  if (inf != l.buckets.end()) cumulative += static_cast<uint64_t>(inf->second);
  m.histogram.sample_count = cumulative;  // the serializer writes it as the +Inf bucket and _count
  m.histogram.sample_sum = static_cast<double>(l.sum_us) / 1e6;
  return m;
}
}  // namespace

std::string exposition(const Snapshot& s) {
  MetricFamily requests{"portico_http_requests_total", "Requests answered, by handler and HTTP status.",
                        MetricType::Counter, {}};
  MetricFamily latency{"portico_http_request_duration_seconds",
                       "Time from accepting a request to having sent the response, by handler.",
                       MetricType::Histogram, {}};
  std::map<std::string, Latency> by_handler;
  for (const auto& t : s.totals) {
    if (t.metric == "requests")
      requests.metric.push_back(counter({{"handler", t.handler}, {"status", t.label}}, static_cast<double>(t.value)));
    else if (t.metric == "duration_bucket")
      by_handler[t.handler].buckets[t.label] += t.value;
    else if (t.metric == "duration_sum_us")
      by_handler[t.handler].sum_us += t.value;
  }
  for (const auto& [handler, l] : by_handler) latency.metric.push_back(histogram(handler, l));

  std::vector<MetricFamily> f{std::move(requests), std::move(latency)};
  f.push_back({"portico_outbox_queued", "E-mails waiting to be sent (pending or being sent).", MetricType::Gauge,
               {gauge({}, static_cast<double>(s.outbox.queued))}});
  f.push_back({"portico_outbox_oldest_queued_age_seconds", "Age of the oldest e-mail waiting to be sent (0: none).",
               MetricType::Gauge, {gauge({}, s.outbox.oldest_queued_seconds)}});
  f.push_back({"portico_outbox_dead", "E-mails given up on after the last retry (dead), waiting for staff.",
               MetricType::Gauge, {gauge({}, static_cast<double>(s.outbox.dead))}});

  MetricFamily runs{"portico_autocreate_runs_total", "Auto-create runs, by org, portal and outcome.",
                    MetricType::Counter, {}};
  for (const auto& r : s.runs)
    runs.metric.push_back(
        counter({{"org", r.org}, {"portal", r.portal}, {"outcome", r.outcome}}, static_cast<double>(r.runs)));
  f.push_back(std::move(runs));
  struct Last {
    const char* name;
    const char* help;
    double (*value)(const LastRun&);
  };
  const Last last[] = {
      {"portico_autocreate_last_run_timestamp_seconds", "When the latest finished auto-create run ended (Unix time).",
       [](const LastRun& r) { return r.finished_at; }},
      {"portico_autocreate_last_run_duration_seconds", "How long the latest finished auto-create run took.",
       [](const LastRun& r) { return r.duration_seconds; }},
      {"portico_autocreate_last_run_created", "Accounts the latest finished auto-create run created.",
       [](const LastRun& r) { return static_cast<double>(r.created); }},
      {"portico_autocreate_last_run_suspended", "Accounts the latest finished auto-create run suspended.",
       [](const LastRun& r) { return static_cast<double>(r.suspended); }},
      {"portico_autocreate_last_run_skipped", "Contacts the latest finished auto-create run skipped (problems).",
       [](const LastRun& r) { return static_cast<double>(r.skipped); }},
  };
  for (const auto& d : last) {
    MetricFamily fam{d.name, d.help, MetricType::Gauge, {}};
    for (const auto& r : s.last_runs) fam.metric.push_back(gauge({{"org", r.org}, {"portal", r.portal}}, d.value(r)));
    f.push_back(std::move(fam));
  }

  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, f);
  return out.str();
}

}  // namespace portico::metrics
