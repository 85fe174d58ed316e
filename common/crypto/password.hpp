#pragma once
// Argon2id password hashing (libsodium) with a cap on concurrent hashes, and password rules (ASVS 5.0
// V6.2: 12..128 characters, no composition rules, guessable passwords refused by zxcvbn).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::crypto {

// t=2, 19 MiB: OWASP's minimum for Argon2id; about 20-40 ms here.
constexpr unsigned long long kPwOps = 2;
constexpr size_t kPwMem = 19u * 1024u * 1024u;

std::string hash_password(std::string_view password);  // throws on out-of-memory
// Verifies against the stored hash; with no stored hash, verifies against a dummy so timing reveals nothing.
bool verify_password(std::string_view password, const std::optional<std::string>& stored);
bool needs_rehash(const std::string& stored);

// Limits concurrent Argon2 computations in this process (each takes kPwMem of memory and a core).
void set_hash_concurrency(unsigned n);

// Why a new password is refused, or nullopt when acceptable. user_words: username, e-mail, name, org name.
std::optional<std::string> password_problem(std::string_view password, const std::vector<std::string>& user_words);

}  // namespace portico::crypto
