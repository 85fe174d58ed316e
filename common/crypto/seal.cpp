#include "crypto/seal.hpp"

#include <sodium.h>

namespace portico::crypto {

namespace {
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
const unsigned char* u(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
}  // namespace

Sealed seal(const Keys& keys, std::string_view plaintext, std::string_view context) {
  Key k = keys.derive(Purpose::seal, 0);
  std::string out(kNonce + plaintext.size() + kTag, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(o, kNonce);  // 192-bit random nonces never repeat in practice
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kNonce, &len, u(plaintext), plaintext.size(), u(context),
                                             context.size(), nullptr, o, k.data());
  sodium_memzero(k.data(), k.size());
  out.resize(kNonce + len);
  return {keys.current_id(), std::move(out)};
}

std::optional<std::string> open_sealed(const Keys& keys, const Sealed& s, std::string_view context) {
  int index = keys.find(s.key_id);
  if (index < 0 || s.bytes.size() < kNonce + kTag) return std::nullopt;
  Key k = keys.derive(Purpose::seal, static_cast<size_t>(index));
  std::string out(s.bytes.size() - kNonce - kTag, '\0');
  unsigned long long len = 0;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &len, nullptr,
                                                      u(s.bytes) + kNonce, s.bytes.size() - kNonce, u(context),
                                                      context.size(), u(s.bytes), k.data());
  sodium_memzero(k.data(), k.size());
  if (rc != 0) return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace portico::crypto
