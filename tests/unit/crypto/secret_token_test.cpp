#include <boost/test/unit_test.hpp>

#include <set>

#include "crypto/token.hpp"

using namespace portico::crypto;
using namespace std::string_literals;

namespace {
const Keys& keys() {
  static const Keys k = Keys::from_text(
      "a AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n"
      "b AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=\n");
  return k;
}
}  // namespace

BOOST_AUTO_TEST_CASE(random_token_is_43_base64url_and_unique) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string t = random_token();
    BOOST_REQUIRE_EQUAL(t.size(), 43u);
    BOOST_REQUIRE_EQUAL(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                        std::string::npos);
    std::string raw;
    BOOST_REQUIRE(from_b64url(t, raw));
    BOOST_REQUIRE_EQUAL(raw.size(), 32u);
    seen.insert(t);
  }
  BOOST_CHECK_EQUAL(seen.size(), 2000u);
}

BOOST_AUTO_TEST_CASE(b64url_round_trip) {
  for (size_t n = 0; n < 70; ++n) {
    std::string raw;
    for (size_t i = 0; i < n; ++i) raw += static_cast<char>((i * 37 + n * 11 + 250) & 0xFF);
    std::string text = b64url(raw);
    BOOST_REQUIRE_EQUAL(text.size(), (n * 4 + 2) / 3);  // unpadded
    BOOST_REQUIRE_EQUAL(text.find_first_of("+/="), std::string::npos);
    std::string back;
    BOOST_REQUIRE(from_b64url(text, back));
    BOOST_REQUIRE(back == raw);
  }
  BOOST_CHECK_EQUAL(b64url("\xFB\xFF"), "-_8");
  BOOST_CHECK_EQUAL(b64url(""), "");
}

BOOST_AUTO_TEST_CASE(from_b64url_refuses_other_alphabets) {
  std::string out;
  BOOST_CHECK(!from_b64url("+_8", out));
  BOOST_CHECK(!from_b64url("-/8", out));
  BOOST_CHECK(!from_b64url("-_8=", out));  // padding
  BOOST_CHECK(!from_b64url("ab cd", out));
  BOOST_CHECK(!from_b64url("a", out));     // impossible length
  BOOST_CHECK(!from_b64url("ab*d", out));
  BOOST_CHECK(from_b64url("-_8", out));
  BOOST_CHECK_EQUAL(out, "\xFB\xFF");
}

BOOST_AUTO_TEST_CASE(hash_secret_keyed_and_unkeyed) {
  Key k1 = keys().derive(Purpose::session_hash, 0), k2 = keys().derive(Purpose::session_hash, 1);
  std::string h = hash_secret("secret");
  BOOST_CHECK_EQUAL(h.size(), 32u);
  BOOST_CHECK(h == hash_secret("secret"));                      // deterministic
  BOOST_CHECK(h != hash_secret("secreT"));
  BOOST_CHECK(h != hash_secret("secret", &k1));                 // keyed differs from unkeyed
  BOOST_CHECK(hash_secret("secret", &k1) == hash_secret("secret", &k1));
  BOOST_CHECK(hash_secret("secret", &k1) != hash_secret("secret", &k2));
  BOOST_CHECK_EQUAL(hash_secret("", &k1).size(), 32u);
  BOOST_CHECK(hash_secret("a\0b"s) != hash_secret("a\0c"s));    // length-delimited, not C strings
  // BLAKE2b-256 of "abc" (RFC 7693 test vectors are for -512; this one is well known).
  BOOST_CHECK_EQUAL(to_hex(hash_secret("abc")),
                    "\\xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

BOOST_AUTO_TEST_CASE(mac_b64_binds_key_and_message) {
  Key k1 = keys().derive(Purpose::csrf, 0), k2 = keys().derive(Purpose::csrf, 1);
  std::string m = mac_b64("session-1", k1);
  BOOST_CHECK_EQUAL(m.size(), 43u);
  BOOST_CHECK_EQUAL(m, mac_b64("session-1", k1));
  BOOST_CHECK_NE(m, mac_b64("session-2", k1));
  BOOST_CHECK_NE(m, mac_b64("session-1", k2));
}

BOOST_AUTO_TEST_CASE(equal_ct_compares_whole_strings) {
  BOOST_CHECK(equal_ct("", ""));
  BOOST_CHECK(equal_ct("abc", "abc"));
  BOOST_CHECK(!equal_ct("abc", "abd"));
  BOOST_CHECK(!equal_ct("abc", "ab"));
  BOOST_CHECK(!equal_ct("ab", "abc"));
  BOOST_CHECK(!equal_ct("", "a"));
  BOOST_CHECK(!equal_ct("a\0b"s, "a\0c"s));
  BOOST_CHECK(equal_ct("a\0b"s, "a\0b"s));
}

BOOST_AUTO_TEST_CASE(to_hex_for_bytea) {
  BOOST_CHECK_EQUAL(to_hex(""), "\\x");
  BOOST_CHECK_EQUAL(to_hex("\x00\xff\x10"s), "\\x00ff10");
}
