#include <boost/test/unit_test.hpp>

#include "http/error.hpp"
#include "http/memory_request.hpp"

using namespace portico::http;

namespace {
auto status_is(int s) {
  return [s](const Error& e) { return e.status == s; };
}
}  // namespace

BOOST_AUTO_TEST_CASE(content_length_parsing) {
  MemoryRequest req("POST", "/x");
  BOOST_CHECK_EQUAL(req.content_length(100), 0u);  // absent
  req.params["CONTENT_LENGTH"] = "0";
  BOOST_CHECK_EQUAL(req.content_length(100), 0u);
  req.params["CONTENT_LENGTH"] = "100";
  BOOST_CHECK_EQUAL(req.content_length(100), 100u);  // at the cap
  req.params["CONTENT_LENGTH"] = "101";
  BOOST_CHECK_EXCEPTION(req.content_length(100), Error, status_is(413));
  req.params["CONTENT_LENGTH"] = "184467440737095516160000";  // past size_t
  BOOST_CHECK_EXCEPTION(req.content_length(100), Error, status_is(413));
  for (const char* bad : {"abc", "12x", "-1", " 5", "5 ", "+5", "0x10", "1.0"}) {
    req.params["CONTENT_LENGTH"] = bad;
    BOOST_CHECK_EXCEPTION(req.content_length(100), Error, status_is(400));
  }
}

BOOST_AUTO_TEST_CASE(body_whole_and_capped) {
  MemoryRequest req("POST", "/x", "a=1&b=2");
  BOOST_CHECK_EQUAL(req.body(7), "a=1&b=2");

  MemoryRequest over("POST", "/x", "a=1&b=2");
  BOOST_CHECK_EXCEPTION(over.body(6), Error, status_is(413));

  MemoryRequest empty("POST", "/x");
  BOOST_CHECK_EQUAL(empty.body(10), "");
}

BOOST_AUTO_TEST_CASE(short_body_is_400) {
  MemoryRequest req("POST", "/x", "a=1");
  req.params["CONTENT_LENGTH"] = "10";  // declared more than the client sent
  BOOST_CHECK_EXCEPTION(req.body(100), Error, status_is(400));
}

BOOST_AUTO_TEST_CASE(body_reads_only_declared_length) {
  MemoryRequest req("POST", "/x", "a=1&extra");
  req.params["CONTENT_LENGTH"] = "3";
  BOOST_CHECK_EQUAL(req.body(100), "a=1");
}

BOOST_AUTO_TEST_CASE(accessors_map_cgi_params) {
  MemoryRequest req("HEAD", "/login");
  req.params["QUERY_STRING"] = "next=%2F";
  req.params["CONTENT_TYPE"] = "text/plain";
  req.params["HTTP_COOKIE"] = "a=1";
  req.params["HTTP_USER_AGENT"] = "UA";
  BOOST_CHECK_EQUAL(req.method(), "HEAD");
  BOOST_CHECK(req.is_get());
  BOOST_CHECK_EQUAL(req.path(), "/login");
  BOOST_CHECK_EQUAL(req.query(), "next=%2F");
  BOOST_CHECK_EQUAL(req.host(), "test.local");
  BOOST_CHECK_EQUAL(req.remote_addr(), "127.0.0.1");
  BOOST_CHECK_EQUAL(req.content_type(), "text/plain");
  BOOST_CHECK_EQUAL(req.cookie_header(), "a=1");
  BOOST_CHECK_EQUAL(req.user_agent(), "UA");
  BOOST_CHECK_EQUAL(req.param("MISSING"), "");
  BOOST_CHECK(MemoryRequest("GET", "/").is_get());
  BOOST_CHECK(!MemoryRequest("POST", "/").is_get());
}

BOOST_AUTO_TEST_CASE(client_ip_is_an_address_or_nothing) {
  MemoryRequest req("GET", "/x");
  auto ip = [&](const char* addr) { req.params["REMOTE_ADDR"] = addr; return req.client_ip(); };
  BOOST_CHECK_EQUAL(ip("203.0.113.7").value_or("-"), "203.0.113.7");
  BOOST_CHECK_EQUAL(ip("2001:db8::1").value_or("-"), "2001:db8::1");
  BOOST_CHECK(!ip(""));
  BOOST_CHECK(!ip("unix:"));
  BOOST_CHECK(!ip("10.0.0.0/8"));
  BOOST_CHECK(!ip("10.0.0.1; DROP"));
}
