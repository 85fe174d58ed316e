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

BOOST_AUTO_TEST_CASE(accounts_outbox_and_templates) {
  auto r = match_route("/api/v1/contacts/5/account");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::account);
  BOOST_CHECK_EQUAL(r->id, 5);
  r = match_route("/api/v1/contacts/5/account/invite");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::account_invite);
  r = match_route("/api/v1/outbox");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::outbox);
  r = match_route("/api/v1/outbox/12");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::outbox_item);
  BOOST_CHECK_EQUAL(r->id, 12);
  r = match_route("/api/v1/outbox/12/retry");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::outbox_retry);
  r = match_route("/api/v1/templates");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::templates);
  r = match_route("/api/v1/templates/account_invite");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::mail_template);
  BOOST_CHECK_EQUAL(r->name, "account_invite");
  // Any well-formed name routes; whether the folder exists is the handler's 404.
  BOOST_CHECK(match_route("/api/v1/templates/no_such_folder"));
  for (const char* p : {"/api/v1/contacts/5/accounts", "/api/v1/contacts/5/account/",
                        "/api/v1/contacts/5/account/x", "/api/v1/contacts/5/account/invite/1",
                        "/api/v1/clients/5/account", "/api/v1/outbox/", "/api/v1/outbox/0", "/api/v1/outbox/x",
                        "/api/v1/outbox/1/retry/1", "/api/v1/outbox/1/resend",
                        "/api/v1/templates/", "/api/v1/templates/Account_Invite", "/api/v1/templates/a-b",
                        "/api/v1/templates/a.b", "/api/v1/templates/account_invite/subject"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
  BOOST_CHECK(match_route("/api/v1/templates/" + std::string(64, 'a')));
  BOOST_CHECK(!match_route("/api/v1/templates/" + std::string(65, 'a')));
}

BOOST_AUTO_TEST_CASE(methods_and_permissions_of_the_mail_routes) {
  BOOST_CHECK_EQUAL(allowed_methods(Resource::account), "GET, HEAD, POST, PATCH");
  BOOST_CHECK(!method_allowed(Resource::account, "DELETE"));
  BOOST_CHECK_EQUAL(allowed_methods(Resource::account_invite), "POST");
  BOOST_CHECK_EQUAL(allowed_methods(Resource::outbox), "GET, HEAD");
  BOOST_CHECK_EQUAL(allowed_methods(Resource::outbox_item), "GET, HEAD");
  BOOST_CHECK_EQUAL(allowed_methods(Resource::outbox_retry), "POST");
  BOOST_CHECK_EQUAL(allowed_methods(Resource::templates), "GET, HEAD");
  BOOST_CHECK_EQUAL(allowed_methods(Resource::mail_template), "GET, HEAD, PUT, DELETE");
  BOOST_CHECK_EQUAL(permission_for(Resource::contacts), "contacts");
  BOOST_CHECK_EQUAL(permission_for(Resource::member), "contacts");
  BOOST_CHECK_EQUAL(permission_for(Resource::account), "contacts");
  BOOST_CHECK_EQUAL(permission_for(Resource::account_invite), "contacts");
  BOOST_CHECK_EQUAL(permission_for(Resource::outbox), "outbox");
  BOOST_CHECK_EQUAL(permission_for(Resource::outbox_item), "outbox");
  BOOST_CHECK_EQUAL(permission_for(Resource::outbox_retry), "outbox");
  BOOST_CHECK_EQUAL(permission_for(Resource::templates), "templates");
  BOOST_CHECK_EQUAL(permission_for(Resource::mail_template), "templates");
  BOOST_CHECK_EQUAL(permission_for(Resource::openapi), "");
}
