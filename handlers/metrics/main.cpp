// portico-metrics: GET /metrics (Prometheus text format) for the local host.
#include "metrics/metrics.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"metrics", kNeedDb, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<metrics::Metrics>(env); });
}
