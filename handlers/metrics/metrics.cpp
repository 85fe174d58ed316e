#include "metrics/metrics.hpp"

#include "http/error.hpp"
#include "metrics/metrics_view.hpp"

namespace portico::metrics {

bool is_loopback(std::string_view remote_addr) { return remote_addr == "127.0.0.1" || remote_addr == "::1"; }

Metrics::Metrics(const fcgi::Env& env) : db_(env.config.db, {MetricsDb::statements()}), q_(db_) {}

http::Response Metrics::handle(http::Request& req) {
  if (req.path() != "/metrics") throw http::not_found();
  if (!is_loopback(req.remote_addr())) throw http::forbidden("Metrics are served to the local host only.");
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  return http::Response::text(exposition(q_.read()), kContentType);
}

}  // namespace portico::metrics
