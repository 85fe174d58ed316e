#pragma once
// Encryption at rest for secrets that must be stored for a while (e-mail bodies carrying links or
// generated passwords): XChaCha20-Poly1305 under a key derived from the server key, bound to a context
// string (e.g. the row it belongs to) so a sealed value cannot be moved to another row.
#include <optional>
#include <string>
#include <string_view>

#include "crypto/keys.hpp"

namespace portico::crypto {

struct Sealed {
  std::string key_id;
  std::string bytes;  // nonce followed by ciphertext and tag
};

Sealed seal(const Keys& keys, std::string_view plaintext, std::string_view context);
// nullopt when the key is unknown or the bytes or context do not match.
std::optional<std::string> open_sealed(const Keys& keys, const Sealed& sealed, std::string_view context);

}  // namespace portico::crypto
