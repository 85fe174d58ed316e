#pragma once
// The metrics handler: GET /metrics in the Prometheus text format, to the local host only (nginx allows
// only loopback addresses, and this checks REMOTE_ADDR again; X-Forwarded-For is never read).
#include <string_view>

#include "fcgi/server.hpp"
#include "metrics/metrics_db.hpp"

namespace portico::metrics {

// The content type of the text exposition format.
inline constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

// True for the loopback addresses nginx allows (127.0.0.1, ::1).
bool is_loopback(std::string_view remote_addr);

class Metrics final : public fcgi::Worker {
 public:
  explicit Metrics(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  pg::Connection db_;
  MetricsDb q_;
};

}  // namespace portico::metrics
