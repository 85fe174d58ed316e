#pragma once
// Moves a process's request counters into PostgreSQL every period, on a thread and connection of its own,
// and once more when it is destroyed (a clean stop loses nothing; a SIGKILL loses at most one period).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "metrics/request_metrics.hpp"

namespace portico::metrics {

class Flusher {
 public:
  Flusher(std::string handler, std::string conninfo, RequestMetrics& counters, std::chrono::milliseconds period);
  Flusher(const Flusher&) = delete;
  Flusher& operator=(const Flusher&) = delete;
  ~Flusher();

 private:
  void run();

  std::string handler_, conninfo_;
  RequestMetrics& counters_;
  std::chrono::milliseconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace portico::metrics
