#include <boost/test/unit_test.hpp>

#include "api/routes.hpp"

using namespace portico::api;

BOOST_AUTO_TEST_CASE(collections_items_and_members) {
  auto r = match_route("/api/v1/contacts");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::contacts);
  r = match_route("/api/v1/clients/42");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::client);
  BOOST_CHECK_EQUAL(r->id, 42);
  r = match_route("/api/v1/groups/7/members");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::members);
  BOOST_CHECK_EQUAL(r->id, 7);
  r = match_route("/api/v1/groups/7/members/9");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::member);
  BOOST_CHECK_EQUAL(r->sub, 9);
  r = match_route("/api/v1/openapi.json");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::openapi);
}

BOOST_AUTO_TEST_CASE(anything_else_is_no_route) {
  for (const char* p : {"/api/v1/", "/api/v1", "/api/v2/contacts", "/api/v1/contacts/", "/api/v1/contacts//1",
                        "/api/v1/contacts/0", "/api/v1/contacts/-1", "/api/v1/contacts/+1", "/api/v1/contacts/1x",
                        "/api/v1/contacts/99999999999999999999", "/api/v1/contacts/1/members",
                        "/api/v1/groups/1/members/", "/api/v1/groups/1/members/a", "/api/v1/groups/1/members/1/x",
                        "/api/v1/groups/1/other", "/api/v1/nope", "/api/v1/openapi.json/x", "/contacts"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
}

BOOST_AUTO_TEST_CASE(methods_per_resource) {
  BOOST_CHECK(method_allowed(Resource::contacts, "GET"));
  BOOST_CHECK(method_allowed(Resource::contacts, "HEAD"));
  BOOST_CHECK(method_allowed(Resource::contacts, "POST"));
  BOOST_CHECK(!method_allowed(Resource::contacts, "PATCH"));
  BOOST_CHECK(method_allowed(Resource::contact, "PATCH"));
  BOOST_CHECK(!method_allowed(Resource::contact, "DELETE"));
  BOOST_CHECK(method_allowed(Resource::member, "DELETE"));
  BOOST_CHECK(!method_allowed(Resource::member, "POST"));
  BOOST_CHECK(!method_allowed(Resource::openapi, "POST"));
  BOOST_CHECK(!method_allowed(Resource::contacts, ""));
  BOOST_CHECK(!method_allowed(Resource::contacts, "GET, POST"));
  BOOST_CHECK(!method_allowed(Resource::contacts, "get"));
  BOOST_CHECK_EQUAL(allowed_methods(Resource::group), "GET, HEAD, PATCH");
}
