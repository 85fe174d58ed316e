// SQL of org and session resolution, shared by every HTML handler.
#include <array>

#include "auth/context.hpp"

namespace portico::auth {

namespace {
constexpr std::array<pg::Statement, 5> kList{{
    {"auth.context",
     // $1 host, $2 session hash (bytea, may be NULL). Touches last_seen_at at most once a minute.
     "WITH o AS (SELECT org.id, org.slug, org.display_name, org.base_url, org.stylesheet <> '' AS has_css "
     "           FROM org_host h JOIN org ON org.id = h.org_id WHERE h.host = $1), "
     "s AS (SELECT s.* FROM session s JOIN o ON s.org_id = o.id "
     "      LEFT JOIN account a ON a.org_id = s.org_id AND a.id = s.account_id "
     "      WHERE s.id_hash = $2 AND s.last_seen_at > now() - s.idle_timeout AND s.expires_at > now() "
     "      AND (s.account_id IS NULL OR a.state = 'active')), "
     // The key as parameters, not as a join on s's columns: the cached generic plan of the join scanned
     // every session of the org through another index (3 ms with 8,600 sessions; docs/performance.md).
     "touch AS (UPDATE session SET last_seen_at = now() "
     "          WHERE session.org_id = (SELECT s.org_id FROM s) AND session.id_hash = $2 "
     "          AND session.last_seen_at < now() - interval '1 minute') "
     "SELECT o.id, o.slug, o.display_name, o.base_url, o.has_css, s.id_hash IS NOT NULL, s.kind, s.account_id, "
     "       s.contact_id, c.name, c.email, a.username, coalesce(a.must_change_password, false), "
     "       coalesce(a.external_assignee, false), "
     "       EXISTS (SELECT 1 FROM application ap WHERE ap.org_id = s.org_id AND ap.contact_id = s.contact_id) "
     "FROM o LEFT JOIN s ON true "
     "LEFT JOIN contact c ON c.org_id = s.org_id AND c.id = s.contact_id "
     "LEFT JOIN account a ON a.org_id = s.org_id AND a.id = s.account_id"},
    {"auth.create",
     "INSERT INTO session (org_id, id_hash, kind, contact_id, account_id, idle_timeout, expires_at, ip, user_agent) "
     "VALUES ($1, $2, $3, $4, $5, make_interval(mins => $6), now() + make_interval(hours => $7), $8::inet, "
     "left($9, 300))"},
    {"auth.destroy", "DELETE FROM session WHERE org_id = $1 AND id_hash = $2"},
    {"auth.destroy_others",
     "DELETE FROM session WHERE org_id = $1 AND account_id = $2 AND id_hash <> $3"},
    {"auth.sweep",
     // Expired rows are dead weight; each login removes a few. ORDER BY expires_at pins the range scan of
     // session_expires: a plan cached while the table's statistics were stale scanned every session of
     // the org instead (seconds per call under the bench's link flood, docs/performance.md).
     "DELETE FROM session WHERE org_id = $1 AND id_hash IN "
     "(SELECT id_hash FROM session WHERE org_id = $1 AND expires_at < now() ORDER BY expires_at LIMIT 20)"},
}};
}  // namespace

std::span<const pg::Statement> Sessions::statements() { return kList; }

}  // namespace portico::auth
