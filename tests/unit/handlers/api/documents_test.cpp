#include <boost/test/unit_test.hpp>

#include "api/documents.hpp"
#include "api/routes.hpp"
#include "http/error.hpp"

using namespace portico::api;
using nlohmann::json;

BOOST_AUTO_TEST_CASE(document_and_message_routes) {
  auto r = match_route("/api/v1/documents/5/views");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::document_views);
  BOOST_CHECK_EQUAL(r->id, 5);
  BOOST_CHECK(match_route("/api/v1/documents/5/content")->resource == Resource::document_content);
  BOOST_CHECK(match_route("/api/v1/messages/3")->resource == Resource::message);
  for (const char* p : {"/api/v1/documents/0", "/api/v1/documents/5/other", "/api/v1/messages/3/x"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
  BOOST_CHECK_EQUAL(permission_for(Resource::document_views), "documents");
  BOOST_CHECK_EQUAL(permission_for(Resource::messages), "documents");
  BOOST_CHECK(method_allowed(Resource::document, "PATCH"));
  BOOST_CHECK(!method_allowed(Resource::document_content, "POST"));
}

namespace {
int status_of(const json& body) {
  try {
    documents::check_issue(body);
  } catch (const portico::http::Error& e) {
    return e.status;
  }
  return 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(issue_bodies) {
  json ok = {{"kind", "invoice"}, {"title", "March"}, {"client_id", 3}, {"recipients", {4, 5, 4}},
             {"content_base64", "JVBERi0xLjQK"}};
  auto in = documents::check_issue(ok);
  BOOST_CHECK_EQUAL(in.content, "%PDF-1.4\n");
  BOOST_CHECK_EQUAL(in.content_type, "application/pdf");
  BOOST_CHECK(in.recipients == std::vector<int64_t>({4, 5}));

  auto with = [&](const char* key, json value) {
    json b = ok;
    b[key] = std::move(value);
    return b;
  };
  auto without = [&](const char* key) {
    json b = ok;
    b.erase(key);
    return b;
  };
  BOOST_CHECK_EQUAL(status_of(with("kind", "upload")), 422);
  BOOST_CHECK_EQUAL(status_of(with("contact_id", 9)), 422);       // both addressees
  BOOST_CHECK_EQUAL(status_of(without("client_id")), 422);        // neither
  BOOST_CHECK_EQUAL(status_of(with("recipients", json::array({0}))), 422);
  BOOST_CHECK_EQUAL(status_of(with("recipients", "all")), 422);
  BOOST_CHECK_EQUAL(status_of(with("content_base64", "not base64!")), 422);
  BOOST_CHECK_EQUAL(status_of(without("content_base64")), 422);
  BOOST_CHECK_EQUAL(status_of(with("content_type", "text/html")), 422);
  BOOST_CHECK_EQUAL(status_of(with("sha256", "00")), 422);        // unknown field
  BOOST_CHECK_EQUAL(status_of(with("content_base64", std::string(1000 * 1024, 'A'))), 422);
}
