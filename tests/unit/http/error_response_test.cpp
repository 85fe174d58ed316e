#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "fcgi/server.hpp"
#include "http/error.hpp"
#include "http/memory_request.hpp"

using namespace portico;
using http::Error;

namespace {
std::string header(const http::Response& r, const std::string& name) {
  std::string v;
  int n = 0;
  for (const auto& [k, val] : r.headers)
    if (k == name) { v = val; ++n; }
  return n == 1 ? v : (n == 0 ? "<absent>" : "<repeated>");
}
}  // namespace

BOOST_AUTO_TEST_CASE(json_shape_code_and_message) {
  auto r = fcgi::error_response(http::not_found("No such contact."), fcgi::ErrorFormat::json);
  BOOST_CHECK_EQUAL(r.status, 404);
  BOOST_CHECK_EQUAL(header(r, "Content-Type"), "application/json");
  auto j = nlohmann::json::parse(r.body);
  BOOST_CHECK_EQUAL(j.size(), 1u);
  BOOST_CHECK_EQUAL(j["error"]["code"], "not_found");
  BOOST_CHECK_EQUAL(j["error"]["message"], "No such contact.");
  BOOST_CHECK(!j["error"].contains("fields"));
}

BOOST_AUTO_TEST_CASE(json_fields_included) {
  auto r = fcgi::error_response(http::unprocessable("Check the fields.", {{"email", "Not an e-mail address."},
                                                                          {"name", "Name is required."}}),
                                fcgi::ErrorFormat::json);
  BOOST_CHECK_EQUAL(r.status, 422);
  auto j = nlohmann::json::parse(r.body);
  BOOST_CHECK_EQUAL(j["error"]["code"], "validation_failed");
  BOOST_CHECK_EQUAL(j["error"]["fields"]["email"], "Not an e-mail address.");
  BOOST_CHECK_EQUAL(j["error"]["fields"]["name"], "Name is required.");
}

BOOST_AUTO_TEST_CASE(headers_copied) {
  auto r = fcgi::error_response(http::too_many_requests("Slow down.", 60), fcgi::ErrorFormat::json);
  BOOST_CHECK_EQUAL(r.status, 429);
  BOOST_CHECK_EQUAL(header(r, "Retry-After"), "60");
  auto u = fcgi::error_response(http::unavailable(), fcgi::ErrorFormat::json);
  BOOST_CHECK_EQUAL(u.status, 503);
  BOOST_CHECK_EQUAL(header(u, "Retry-After"), "5");
  auto m = fcgi::error_response(http::method_not_allowed("GET, POST"), fcgi::ErrorFormat::json);
  BOOST_CHECK_EQUAL(m.status, 405);
  BOOST_CHECK_EQUAL(header(m, "Allow"), "GET, POST");
  // Also in the HTML format (plain text when no templates are loaded).
  auto h = fcgi::error_response(http::too_many_requests("Slow down.", 30), fcgi::ErrorFormat::html);
  BOOST_CHECK_EQUAL(h.status, 429);
  BOOST_CHECK_EQUAL(header(h, "Retry-After"), "30");
  BOOST_CHECK_NE(h.body.find("Slow down."), std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_error_sent_whole) {
  http::MemoryRequest req("POST", "/api/v1/contacts");
  http::send(req, fcgi::error_response(http::payload_too_large("Too big."), fcgi::ErrorFormat::json));
  BOOST_CHECK_EQUAL(req.status(), 413);
  BOOST_CHECK_EQUAL(req.header("Cache-Control"), "no-store");
  auto j = nlohmann::json::parse(req.response_body());
  BOOST_CHECK_EQUAL(j["error"]["code"], "payload_too_large");
  BOOST_CHECK_EQUAL(j["error"]["message"], "Too big.");
}

BOOST_AUTO_TEST_CASE(json_message_with_invalid_utf8_still_json) {
  auto r = fcgi::error_response(http::bad_request("bad \xFF byte"), fcgi::ErrorFormat::json);
  BOOST_CHECK_NO_THROW(nlohmann::json::parse(r.body));
}
