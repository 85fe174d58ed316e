#include "bearer_key.hpp"

#include <cctype>

namespace portico::api {

bool valid_key_format(std::string_view s) {
  if (s.size() != kKeyPrefix.size() + kKeySecretLength || !s.starts_with(kKeyPrefix)) return false;
  for (char c : s.substr(kKeyPrefix.size())) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string_view> bearer_key(std::string_view h) {
  constexpr std::string_view scheme = "bearer";
  if (h.size() <= scheme.size()) return std::nullopt;
  for (size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(h[i])) != scheme[i]) return std::nullopt;
  h.remove_prefix(scheme.size());
  if (h.front() != ' ') return std::nullopt;
  while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.remove_suffix(1);
  if (!valid_key_format(h)) return std::nullopt;
  return h;
}

}  // namespace portico::api
