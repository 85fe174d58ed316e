#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>

#include "api/accounts.hpp"
#include "http/error.hpp"

using namespace portico::api;
using nlohmann::json;
using portico::http::Error;

namespace {
// The 422's per-field messages, or an empty map when the input passed.
std::map<std::string, std::string> problems(const std::function<void()>& check) {
  try {
    check();
  } catch (const Error& e) {
    BOOST_CHECK_EQUAL(e.status, 422);
    BOOST_CHECK_EQUAL(e.code, "validation_failed");
    return e.fields;
  }
  return {};
}

// The code of the http::Error f throws, or "" when it throws none.
std::string error_code(const std::function<void()>& f, int status) {
  try {
    f();
  } catch (const Error& e) {
    BOOST_CHECK_EQUAL(e.status, status);
    return e.code;
  }
  return "";
}
}  // namespace

BOOST_AUTO_TEST_CASE(create_body_is_optional_and_normalised) {
  BOOST_CHECK(accounts::check_create(json::object()).empty());
  json out = accounts::check_create({{"username", "  Ann.Smith "}, {"external_assignee", true}});
  BOOST_CHECK_EQUAL(out["username"], "Ann.Smith");  // trimmed, case kept (compared case-insensitively)
  BOOST_CHECK_EQUAL(out["external_assignee"], true);
  BOOST_CHECK_EQUAL(accounts::check_create({{"external_assignee", false}})["external_assignee"], false);
}

BOOST_AUTO_TEST_CASE(create_body_refusals) {
  auto bad = [](json body, const std::string& field) {
    auto p = problems([&] { accounts::check_create(body); });
    BOOST_CHECK_MESSAGE(p.size() == 1 && p.contains(field), body.dump() << " -> " << p.size() << " problems");
  };
  bad({{"username", ""}}, "username");
  bad({{"username", "   "}}, "username");
  bad({{"username", std::string(255, 'a')}}, "username");
  bad({{"username", "a\nb"}}, "username");
  bad({{"username", 42}}, "username");
  bad({{"username", nullptr}}, "username");
  bad({{"external_assignee", "yes"}}, "external_assignee");
  bad({{"external_assignee", 1}}, "external_assignee");
  bad({{"external_assignee", nullptr}}, "external_assignee");
  bad({{"state", "active"}}, "state");  // not settable at creation: an account starts invited
  bad({{"password", "secret"}}, "password");
  BOOST_CHECK(problems([] { accounts::check_create({{"username", std::string(254, 'a')}}); }).empty());
  auto p = problems([] { accounts::check_create({{"external_assignee", "yes"}}); });
  BOOST_CHECK_EQUAL(p["external_assignee"], "external_assignee must be true or false.");
}

BOOST_AUTO_TEST_CASE(patch_body) {
  BOOST_CHECK(accounts::check_patch(json::object()).empty());
  json out = accounts::check_patch({{"state", "suspended"}, {"external_assignee", false}});
  BOOST_CHECK_EQUAL(out["state"], "suspended");
  BOOST_CHECK_EQUAL(out["external_assignee"], false);
  for (const char* s : {"invited", "Active", "deleted", ""}) {
    auto p = problems([&] { accounts::check_patch({{"state", s}}); });
    BOOST_CHECK_MESSAGE(p.contains("state"), s);
  }
  auto p = problems([] { accounts::check_patch({{"username", "x"}, {"must_change_password", true}}); });
  BOOST_CHECK(p.contains("username"));
  BOOST_CHECK(p.contains("must_change_password"));
}

BOOST_AUTO_TEST_CASE(default_username_is_the_lower_cased_email) {
  BOOST_CHECK_EQUAL(accounts::default_username("Ann.Smith@Example.TEST"), "ann.smith@example.test");
  BOOST_CHECK_EQUAL(accounts::default_username("ünï@example.test"), "ünï@example.test");
}

BOOST_AUTO_TEST_CASE(state_changes) {
  BOOST_CHECK_EQUAL(accounts::next_state("active", "suspended", true), "suspended");
  BOOST_CHECK_EQUAL(accounts::next_state("invited", "suspended", false), "suspended");
  BOOST_CHECK_EQUAL(accounts::next_state("suspended", "suspended", true), "suspended");
  BOOST_CHECK_EQUAL(accounts::next_state("active", "active", true), "active");
  // Unsuspending: back to active only for an account whose owner has a password.
  BOOST_CHECK_EQUAL(accounts::next_state("suspended", "active", true), "active");
  BOOST_CHECK_EQUAL(accounts::next_state("suspended", "active", false), "invited");
  // An invited account is activated by its link, never by staff.
  BOOST_CHECK_EQUAL(error_code([] { accounts::next_state("invited", "active", false); }, 409), "conflict");
}

BOOST_AUTO_TEST_CASE(seat_limit) {
  BOOST_CHECK_EQUAL(error_code([] { accounts::check_seat(0, 1); }, 409), "");
  BOOST_CHECK_EQUAL(error_code([] { accounts::check_seat(4, 5); }, 409), "");
  BOOST_CHECK_EQUAL(error_code([] { accounts::check_seat(1, 1); }, 409), "seat_limit");
  BOOST_CHECK_EQUAL(error_code([] { accounts::check_seat(0, 0); }, 409), "seat_limit");
  BOOST_CHECK_EQUAL(error_code([] { accounts::check_seat(7, 5); }, 409), "seat_limit");
  try {
    accounts::check_seat(5, 5);
  } catch (const Error& e) {
    BOOST_CHECK(std::string(e.what()).find("All 5 external assignee seats") != std::string::npos);
  }
}
