#include <boost/test/unit_test.hpp>

#include "api/portals.hpp"
#include "api/processes.hpp"
#include "api/routes.hpp"
#include "http/error.hpp"

using namespace portico::api;
using nlohmann::json;

namespace {
// The fields a 422 names, or {"<no 422>"}.
std::map<std::string, std::string> refused(const std::function<void()>& f) {
  try {
    f();
  } catch (const portico::http::Error& e) {
    if (e.status == 422) return e.fields;
  }
  return {{"<no 422>", ""}};
}
json step(json extra = json::object()) {
  json s = {{"type", "single_select"}, {"title", "Pick"}, {"spec", {{"options", {"A", "B"}}}}};
  s.update(extra);
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(routes_of_processes_portals_and_applications) {
  auto r = match_route("/api/v1/portals/3");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::portal);
  BOOST_CHECK_EQUAL(r->id, 3);
  BOOST_CHECK(match_route("/api/v1/processes")->resource == Resource::processes);
  BOOST_CHECK(match_route("/api/v1/applications/9")->resource == Resource::application);
  for (const char* p : {"/api/v1/portals/0", "/api/v1/portals/3/x", "/api/v1/applications/", "/api/v1/processes/a"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
  BOOST_CHECK_EQUAL(permission_for(Resource::applications), "portals");
  BOOST_CHECK(!method_allowed(Resource::application, "PATCH"));
  BOOST_CHECK(method_allowed(Resource::portal, "PATCH"));
}

BOOST_AUTO_TEST_CASE(process_steps_are_checked_one_by_one) {
  json ok = processes::check_input({{"name", "Join"}, {"steps", {step()}}}, Mode::create);
  BOOST_CHECK_EQUAL(ok["steps"][0]["type"], "single_select");
  auto f = refused([] {
    processes::check_input({{"name", "Join"}, {"steps", {step(), step({{"type", "upload"}}),
                                                         step({{"spec", {{"options", "x"}}}}),
                                                         step({{"colour", "red"}})}}},
                           Mode::create);
  });
  BOOST_CHECK(f.contains("steps[1].type"));
  BOOST_CHECK(f.contains("steps[2].spec"));
  BOOST_CHECK(f.contains("steps[3].colour"));
  BOOST_CHECK(!f.contains("steps[0]"));
  BOOST_CHECK(refused([] { processes::check_input({{"name", "Join"}, {"steps", json::array()}}, Mode::create); })
                  .contains("steps"));
  BOOST_CHECK(refused([] { processes::check_input({{"name", "Join"}}, Mode::create); }).contains("steps"));
  BOOST_CHECK(processes::check_input({{"name", "New"}}, Mode::patch).size() == 1);
}

BOOST_AUTO_TEST_CASE(portal_fields_and_the_one_process_rule) {
  json ok = portals::check_input({{"slug", "apply-2"}, {"title", "T"}, {"process_ids", {1, 2}}, {"tags", {"a"}}},
                                 Mode::create);
  BOOST_CHECK_EQUAL(ok["process_ids"].size(), 2u);
  for (json bad : {json{{"slug", "Bad"}}, json{{"slug", "-x"}}, json{{"slug", std::string(64, 'a')}}})
    BOOST_CHECK(refused([&] { portals::check_input(bad, Mode::patch); }).contains("slug"));
  for (json ids : {json::array(), json{1, 1}, json{0}, json{"1"}, json{{"a", 1}}})
    BOOST_CHECK(refused([&] { portals::check_input({{"process_ids", ids}}, Mode::patch); }).contains("process_ids"));
  BOOST_CHECK(refused([] { portals::check_input({{"url", "x"}}, Mode::patch); }).contains("url"));
  BOOST_CHECK(!portals::process_rule_problem(false, 2).empty());
  BOOST_CHECK(portals::process_rule_problem(false, 1).empty());
  BOOST_CHECK(portals::process_rule_problem(true, 3).empty());
}
