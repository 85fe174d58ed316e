#include "metrics/flusher.hpp"

#include "log/log.hpp"
#include "metrics/counters_db.hpp"
#include "pg/connection.hpp"

namespace portico::metrics {

Flusher::Flusher(std::string handler, std::string conninfo, RequestMetrics& counters, std::chrono::milliseconds period)
    : handler_(std::move(handler)), conninfo_(std::move(conninfo)), counters_(counters), period_(period),
      thread_([this] { run(); }) {}

Flusher::~Flusher() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Flusher::run() {
  pg::Connection db(conninfo_, {CountersDb::statements()});
  CountersDb q(db);
  bool warned = false;
  for (;;) {
    bool last;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, period_, [this] { return stop_; });
      last = stop_;
    }
    Delta d = counters_.take();
    if (!d.empty()) {
      try {
        q.add(handler_, d);
        warned = false;
      } catch (const std::exception& e) {
        counters_.give_back(d);  // kept for the next try
        if (!warned) log::error("metrics: cannot flush the request counters (kept for the next try): " + std::string(e.what()));
        warned = true;
      }
    }
    if (last) return;
  }
}

}  // namespace portico::metrics
