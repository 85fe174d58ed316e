-- /metrics (portico-metrics): the request counters of every handler process, summed. Each process counts in
-- memory and adds what it counted here every PORTICO_METRICS_FLUSH_MS, so the totals cover every process on
-- every host and survive restarts. Operational figures of the whole deployment, not tenant data: no org_id.
CREATE TABLE metric_total (
  handler text NOT NULL CHECK (handler ~ '^[a-z][a-z0-9_]{0,30}$'),
  metric  text NOT NULL CHECK (metric IN ('requests', 'duration_bucket', 'duration_sum_us')),
  label   text NOT NULL,  -- requests: the status code; duration_bucket: its upper bound ("0.005" ... "+Inf")
  value   bigint NOT NULL CHECK (value >= 0),
  PRIMARY KEY (handler, metric, label)
);

-- Dead mail is counted for /metrics on every scrape: only those rows, whatever the size of the outbox.
CREATE INDEX outbox_dead ON outbox (org_id, id) WHERE state = 'dead';
