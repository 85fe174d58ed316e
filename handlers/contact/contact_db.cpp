#include "contact/contact_db.hpp"

#include <array>

#include <nlohmann/json.hpp>

namespace portico::contact {

namespace {
constexpr std::array<pg::Statement, 4> kList{{
    {"contact.sender",
     // The identifier keys of every group the contact is in, each once, in group then field order.
     "SELECT c.name, c.email, o.display_name, o.contact_email, o.base_url, "
     "  coalesce((SELECT json_agg(json_build_array(x.k, coalesce(c.identifiers->>x.k, '')) ORDER BY x.pos) "
     "            FROM (SELECT u.k, min(g.id * 1000 + u.ord) AS pos FROM group_member m "
     "                  JOIN contact_group g ON g.org_id = m.org_id AND g.id = m.group_id "
     "                  CROSS JOIN LATERAL unnest(g.identifier_fields) WITH ORDINALITY AS u(k, ord) "
     "                  WHERE m.org_id = c.org_id AND m.contact_id = c.id GROUP BY u.k) x), '[]')::text "
     "FROM contact c JOIN org o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2"},
    {"contact.sent_last_hour",
     "WITH lock AS (SELECT id FROM contact WHERE org_id = $1 AND id = $2 FOR UPDATE) "
     "SELECT count(*) FROM message m, lock "
     "WHERE m.org_id = $1 AND m.contact_id = lock.id AND m.created_at > now() - interval '1 hour'"},
    {"contact.insert",
     "WITH m AS (INSERT INTO message (org_id, contact_id, visit, subject, body, to_email, client_address) "
     "           VALUES ($1, $2, $3, $4, $5, $6, $7::inet) RETURNING id), "
     "a AS (INSERT INTO audit_log (org_id, actor_type, actor_id, action, object_type, object_id, ip) "
     "      SELECT $1, 'contact', $2, 'message.send', 'message', m.id, $7::inet FROM m) "
     "SELECT id FROM m"},
    {"contact.set_outbox", "UPDATE message SET outbox_id = $3 WHERE org_id = $1 AND id = $2"},
}};
}  // namespace

std::span<const pg::Statement> ContactDb::statements() { return kList; }

Sender ContactDb::sender(int64_t org, int64_t contact) {
  auto r = c_.run("contact.sender", {org, contact});
  if (r.empty()) throw std::runtime_error("the session's contact is gone");
  Sender s{r.str(0, 0), r.str(0, 1), r.str(0, 2), r.str(0, 3), r.str(0, 4), {}};
  for (const auto& pair : nlohmann::json::parse(r.view(0, 5)))
    s.identifiers.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  return s;
}

int64_t ContactDb::sent_last_hour(int64_t org, int64_t contact) {
  return c_.run("contact.sent_last_hour", {org, contact}).i64(0, 0);
}

int64_t ContactDb::insert(int64_t org, int64_t contact, const std::string& visit, const std::string& subject,
                          const std::string& body, const std::string& to_email,
                          const std::optional<std::string>& ip) {
  return c_.run("contact.insert", {org, contact, visit, subject, body, to_email, ip}).i64(0, 0);
}

void ContactDb::set_outbox(int64_t org, int64_t message, int64_t outbox_id) {
  c_.run("contact.set_outbox", {org, message, outbox_id});
}

}  // namespace portico::contact
