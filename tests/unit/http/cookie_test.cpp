#include <boost/test/unit_test.hpp>

#include "http/cookie.hpp"

using namespace portico::http;

BOOST_AUTO_TEST_CASE(finds_named_cookie) {
  auto v = cookie("a=1; __Host-portico=abc; b=\"q\"", "__Host-portico");
  BOOST_REQUIRE(v);
  BOOST_CHECK_EQUAL(*v, "abc");
  BOOST_CHECK_EQUAL(*cookie("a=1; b=\"q\"", "b"), "q");
  BOOST_CHECK(!cookie("a=1", "b"));
  BOOST_CHECK(!cookie("", "b"));
  BOOST_CHECK(!cookie("b", "b"));
}

BOOST_AUTO_TEST_CASE(whitespace_around_the_equals_sign_is_not_part_of_the_value) {
  BOOST_CHECK_EQUAL(*cookie("  a = \"q\" ;__Host-portico-pre=xyz", "a"), "q");
  BOOST_CHECK_EQUAL(*cookie("a=1;\tb =\t2\t", "b"), "2");
}

BOOST_AUTO_TEST_CASE(caps_header_size_and_count) {
  BOOST_CHECK(!cookie("b=1; " + std::string(kMaxCookieHeader, 'x'), "b"));
  std::string many;
  for (size_t i = 0; i < kMaxCookies; ++i) many += "c" + std::to_string(i) + "=1; ";
  many += "late=1";
  BOOST_CHECK(!cookie(many, "late"));
}

BOOST_AUTO_TEST_CASE(set_cookie_has_host_prefix_requirements) {
  SetCookie c{"__Host-portico", "v"};
  std::string s = c.str();
  BOOST_CHECK_NE(s.find("Path=/"), std::string::npos);
  BOOST_CHECK_NE(s.find("Secure"), std::string::npos);
  BOOST_CHECK_NE(s.find("HttpOnly"), std::string::npos);
  BOOST_CHECK_NE(s.find("SameSite=Lax"), std::string::npos);
  BOOST_CHECK_EQUAL(s.find("Domain"), std::string::npos);
  BOOST_CHECK_EQUAL(s.find("Max-Age"), std::string::npos);  // browser-session cookie
}
