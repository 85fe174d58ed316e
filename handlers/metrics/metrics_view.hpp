#pragma once
// The Prometheus text exposition of a snapshot (prometheus-cpp's serializer: escaping and number format).
#include <string>

#include "metrics/metrics_db.hpp"

namespace portico::metrics {

std::string exposition(const Snapshot& s);

}  // namespace portico::metrics
