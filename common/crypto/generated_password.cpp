#include "crypto/generated_password.hpp"

#include <sodium.h>

#include "crypto/password.hpp"
#include "crypto/token.hpp"

namespace portico::crypto {

namespace {
constexpr std::string_view kPrefix = "$portico-keyed$";

std::string keyed_hash(const Keys& keys, size_t index, std::string_view password) {
  Key k = keys.derive(Purpose::generated_password, index);
  std::string h = hash_secret(password, &k);
  sodium_memzero(k.data(), k.size());
  return b64url(h);
}
}  // namespace

std::string generate_password() {
  unsigned char buf[20];
  randombytes_buf(buf, sizeof buf);
  std::string out = b64url(std::string_view(reinterpret_cast<char*>(buf), sizeof buf));
  sodium_memzero(buf, sizeof buf);
  return out;
}

std::string generated_credential(const Keys& keys, std::string_view password) {
  return std::string(kPrefix) + keys.current_id() + "$" + keyed_hash(keys, 0, password);
}

bool is_generated_credential(std::string_view stored) { return stored.starts_with(kPrefix); }

bool verify_credential(const Keys& keys, std::string_view password, const std::optional<std::string>& stored) {
  if (!stored || !is_generated_credential(*stored)) return verify_password(password, stored);
  verify_password(password, std::nullopt);  // the same Argon2 cost as any other sign-in
  std::string_view rest = std::string_view(*stored).substr(kPrefix.size());
  size_t dollar = rest.find('$');
  if (dollar == std::string_view::npos) return false;
  int index = keys.find(std::string(rest.substr(0, dollar)));
  if (index < 0) return false;
  return equal_ct(keyed_hash(keys, static_cast<size_t>(index), password), rest.substr(dollar + 1));
}

}  // namespace portico::crypto
