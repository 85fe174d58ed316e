#include "api_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "accounts_db.hpp"
#include "autocreate_db.hpp"
#include "applications_db.hpp"
#include "auth/password_links.hpp"
#include "clients_db.hpp"
#include "contacts_db.hpp"
#include "dashboard_db.hpp"
#include "documents_db.hpp"
#include "files/chunks.hpp"
#include "messages_db.hpp"
#include "crypto/token.hpp"
#include "groups_db.hpp"
#include "mail/outbox.hpp"
#include "outbox_db.hpp"
#include "portals_db.hpp"
#include "processes_db.hpp"
#include "tasks_db.hpp"
#include "templates_db.hpp"

namespace portico::api {

namespace {
constexpr std::array<pg::Statement, 1> kList{{
    {"api.key",
     // $1 host, $2 key hash (bytea or NULL). No row: unknown host; a row with a NULL id: no usable key.
     "WITH o AS (SELECT org_id FROM org_host WHERE host = $1), "
     "k AS (SELECT k.org_id, k.id, k.permissions, k.last_used_at FROM api_key k JOIN o ON k.org_id = o.org_id "
     "      WHERE k.key_hash = $2::bytea AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())), "
     "touch AS (UPDATE api_key SET last_used_at = now() FROM k "
     "          WHERE api_key.org_id = k.org_id AND api_key.id = k.id "
     "          AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')) "
     "SELECT o.org_id, k.id, array_to_json(k.permissions)::text FROM o LEFT JOIN k ON true"},
}};
}  // namespace

std::vector<std::span<const pg::Statement>> api_statements() {
  return {kList,
          contacts_db::statements(),
          clients_db::statements(),
          groups_db::statements(),
          accounts_db::statements(),
          outbox_db::statements(),
          templates_db::statements(),
          tasks_db::statements(),
          dashboard_db::statements(),
          autocreate_db::statements(),
          documents_db::statements(),
          messages_db::statements(),
          files::statements(),
          processes_db::statements(),
          portals_db::statements(),
          applications_db::statements(),
          // What the invitations use, in the same transactions as the account writes.
          auth::PasswordLinks::statements(),
          mail::Outbox::statements()};
}

KeyCheck check_key(pg::Connection& db, std::string_view host, const std::optional<std::string>& key_hash) {
  std::optional<std::string> hex;
  if (key_hash) hex = crypto::to_hex(*key_hash);
  pg::Result r = db.run("api.key", {host, hex});
  KeyCheck out;
  if (r.empty()) return out;
  out.org_known = true;
  if (r.is_null(0, 1)) return out;
  Caller c;
  c.org_id = r.i64(0, 0);
  c.key_id = r.i64(0, 1);
  for (const auto& p : nlohmann::json::parse(r.view(0, 2)))
    if (p.is_string()) c.permissions.push_back(p.get<std::string>());
  out.caller = std::move(c);
  return out;
}

}  // namespace portico::api
