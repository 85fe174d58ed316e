// SQL that queues mail; shared by every handler and job that sends e-mail.
#include <array>

#include <nlohmann/json.hpp>

#include "crypto/seal.hpp"
#include "crypto/token.hpp"
#include "mail/outbox.hpp"

namespace portico::mail {

namespace {
constexpr std::array<pg::Statement, 1> kList{{
    {"outbox.enqueue",
     "INSERT INTO outbox (org_id, idempotency_key, folder, contact_id, to_email, to_name, subject, sealed_body, key_id) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bytea, $9) ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id"},
}};
}  // namespace

std::span<const pg::Statement> Outbox::statements() { return kList; }

std::string Outbox::seal_context(int64_t org_id, const std::string& key) {
  return "outbox:" + std::to_string(org_id) + ":" + key;
}

std::string Outbox::pack(const Body& b) { return nlohmann::json{{"text", b.text}, {"html", b.html}}.dump(); }

std::optional<Body> Outbox::unpack(const std::string& packed) {
  auto j = nlohmann::json::parse(packed, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j["text"].is_string() || !j["html"].is_string()) return std::nullopt;
  return Body{j["text"].get<std::string>(), j["html"].get<std::string>()};
}

std::optional<int64_t> Outbox::enqueue(const Outgoing& m) {
  format_address(m.to);  // refuse an address the mailer could never use, before anything is stored
  auto sealed = crypto::seal(keys_, pack({m.text, m.html}), seal_context(m.org_id, m.idempotency_key));
  auto r = db_.run("outbox.enqueue", {m.org_id, m.idempotency_key, m.folder, m.contact_id, m.to.email, m.to.name,
                                      m.subject, crypto::to_hex(sealed.bytes), sealed.key_id});
  if (r.empty()) return std::nullopt;
  return r.i64(0, 0);
}

}  // namespace portico::mail
