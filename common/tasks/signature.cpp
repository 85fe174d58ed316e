#include "tasks/signature.hpp"

#include <sodium.h>

#include <string>

namespace portico::tasks {

namespace {
std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}
}  // namespace

nlohmann::json signature_evidence(const nlohmann::json& spec, std::string_view client_address,
                                  std::string_view user_agent) {
  return {{"document_title", spec.value("document_title", "")},
          {"document_sha256", sha256_hex(spec.value("document_text", ""))},
          {"client_address", std::string(client_address)},
          {"user_agent", std::string(user_agent.substr(0, 300))}};
}

}  // namespace portico::tasks
