#pragma once
// Generated first passwords (SPEC §8, credential mode generated_password). Such a password is 160 random
// bits, so it needs no slow hash to resist guessing: it is stored as a keyed BLAKE2b (a server key the
// database never holds) until its owner sets a password of their own, which gets Argon2id as usual. That
// keeps creating 100,000 accounts a matter of seconds, not hours of Argon2.
#include <optional>
#include <string>
#include <string_view>

#include "crypto/keys.hpp"

namespace portico::crypto {

// 160 random bits as 27 base64url characters.
std::string generate_password();
// "$portico-keyed$<key id>$<base64url of the keyed hash>": what account.password_hash stores.
std::string generated_credential(const Keys& keys, std::string_view password);
bool is_generated_credential(std::string_view stored);
// Checks a password against any stored credential: a generated one by its keyed hash (and, so that timing
// does not tell the two kinds apart, an Argon2 verify against the dummy hash as well), else Argon2id.
bool verify_credential(const Keys& keys, std::string_view password, const std::optional<std::string>& stored);

}  // namespace portico::crypto
