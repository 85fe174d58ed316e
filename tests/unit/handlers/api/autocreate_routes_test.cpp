#include <boost/test/unit_test.hpp>

#include "api/autocreate.hpp"
#include "api/routes.hpp"

using namespace portico::api;

BOOST_AUTO_TEST_CASE(portal_settings_and_runs_route) {
  auto r = match_route("/api/v1/autocreate/candidate");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::autocreate);
  BOOST_CHECK_EQUAL(r->name, "candidate");
  r = match_route("/api/v1/autocreate/runs");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::autocreate_runs);
  for (const char* p : {"/api/v1/autocreate", "/api/v1/autocreate/", "/api/v1/autocreate/target",
                        "/api/v1/autocreate/Client", "/api/v1/autocreate/client/1", "/api/v1/autocreate/runs/1"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
  BOOST_CHECK(method_allowed(Resource::autocreate, "PUT"));
  BOOST_CHECK(!method_allowed(Resource::autocreate, "DELETE"));
  BOOST_CHECK(!method_allowed(Resource::autocreate_runs, "PUT"));
}

BOOST_AUTO_TEST_CASE(each_portal_needs_its_own_permission) {
  Caller client_only{.org_id = 1, .key_id = 1, .permissions = {"maintenance.client_portal"}};
  Route candidate{Resource::autocreate};
  candidate.name = "candidate";
  Route client{Resource::autocreate};
  client.name = "client";
  BOOST_CHECK_EQUAL(autocreate::permission(client_only, candidate), "maintenance.candidate_portal");
  BOOST_CHECK_EQUAL(autocreate::permission(client_only, client), "maintenance.client_portal");
  // The runs: either permission will do.
  BOOST_CHECK(client_only.can(autocreate::permission(client_only, Route{Resource::autocreate_runs})));
  Caller neither{.org_id = 1, .key_id = 1, .permissions = {"contacts"}};
  BOOST_CHECK(!neither.can(autocreate::permission(neither, Route{Resource::autocreate_runs})));
}
