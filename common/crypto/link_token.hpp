#pragma once
// E-mailed link tokens: "v1.<key id>.<secret>.<mac>". The secret (128 random bits) is stored only as a
// hash; the MAC (crypto_auth under a per-key derived key, over purpose and secret) lets a handler refuse
// a forged or mangled token before any database work, and the key id lets keys rotate.
#include <optional>
#include <string>
#include <string_view>

#include "crypto/keys.hpp"

namespace portico::crypto {

enum class LinkPurpose { complete, set_password, document_view };

struct IssuedLink {
  std::string token;        // goes into the e-mail, never stored
  std::string secret_hash;  // raw 32 bytes for the bytea column
};

IssuedLink issue_link(const Keys& keys, LinkPurpose purpose);
// The stored hash of a well-signed token for this purpose, or nullopt (bad shape, unknown key, bad MAC).
std::optional<std::string> verify_link(const Keys& keys, LinkPurpose purpose, std::string_view token);

}  // namespace portico::crypto
