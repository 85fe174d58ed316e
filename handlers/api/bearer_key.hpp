#pragma once
// Staff API keys as clients send them: "Authorization: Bearer pk_<43 base64url characters>".
#include <optional>
#include <string_view>

namespace portico::api {

constexpr std::string_view kKeyPrefix = "pk_";
constexpr size_t kKeySecretLength = 43;  // 256 random bits, unpadded base64url

// True when s has exactly the shape of a key (so a malformed one never costs a database lookup by hash).
bool valid_key_format(std::string_view s);

// The key from an Authorization header value, or nullopt when the header is missing, uses another
// scheme, or carries something that is not a well-formed key. The scheme name is case-insensitive.
std::optional<std::string_view> bearer_key(std::string_view authorization);

}  // namespace portico::api
