// Signed link tokens in bulk for scripts/bench/run, which loads the hashes with SQL (the link
// rows themselves are plain data; only the signing needs the server keys).
// Usage: bench-links complete|document_view COUNT   (keys from PORTICO_KEY_FILE)
// Prints COUNT lines "token<TAB><hex of the secret hash>" (SQL decodes it with decode(h, 'hex')).
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "crypto/keys.hpp"
#include "crypto/link_token.hpp"

int main(int argc, char** argv) {
  using portico::crypto::LinkPurpose;
  const char* file = std::getenv("PORTICO_KEY_FILE");
  if (argc != 3 || !file) {
    std::fprintf(stderr, "usage: PORTICO_KEY_FILE=F bench-links complete|document_view COUNT\n");
    return 2;
  }
  LinkPurpose purpose = std::strcmp(argv[1], "complete") == 0 ? LinkPurpose::complete : LinkPurpose::document_view;
  long n = std::atol(argv[2]);
  if (sodium_init() < 0) return 1;
  auto keys = portico::crypto::Keys::load(file);
  std::string hex(65, '\0');
  for (long i = 0; i < n; ++i) {
    auto link = portico::crypto::issue_link(keys, purpose);
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(link.secret_hash.data()),
                   link.secret_hash.size());
    std::printf("%s\t%s\n", link.token.c_str(), hex.c_str());
  }
}
