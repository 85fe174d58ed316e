#pragma once
// SQL pieces the *_db.cpp files share. Macros, because each prepared statement is one string literal
// glued together at compile time; nothing here ever sees request data.

// A timestamptz as ISO 8601 in UTC with microseconds: 2024-05-01T09:30:00.123456Z
#define PORTICO_API_ISO_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

// An audit_log row for each row of the CTE src (which returns the written row's id). Every write
// statement takes $1 org, $2 API key id, $3 client address, $4 the fields written (the detail).
#define PORTICO_API_AUDIT(action, object_type, src)                                            \
  "audit AS (INSERT INTO audit_log "                                                           \
  "(org_id, actor_type, actor_id, action, object_type, object_id, detail, ip) "                \
  "SELECT $1::bigint, 'staff_key', $2::bigint, '" action "', '" object_type "', " src ".id, "  \
  "$4::jsonb, $3::inet FROM " src ")"
