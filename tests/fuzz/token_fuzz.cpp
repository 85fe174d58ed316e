// Link tokens: any string that is not a token we issued is refused, for every purpose, without throwing;
// and a real token never verifies for another purpose.
#include <cstdint>
#include <cstdlib>

#include <sodium.h>

#include "crypto/keys.hpp"
#include "crypto/link_token.hpp"

using namespace portico::crypto;

extern "C" int LLVMFuzzerInitialize(int*, char***) { return sodium_init() < 0 ? 1 : 0; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Keys keys = Keys::from_text(
      "k1 MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\nk0 ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=\n");
  static const IssuedLink real = issue_link(keys, LinkPurpose::complete);
  std::string_view token(reinterpret_cast<const char*>(data), size);
  for (auto p : {LinkPurpose::complete, LinkPurpose::set_password, LinkPurpose::document_view}) {
    auto hash = verify_link(keys, p, token);
    if (hash && token != real.token) std::abort();  // a forgery (chance 2^-256 aside)
    if (hash && p != LinkPurpose::complete) std::abort();
  }
  return 0;
}
