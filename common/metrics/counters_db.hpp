#pragma once
// All SQL of the request counters' flush: one upsert adding a process's delta to the shared totals.
#include <span>
#include <string>

#include "metrics/request_metrics.hpp"
#include "pg/connection.hpp"

namespace portico::metrics {

class CountersDb {
 public:
  explicit CountersDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  // Adds d to the totals of handler (table metric_total), in one statement.
  void add(const std::string& handler, const Delta& d);

 private:
  pg::Connection& c_;
};

}  // namespace portico::metrics
