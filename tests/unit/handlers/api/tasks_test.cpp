#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>

#include "api/routes.hpp"
#include "api/tasks.hpp"
#include "http/error.hpp"

using namespace portico::api;
using nlohmann::json;
using portico::http::Error;

namespace {
// The 422's per-field messages, or an empty map when the input passed.
std::map<std::string, std::string> problems(const json& body) {
  try {
    tasks::check_create(body);
  } catch (const Error& e) {
    BOOST_CHECK_EQUAL(e.status, 422);
    BOOST_CHECK_EQUAL(e.code, "validation_failed");
    return e.fields;
  }
  return {};
}

json base(json over = json::object()) {
  json b = {{"type", "standard"}, {"title", "Check the boiler"}, {"contact_id", 7}};
  for (auto& [k, v] : over.items()) b[k] = v;
  return b;
}

void bad(const json& body, const std::string& field) {
  auto p = problems(body);
  BOOST_CHECK_MESSAGE(p.contains(field), body.dump() << " should be refused for " << field << " (" << p.size()
                                                     << " problems)");
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_sound_body_is_normalised) {
  json out = tasks::check_create(base({{"title", "  Check the boiler  "}}));
  BOOST_CHECK_EQUAL(out["title"], "Check the boiler");
  BOOST_CHECK_EQUAL(out["spec"], json::object());  // standard: an empty spec by default
  BOOST_CHECK_EQUAL(out["contact_id"], 7);
  BOOST_CHECK(!out.contains("group_id"));

  json s = tasks::check_create({{"type", "single_select"},
                                {"title", "Pick one"},
                                {"group_id", 3},
                                {"instructions", "Line one\nLine two"},
                                {"due_at", "2026-12-01T17:00:00Z"},
                                {"spec", {{"options", {"Yes", "No"}}}}});
  BOOST_CHECK_EQUAL(s["spec"]["options"].size(), 2u);
  BOOST_CHECK_EQUAL(s["due_at"], "2026-12-01T17:00:00Z");
  BOOST_CHECK_EQUAL(s["instructions"], "Line one\nLine two");

  json f = tasks::check_create(base({{"type", "form"},
                                     {"spec", {{"fields", {{{"name", "age"}, {"label", "Age"}, {"type", "number"}}}}}}}));
  BOOST_CHECK_EQUAL(f["type"], "form");
  json sig = tasks::check_create(
      base({{"type", "signature"}, {"spec", {{"document_title", "NDA"}, {"document_text", "I agree."}}}}));
  BOOST_CHECK_EQUAL(sig["spec"]["document_title"], "NDA");
  BOOST_CHECK(tasks::check_create(base({{"type", "approval"}, {"due_at", nullptr}})).count("due_at") == 0);
}

BOOST_AUTO_TEST_CASE(required_fields_and_types) {
  bad({{"title", "x"}, {"contact_id", 1}}, "type");
  bad({{"type", "standard"}, {"contact_id", 1}}, "title");
  bad(base({{"type", "essay"}}), "type");
  bad(base({{"title", ""}}), "title");
  bad(base({{"title", std::string(201, 'a')}}), "title");
  bad(base({{"title", "a\nb"}}), "title");
  bad(base({{"instructions", std::string(20001, 'a')}}), "instructions");
  bad(base({{"instructions", 5}}), "instructions");
  bad(base({{"contact_id", 0}}), "contact_id");
  bad(base({{"contact_id", "7"}}), "contact_id");
  bad(base({{"colour", "red"}}), "colour");
  bad(base({{"state", "completed"}}), "state");  // read-only
  bad(base({{"id", 5}}), "id");
}

BOOST_AUTO_TEST_CASE(exactly_one_assignee) {
  json none = base();
  none.erase("contact_id");
  auto p = problems(none);
  BOOST_CHECK(p.contains("contact_id"));
  json both = base({{"group_id", 2}});
  p = problems(both);
  BOOST_CHECK(p.contains("group_id"));
  BOOST_CHECK_EQUAL(p.size(), 1u);
}

BOOST_AUTO_TEST_CASE(specs_are_checked_by_type) {
  bad(base({{"type", "single_select"}}), "spec");                                   // no options
  bad(base({{"type", "single_select"}, {"spec", {{"options", {"Only"}}}}}), "spec");  // one option
  bad(base({{"type", "single_select"}, {"spec", {{"options", {"A", "A"}}}}}), "spec");
  bad(base({{"type", "form"}, {"spec", {{"fields", json::array()}}}}), "spec");
  bad(base({{"type", "form"}, {"spec", {{"fields", {{{"name", "Bad Name"}, {"label", "x"}, {"type", "text"}}}}}}}),
      "spec");
  bad(base({{"type", "form"}, {"spec", {{"fields", {{{"name", "a"}, {"label", "x"}, {"type", "select"}}}}}}}),
      "spec");
  bad(base({{"type", "signature"}, {"spec", {{"document_title", "NDA"}}}}), "spec");
  bad(base({{"spec", {{"options", {"A", "B"}}}}}), "spec");  // standard takes no spec
  bad(base({{"spec", "{}"}}), "spec");
  bad(base({{"spec", json::array()}}), "spec");
  // A bad type and a spec: the type is named, and the spec is not judged against a type that is unknown.
  auto p = problems(base({{"type", "essay"}, {"spec", {{"x", 1}}}}));
  BOOST_CHECK(p.contains("type"));
}

BOOST_AUTO_TEST_CASE(due_at_is_an_iso_timestamp_with_an_offset) {
  for (const char* ok : {"2026-12-01T17:00:00Z", "2026-12-01T17:00Z", "2026-12-01T17:00:00.123456+01:00",
                         "2028-02-29T00:00:00-05:30"})
    BOOST_CHECK_MESSAGE(tasks::valid_timestamp(ok), ok);
  for (const char* no : {"2026-12-01", "2026-12-01T17:00:00", "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z",
                         "2026-12-01T24:00:00Z", "2026-12-01 17:00:00Z", "tomorrow", "", "2026-12-01T17:00:00.1234567Z",
                         "1800-01-01T00:00:00Z"})
    BOOST_CHECK_MESSAGE(!tasks::valid_timestamp(no), no);
  bad(base({{"due_at", "next week"}}), "due_at");
  bad(base({{"due_at", 1700000000}}), "due_at");
}

BOOST_AUTO_TEST_CASE(task_routes_and_permissions) {
  auto r = match_route("/api/v1/tasks");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::tasks);
  r = match_route("/api/v1/tasks/12");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::task);
  BOOST_CHECK_EQUAL(r->id, 12);
  r = match_route("/api/v1/tasks/12/cancel");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::task_cancel);
  r = match_route("/api/v1/tasks/12/resend");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::task_resend);
  r = match_route("/api/v1/dashboard");
  BOOST_REQUIRE(r);
  BOOST_CHECK(r->resource == Resource::dashboard);
  for (const char* p : {"/api/v1/tasks/0", "/api/v1/tasks/x", "/api/v1/tasks/1/take", "/api/v1/tasks/1/cancel/2",
                        "/api/v1/dashboard/1"})
    BOOST_CHECK_MESSAGE(!match_route(p), p);
  BOOST_CHECK_EQUAL(permission_for(Resource::tasks), "tasks");
  BOOST_CHECK_EQUAL(permission_for(Resource::task_resend), "tasks");
  BOOST_CHECK_EQUAL(permission_for(Resource::dashboard), "contacts");
  BOOST_CHECK(method_allowed(Resource::tasks, "POST"));
  BOOST_CHECK(!method_allowed(Resource::task, "PATCH"));
  BOOST_CHECK(!method_allowed(Resource::task_cancel, "GET"));
  BOOST_CHECK(!method_allowed(Resource::dashboard, "POST"));
}
