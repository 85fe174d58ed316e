#include <boost/test/unit_test.hpp>

#include "http/error.hpp"
#include "http/form.hpp"

using namespace portico::http;

BOOST_AUTO_TEST_CASE(decodes_pairs_and_plus) {
  auto p = parse_urlencoded("a=1&b=hello+world&c=%C3%A9&d=");
  BOOST_REQUIRE_EQUAL(p.size(), 4u);
  BOOST_CHECK_EQUAL(p[1].second, "hello world");
  BOOST_CHECK_EQUAL(p[2].second, "\xC3\xA9");
  BOOST_CHECK_EQUAL(p[3].second, "");
}

BOOST_AUTO_TEST_CASE(bad_escape_is_400) {
  BOOST_CHECK_EXCEPTION(parse_urlencoded("a=%G1"), Error, [](const Error& e) { return e.status == 400; });
  BOOST_CHECK_EXCEPTION(parse_urlencoded("a=%4"), Error, [](const Error& e) { return e.status == 400; });
  BOOST_CHECK_EXCEPTION(parse_urlencoded("a=%"), Error, [](const Error& e) { return e.status == 400; });
}

BOOST_AUTO_TEST_CASE(caps_pairs_and_lengths) {
  std::string many;
  for (int i = 0; i < 70; ++i) many += "k" + std::to_string(i) + "=v&";
  BOOST_CHECK_THROW(parse_urlencoded(many), Error);
  BOOST_CHECK_THROW(parse_urlencoded("a=" + std::string(100, 'x'), {.max_value = 10}), Error);
  BOOST_CHECK_THROW(parse_urlencoded(std::string(100, 'k') + "=1", {.max_key = 10}), Error);
}

BOOST_AUTO_TEST_CASE(check_validates_declared_fields) {
  const Field spec[] = {
      {"name", "Name", Kind::line, 5},
      {"email", "E-mail", Kind::email, 254},
      {"note", "Note", Kind::text, 100, false},
      {"n", "Number", Kind::integer, 10, false},
  };
  auto f = check(parse_urlencoded("name=+Ann+&email=ann%40example.com&extra=ignored"), spec);
  BOOST_CHECK(f.ok());
  BOOST_CHECK_EQUAL(f["name"], "Ann");
  BOOST_CHECK(!f.has("extra"));

  f = check(parse_urlencoded("name=Annabel&email=nope&n=12x&note=a%00b"), spec);
  BOOST_CHECK(!f.ok());
  BOOST_CHECK(f.errors.contains("name"));   // too long
  BOOST_CHECK(f.errors.contains("email"));  // invalid
  BOOST_CHECK(f.errors.contains("n"));      // not a number
  BOOST_CHECK(f.errors.contains("note"));   // NUL

  f = check(parse_urlencoded("name=a&name=b&email=a%40b.co"), spec);
  BOOST_CHECK(f.errors.contains("name"));  // twice

  f = check(parse_urlencoded(""), spec);
  BOOST_CHECK_EQUAL(f.errors.at("name"), "Name is required.");
  BOOST_CHECK(!f.errors.contains("note"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_refused) {
  const Field spec[] = {{"x", "X", Kind::line, 10}};
  BOOST_CHECK(!check(parse_urlencoded("x=%C3%28"), spec).ok());
  BOOST_CHECK(!check(parse_urlencoded("x=%ED%A0%80"), spec).ok());  // surrogate
  BOOST_CHECK(!check(parse_urlencoded("x=%C0%AF"), spec).ok());     // overlong
  BOOST_CHECK(!check(parse_urlencoded("x=a%C2%85b"), spec).ok());   // C1 NEL
}
