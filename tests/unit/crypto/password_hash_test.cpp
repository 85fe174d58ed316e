#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include "crypto/password.hpp"

using namespace portico::crypto;

// Each Argon2id hash or verify takes ~50 ms (~300 ms under sanitizers): few of them here.
BOOST_AUTO_TEST_CASE(hash_and_verify) {
  const std::string pw = "violet tugboat under quiet mango rain";
  std::string h = hash_password(pw);
  BOOST_CHECK_EQUAL(h.rfind("$argon2id$", 0), 0u);
  BOOST_CHECK_NE(h.find("m=19456,t=2"), std::string::npos);  // 19 MiB, t=2
  BOOST_CHECK(!needs_rehash(h));
  BOOST_CHECK(verify_password(pw, h));
  BOOST_CHECK(!verify_password(pw + "x", h));
  BOOST_CHECK(!verify_password(pw, std::nullopt));      // unknown user: dummy verify, never true
  BOOST_CHECK(!verify_password(pw, std::string()));     // empty stored hash: same
  BOOST_CHECK(!verify_password(pw, std::string("garbage")));
}

BOOST_AUTO_TEST_CASE(weaker_hash_needs_rehash) {
  char weak[crypto_pwhash_STRBYTES];
  BOOST_REQUIRE_EQUAL(crypto_pwhash_str_alg(weak, "pw", 2, 1, 8192, crypto_pwhash_ALG_ARGON2ID13), 0);
  BOOST_CHECK(needs_rehash(weak));
  BOOST_CHECK(needs_rehash("not a hash"));
}

BOOST_AUTO_TEST_CASE(length_rules_in_characters) {
  BOOST_CHECK_EQUAL(password_problem("", {}).value_or(""), "Use at least 12 characters.");
  BOOST_CHECK_EQUAL(password_problem("Xk3vR9pQ2mZ", {}).value_or(""), "Use at least 12 characters.");
  // 11 characters, 33 bytes: counted in characters, not bytes.
  BOOST_CHECK_EQUAL(password_problem("\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC"
                                     "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC",
                                     {})
                        .value_or(""),
                    "Use at least 12 characters.");
  BOOST_CHECK(!password_problem("Xk3vR9pQ2mZ7", {}));  // exactly 12, random: fine
  std::string long_ok;
  for (int i = 0; i < 16; ++i) long_ok += "Q7x" + std::to_string(i * 7919) + "-zP";
  long_ok.resize(128);
  BOOST_CHECK(!password_problem(long_ok, {}));
  BOOST_CHECK_EQUAL(password_problem(long_ok + "a", {}).value_or(""), "Use at most 128 characters.");
  BOOST_CHECK(password_problem("\xFF\xFEnot valid utf8 at all", {}));
}

BOOST_AUTO_TEST_CASE(guessable_refused) {
  for (const char* pw : {"password1234", "qwertyuiop12", "123456789012", "aaaaaaaaaaaaaaaa", "Password1234!",
                         "iloveyou1234"})
    BOOST_CHECK_MESSAGE(password_problem(pw, {}), pw);
  BOOST_CHECK(!password_problem("violet tugboat under quiet mango rain", {}));
}

BOOST_AUTO_TEST_CASE(user_words_refused) {
  // Strong on its own, weak once it is known to be built from the username.
  BOOST_CHECK(!password_problem("zqxjvkwmpt2024", {}));
  BOOST_CHECK(password_problem("zqxjvkwmpt2024", {"zqxjvkwmpt", "someone@example.com"}));
  BOOST_CHECK(password_problem("zqxjvkwmpt2024", {"", "zqxjvkwmpt"}));  // empty words are skipped
}
