#include "metrics/metrics_db.hpp"

#include <array>
#include <cstdlib>

namespace portico::metrics {

namespace {
constexpr std::array<pg::Statement, 4> kList{{
    {"metrics.totals", "SELECT handler, metric, label, value FROM metric_total ORDER BY handler, metric, label"},
    {"metrics.outbox",
     // Queued rows are what the partial index outbox_due holds, dead ones outbox_dead: neither scans sent mail.
     "SELECT (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')), "
     "       (SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 FROM outbox "
     "         WHERE state IN ('pending', 'sending')), "
     "       (SELECT count(*) FROM outbox WHERE state = 'dead')"},
    {"metrics.runs",
     "SELECT o.slug, r.portal, r.outcome, count(*) FROM autocreate_run r JOIN org o ON o.id = r.org_id "
     "GROUP BY o.slug, r.portal, r.outcome ORDER BY o.slug, r.portal, r.outcome"},
    {"metrics.last_runs",
     "SELECT o.slug, l.portal, EXTRACT(EPOCH FROM l.finished_at)::float8, COALESCE(l.duration_ms, 0), "
     "       l.created, l.suspended, l.skipped "
     "FROM (SELECT DISTINCT ON (org_id, portal) * FROM autocreate_run WHERE outcome = 'finished' "
     "      ORDER BY org_id, portal, id DESC) l JOIN org o ON o.id = l.org_id ORDER BY o.slug, l.portal"},
}};

double f64(const pg::Result& r, int row, int col) { return std::strtod(r.str(row, col).c_str(), nullptr); }
}  // namespace

std::span<const pg::Statement> MetricsDb::statements() { return kList; }

Snapshot MetricsDb::read() {
  Snapshot s;
  pg::Transaction tx(c_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto t = c_.run("metrics.totals", {});
  for (int i = 0; i < t.rows(); ++i) s.totals.push_back({t.str(i, 0), t.str(i, 1), t.str(i, 2), t.i64(i, 3)});
  auto o = c_.run("metrics.outbox", {});
  s.outbox = {o.i64(0, 0), f64(o, 0, 1), o.i64(0, 2)};
  auto r = c_.run("metrics.runs", {});
  for (int i = 0; i < r.rows(); ++i) s.runs.push_back({r.str(i, 0), r.str(i, 1), r.str(i, 2), r.i64(i, 3)});
  auto l = c_.run("metrics.last_runs", {});
  for (int i = 0; i < l.rows(); ++i)
    s.last_runs.push_back({l.str(i, 0), l.str(i, 1), f64(l, i, 2), static_cast<double>(l.i64(i, 3)) / 1000.0,
                           l.i64(i, 4), l.i64(i, 5), l.i64(i, 6)});
  tx.commit();
  return s;
}

}  // namespace portico::metrics
