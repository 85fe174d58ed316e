#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "http/memory_request.hpp"
#include "http/response.hpp"

using namespace portico::http;

namespace {
size_t count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(status_line_headers_and_body) {
  MemoryRequest req("GET", "/");
  send(req, Response::html("<p>hi</p>"));
  BOOST_CHECK_EQUAL(req.out.rfind("Status: 200 OK\r\n", 0), 0u);
  BOOST_CHECK_EQUAL(req.status(), 200);
  BOOST_CHECK_EQUAL(req.header("Content-Type"), "text/html; charset=utf-8");
  BOOST_CHECK_EQUAL(req.header("Content-Length"), "9");
  BOOST_CHECK_EQUAL(req.response_body(), "<p>hi</p>");
  BOOST_CHECK_EQUAL(count(req.out, "\r\n\r\n"), 1u);
}

BOOST_AUTO_TEST_CASE(reason_phrases) {
  for (auto [status, line] : {std::pair{404, "Status: 404 Not Found\r\n"}, {303, "Status: 303 See Other\r\n"},
                              {413, "Status: 413 Content Too Large\r\n"}, {503, "Status: 503 Service Unavailable\r\n"},
                              {418, "Status: 418 Status\r\n"}}) {
    MemoryRequest req("GET", "/");
    Response r;
    r.status = status;
    send(req, r);
    BOOST_CHECK_EQUAL(req.out.rfind(line, 0), 0u);
  }
}

BOOST_AUTO_TEST_CASE(no_store_by_default_but_not_twice) {
  MemoryRequest req("GET", "/");
  send(req, Response::text("x", "text/plain"));
  BOOST_CHECK_EQUAL(req.header("Cache-Control"), "no-store");

  MemoryRequest cached("GET", "/style.css");
  send(cached, Response::text("x", "text/css").set("Cache-Control", "public, max-age=3600"));
  BOOST_CHECK_EQUAL(cached.header("Cache-Control"), "public, max-age=3600");
  BOOST_CHECK_EQUAL(count(cached.out, "Cache-Control"), 1u);
}

BOOST_AUTO_TEST_CASE(crlf_in_header_is_dropped) {
  MemoryRequest req("GET", "/");
  Response r = Response::redirect("/next\r\nSet-Cookie: evil=1");
  r.set("X-Name\r\nSet-Cookie: evil=2", "v");
  r.set("X-Bare-Lf", "a\nSet-Cookie: evil=3");
  r.set("X-Bare-Cr", "a\rb");
  r.set("X-Ok", "fine");
  send(req, r);
  BOOST_CHECK_EQUAL(req.status(), 303);
  BOOST_CHECK_EQUAL(req.out.find("evil"), std::string::npos);
  BOOST_CHECK_EQUAL(req.out.find("Location"), std::string::npos);
  BOOST_CHECK_EQUAL(req.header("X-Ok"), "fine");
  // Exactly one blank line, at the end of the header block.
  BOOST_CHECK_EQUAL(count(req.out, "\r\n\r\n"), 1u);
  BOOST_CHECK_EQUAL(req.out.find('\r', req.out.size() - 4), req.out.size() - 4);
}

BOOST_AUTO_TEST_CASE(head_sends_headers_without_body) {
  MemoryRequest req("HEAD", "/");
  send(req, Response::html("<p>page</p>"));
  BOOST_CHECK_EQUAL(req.status(), 200);
  BOOST_CHECK_EQUAL(req.header("Content-Length"), "11");  // as for GET
  BOOST_CHECK_EQUAL(req.response_body(), "");
  BOOST_CHECK_EQUAL(req.out.substr(req.out.size() - 4), "\r\n\r\n");

  MemoryRequest get("GET", "/");
  Response r = Response::html("<p>page</p>");
  r.head_only = true;
  send(get, r);
  BOOST_CHECK_EQUAL(get.response_body(), "");
  BOOST_CHECK_EQUAL(get.header("Content-Length"), "11");
}

BOOST_AUTO_TEST_CASE(json_response) {
  MemoryRequest req("GET", "/api/v1/x");
  send(req, Response::json({{"a", 1}, {"s", "\xC3\xA9"}}, 201));
  BOOST_CHECK_EQUAL(req.status(), 201);
  BOOST_CHECK_EQUAL(req.header("Content-Type"), "application/json");
  auto j = nlohmann::json::parse(req.response_body());
  BOOST_CHECK_EQUAL(j["a"], 1);
  BOOST_CHECK_EQUAL(j["s"], "\xC3\xA9");
  // Invalid UTF-8 in data never makes dump() throw.
  BOOST_CHECK_NO_THROW(Response::json({{"bad", "\xFF"}}));
}
