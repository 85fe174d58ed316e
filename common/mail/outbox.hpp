#pragma once
// Queues e-mail in the caller's transaction. The same idempotency key never queues a second message.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <ctemplate/template.h>

#include "crypto/keys.hpp"
#include "mail/mail_template.hpp"
#include "mail/mime.hpp"
#include "pg/connection.hpp"

namespace portico::mail {

struct Outgoing {
  int64_t org_id = 0;
  std::string idempotency_key;  // e.g. "welcome:account:42:1"
  std::string folder;           // template folder it was rendered from
  std::optional<int64_t> contact_id;
  Address to;
  std::string subject, text, html;
};

struct Body {
  std::string text, html;
};

class Outbox {
 public:
  Outbox(pg::Connection& db, const crypto::Keys& keys) : db_(db), keys_(keys) {}
  static std::span<const pg::Statement> statements();

  // The new row's id, or nullopt when a message with this key was queued before. Throws BadAddress.
  std::optional<int64_t> enqueue(const Outgoing& m);

  // Renders folder for the org (its saved override, else the shipped default) and queues it; m's subject
  // and bodies are filled from the template.
  std::optional<int64_t> queue(std::string_view folder, const ctemplate::TemplateDictionary& values, Outgoing m);
  std::optional<Override> override_for(int64_t org_id, std::string_view folder);

  // The context a body is sealed under: binds it to its row.
  static std::string seal_context(int64_t org_id, const std::string& idempotency_key);
  static std::string pack(const Body& b);
  static std::optional<Body> unpack(const std::string& packed);

 private:
  pg::Connection& db_;
  const crypto::Keys& keys_;
};

}  // namespace portico::mail
