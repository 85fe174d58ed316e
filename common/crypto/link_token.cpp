#include "crypto/link_token.hpp"

#include <sodium.h>

#include "crypto/token.hpp"

namespace portico::crypto {

namespace {
const char* purpose_name(LinkPurpose p) {
  switch (p) {
    case LinkPurpose::complete: return "complete";
    case LinkPurpose::set_password: return "set_password";
    case LinkPurpose::document_view: return "document_view";
  }
  return "";
}

std::string signed_part(std::string_view kid, LinkPurpose p, std::string_view secret_b64) {
  return "v1." + std::string(kid) + "." + purpose_name(p) + "." + std::string(secret_b64);
}
}  // namespace

IssuedLink issue_link(const Keys& keys, LinkPurpose purpose) {
  unsigned char secret[16];
  randombytes_buf(secret, sizeof secret);
  std::string raw(reinterpret_cast<char*>(secret), sizeof secret);
  std::string s64 = b64url(raw);
  const std::string& kid = keys.current_id();
  std::string mac = mac_b64(signed_part(kid, purpose, s64), keys.derive(Purpose::link_sign, 0));
  return {"v1." + kid + "." + s64 + "." + mac, hash_secret(raw)};
}

std::optional<std::string> verify_link(const Keys& keys, LinkPurpose purpose, std::string_view token) {
  if (token.size() > 200 || !token.starts_with("v1.")) return std::nullopt;
  std::string_view rest = token.substr(3);
  size_t a = rest.find('.');
  if (a == std::string_view::npos) return std::nullopt;
  size_t b = rest.find('.', a + 1);
  if (b == std::string_view::npos || rest.find('.', b + 1) != std::string_view::npos) return std::nullopt;
  std::string kid(rest.substr(0, a));
  std::string_view s64 = rest.substr(a + 1, b - a - 1), mac = rest.substr(b + 1);
  int index = keys.find(kid);
  if (index < 0) return std::nullopt;
  std::string expected = mac_b64(signed_part(kid, purpose, s64), keys.derive(Purpose::link_sign, static_cast<size_t>(index)));
  if (!equal_ct(expected, mac)) return std::nullopt;
  std::string raw;
  if (!from_b64url(s64, raw) || raw.size() != 16) return std::nullopt;
  return hash_secret(raw);
}

}  // namespace portico::crypto
