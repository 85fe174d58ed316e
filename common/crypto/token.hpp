#pragma once
// Random secrets, their stored hashes, and comparisons in constant time.
#include <string>
#include <string_view>

#include "crypto/keys.hpp"

namespace portico::crypto {

// 256 random bits as unpadded base64url (43 characters).
std::string random_token();
// 32-byte BLAKE2b of a secret, keyed when a key is given; returned as raw bytes for a bytea column.
std::string hash_secret(std::string_view secret, const Key* key = nullptr);
// Keyed MAC as base64url, e.g. a CSRF token bound to a session.
std::string mac_b64(std::string_view message, const Key& key);
bool equal_ct(std::string_view a, std::string_view b);
std::string to_hex(std::string_view bytes);  // for bytea parameters: "\\x..."
std::string b64url(std::string_view bytes);
bool from_b64url(std::string_view text, std::string& out);

}  // namespace portico::crypto
