-- Session lookups name the session by its hash. With only (org_id, id_hash) to go by, the cached generic
-- plan of auth.context (org_id a parameter from a join) scanned every session of the org through another
-- index (1.4 ms with 8,600 sessions, growing with them). A hash of 256 random bits is unique on its own:
-- an index on it alone is the plan for any statistics (0.04 ms; docs/performance.md).
CREATE UNIQUE INDEX session_id_hash ON session (id_hash);
