#include <boost/test/unit_test.hpp>

#include <set>

#include "crypto/generated_password.hpp"

using namespace portico::crypto;

namespace {
Keys keys() { return Keys::from_text("ka EykyrD6bJeCvMxTVDTDzFMd6GwnyBSB2kcF6DMVNtO4=\n"); }
}

BOOST_AUTO_TEST_CASE(generated_passwords_are_long_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = generate_password();
    BOOST_CHECK_EQUAL(p.size(), 27u);  // 160 bits in base64url
    seen.insert(p);
  }
  BOOST_CHECK_EQUAL(seen.size(), 50u);
}

BOOST_AUTO_TEST_CASE(credential_verifies_only_its_password_and_never_holds_it) {
  std::string p = generate_password();
  std::string c = generated_credential(keys(), p);
  BOOST_CHECK(is_generated_credential(c));
  BOOST_CHECK(c.find(p) == std::string::npos);
  BOOST_CHECK(verify_credential(keys(), p, c));
  BOOST_CHECK(!verify_credential(keys(), p + "x", c));
  BOOST_CHECK(!verify_credential(keys(), "", c));
  // Another server key, or a credential whose key is gone, never verifies.
  BOOST_CHECK(!verify_credential(Keys::from_text("ka 0rCmq5Nq0Ug0z0pYgCRSh0RnyFm4Ti7TmYP4pA9MFd0=\n"), p, c));
  std::string other_key = c;
  other_key.replace(other_key.find("$ka$"), 4, "$kz$");
  BOOST_CHECK(!verify_credential(keys(), p, other_key));
  BOOST_CHECK(!verify_credential(keys(), p, std::string("$portico-keyed$ka")));
}

BOOST_AUTO_TEST_CASE(argon2_hashes_still_verify) {
  BOOST_CHECK(!is_generated_credential("$argon2id$v=19$m=19456,t=2,p=1$x$y"));
  BOOST_CHECK(!verify_credential(keys(), "whatever", std::nullopt));
}
