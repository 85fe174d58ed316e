#include <boost/test/unit_test.hpp>

#include "crypto/seal.hpp"

using namespace portico::crypto;

namespace {
Keys keys() { return Keys::from_text("ka EykyrD6bJeCvMxTVDTDzFMd6GwnyBSB2kcF6DMVNtO4=\n"); }
}

BOOST_AUTO_TEST_CASE(round_trip_and_hides_plaintext) {
  auto s = seal(keys(), "link: https://x/password/set/secret", "outbox:1:k");
  BOOST_CHECK_EQUAL(s.key_id, "ka");
  BOOST_CHECK(s.bytes.find("secret") == std::string::npos);
  auto p = open_sealed(keys(), s, "outbox:1:k");
  BOOST_REQUIRE(p);
  BOOST_CHECK_EQUAL(*p, "link: https://x/password/set/secret");
}

BOOST_AUTO_TEST_CASE(wrong_context_tamper_or_key_fails) {
  auto s = seal(keys(), "hello", "outbox:1:k");
  BOOST_CHECK(!open_sealed(keys(), s, "outbox:2:k"));
  auto t = s;
  t.bytes[t.bytes.size() - 1] ^= 1;
  BOOST_CHECK(!open_sealed(keys(), t, "outbox:1:k"));
  auto u = s;
  u.key_id = "kb";
  BOOST_CHECK(!open_sealed(keys(), u, "outbox:1:k"));
  BOOST_CHECK(!open_sealed(Keys::from_text("ka 0rCmq5Nq0Ug0z0pYgCRSh0RnyFm4Ti7TmYP4pA9MFd0=\n"), s, "outbox:1:k"));
}

BOOST_AUTO_TEST_CASE(each_seal_uses_a_fresh_nonce) {
  BOOST_CHECK(seal(keys(), "same", "c").bytes != seal(keys(), "same", "c").bytes);
}
