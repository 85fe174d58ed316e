// SQL that queues mail; shared by every handler and job that sends e-mail.
#include <array>

#include <nlohmann/json.hpp>

#include "crypto/seal.hpp"
#include "crypto/token.hpp"
#include "mail/outbox.hpp"

namespace portico::mail {

namespace {
constexpr std::array<pg::Statement, 2> kList{{
    {"outbox.override",
     "SELECT subject, body_text, body_html, extract(epoch FROM updated_at)::text FROM mail_template "
     "WHERE org_id = $1 AND folder = $2"},
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

std::optional<Override> Outbox::override_for(int64_t org_id, std::string_view folder) {
  auto r = db_.run("outbox.override", {org_id, folder});
  if (r.empty()) return std::nullopt;
  return Override{org_id, r.str(0, 3), {r.str(0, 0), r.str(0, 1), r.str(0, 2)}};
}

std::optional<int64_t> Outbox::queue(std::string_view folder, const ctemplate::TemplateDictionary& values, Outgoing m) {
  Rendered r = render(folder, values, override_for(m.org_id, folder));
  m.folder = folder;
  m.subject = std::move(r.subject);
  m.text = std::move(r.text);
  m.html = std::move(r.html);
  return enqueue(m);
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
