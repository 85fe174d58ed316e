#include <boost/test/unit_test.hpp>

#include "http/error.hpp"
#include "http/json_input.hpp"
#include "http/memory_request.hpp"

using namespace portico::http;

namespace {
int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.status;
  }
  return 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(media_type) {
  BOOST_CHECK(is_json_media_type("application/json"));
  BOOST_CHECK(is_json_media_type("Application/JSON; charset=utf-8"));
  BOOST_CHECK(!is_json_media_type(""));
  BOOST_CHECK(!is_json_media_type("text/plain"));
  BOOST_CHECK(!is_json_media_type("application/json-patch+json"));
  BOOST_CHECK(!is_json_media_type("application/x-www-form-urlencoded"));
}

BOOST_AUTO_TEST_CASE(parses_objects_only) {
  BOOST_CHECK_EQUAL(parse_json_object(R"({"a": 1})")["a"], 1);
  for (const char* bad : {"", "[]", "1", "\"x\"", "null", "{", "{\"a\":}", "{} x", "{\"a\": 1e400}"})
    BOOST_CHECK_MESSAGE(status_of([&] { parse_json_object(bad); }) == 400, bad);
}

BOOST_AUTO_TEST_CASE(parse_error_says_where) {
  try {
    parse_json_object(R"({"a": tru})");
    BOOST_FAIL("accepted");
  } catch (const Error& e) {
    BOOST_CHECK(std::string(e.what()).find("byte") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_deep_nesting_refused) {
  BOOST_CHECK_EQUAL(status_of([] { parse_json_object("{\"a\": \"\xC3\x28\"}"); }), 400);
  BOOST_CHECK_EQUAL(status_of([] { parse_json_object(R"({"a": "\ud800"})"); }), 400);
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  BOOST_CHECK_EQUAL(status_of([&] { parse_json_object(deep); }), 400);
  std::string ok = "{\"a\":" + std::string(20, '[') + std::string(20, ']') + "}";
  BOOST_CHECK_EQUAL(status_of([&] { parse_json_object(ok); }), 0);
}

BOOST_AUTO_TEST_CASE(request_body_checks) {
  MemoryRequest plain("POST", "/api/v1/contacts", R"({"a":1})");
  plain.params["CONTENT_TYPE"] = "text/plain";
  BOOST_CHECK_EQUAL(status_of([&] { read_json_object(plain); }), 415);

  MemoryRequest big("POST", "/api/v1/contacts", "{\"a\":\"" + std::string(kMaxJsonBody, 'x') + "\"}");
  big.params["CONTENT_TYPE"] = "application/json";
  BOOST_CHECK_EQUAL(status_of([&] { read_json_object(big); }), 413);

  MemoryRequest good("POST", "/api/v1/contacts", R"({"a":1})");
  good.params["CONTENT_TYPE"] = "application/json";
  BOOST_CHECK_EQUAL(read_json_object(good)["a"], 1);
}
