#include <boost/test/unit_test.hpp>

#include "tasks/task_spec.hpp"

using namespace portico::tasks;
using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

namespace {
json form_spec() {
  return json::parse(R"({"fields": [
    {"name": "full_name", "label": "Full name", "type": "text", "required": true},
    {"name": "notes", "label": "Notes", "type": "textarea"},
    {"name": "age", "label": "Age", "type": "number"},
    {"name": "start", "label": "Start date", "type": "date", "required": true},
    {"name": "mail", "label": "E-mail", "type": "email"},
    {"name": "site", "label": "Site", "type": "select", "options": ["Leeds", "York"], "required": true},
    {"name": "agree", "label": "I agree", "type": "checkbox", "required": true}]})");
}
}  // namespace

BOOST_AUTO_TEST_CASE(sound_specs_pass) {
  BOOST_CHECK(!spec_problem("single_select", json::parse(R"({"options": ["Yes", "No"]})")));
  BOOST_CHECK(!spec_problem("form", form_spec()));
  BOOST_CHECK(!spec_problem("signature", json::parse(R"({"document_title": "NDA", "document_text": "I agree\nto it."})")));
  BOOST_CHECK(!spec_problem("standard", json::object()));
  BOOST_CHECK(!spec_problem("approval", json::object()));
}

BOOST_AUTO_TEST_CASE(unsound_specs_are_refused_with_the_place_named) {
  auto p = spec_problem("single_select", json::parse(R"({"options": ["Yes", "Yes"]})"));
  BOOST_REQUIRE(p);
  BOOST_CHECK(p->find("given twice") != std::string::npos);
  BOOST_CHECK(spec_problem("single_select", json::parse(R"({"options": ["Only"]})")));
  BOOST_CHECK(spec_problem("single_select", json::object()));
  BOOST_CHECK(spec_problem("nope", json::object()));
  BOOST_CHECK(spec_problem("standard", json::parse(R"({"x": 1})")));
  BOOST_CHECK(spec_problem("form", json::parse(R"({"fields": []})")));
  p = spec_problem("form", json::parse(R"({"fields": [{"name": "Bad Name", "label": "L", "type": "text"}]})"));
  BOOST_REQUIRE(p);
  BOOST_CHECK(p->starts_with("spec.fields[0].name"));
  BOOST_CHECK(spec_problem("form", json::parse(R"({"fields": [{"name": "a", "label": "L", "type": "select"}]})")));
  BOOST_CHECK(spec_problem("form", json::parse(R"({"fields": [{"name": "a", "label": "L", "type": "text", "options": ["x"]}]})")));
  BOOST_CHECK(spec_problem("form", json::parse(R"({"fields": [{"name": "a", "label": "L", "type": "text"},
                                                              {"name": "a", "label": "M", "type": "text"}]})")));
  BOOST_CHECK(spec_problem("form", json::parse(R"({"fields": [{"name": "a", "label": "L\u0007", "type": "text"}]})")));
  BOOST_CHECK(spec_problem("signature", json::parse(R"({"document_title": "NDA"})")));
}

BOOST_AUTO_TEST_CASE(single_select_accepts_only_an_offered_option) {
  json spec = json::parse(R"({"options": ["Yes", "No"]})");
  auto a = check_answer("single_select", spec, {{"option", "No"}});
  BOOST_REQUIRE(a.ok());
  BOOST_CHECK_EQUAL(a.response["option"], "No");
  BOOST_CHECK(!check_answer("single_select", spec, {{"option", "Maybe"}}).ok());
  BOOST_CHECK(!check_answer("single_select", spec, {}).ok());
  BOOST_CHECK(!check_answer("single_select", spec, {{"option", "Yes"}, {"option", "No"}}).ok());
}

BOOST_AUTO_TEST_CASE(form_checks_each_field_by_its_type) {
  Form good{{"f_full_name", " Ann Lee "}, {"f_start", "2024-02-29"}, {"f_site", "York"}, {"f_agree", "on"},
            {"f_age", "42"}, {"f_mail", "ann@example.com"}, {"f_notes", "line 1\nline 2"}};
  auto a = check_answer("form", form_spec(), good);
  BOOST_REQUIRE_MESSAGE(a.ok(), a.errors.begin()->second);
  BOOST_CHECK_EQUAL(a.response["values"]["full_name"], "Ann Lee");
  BOOST_CHECK_EQUAL(a.response["values"]["agree"], true);
  BOOST_CHECK_EQUAL(a.response["values"]["notes"], "line 1\nline 2");

  Form bad{{"f_full_name", std::string(501, 'x')}, {"f_start", "2023-02-29"}, {"f_site", "Paris"},
           {"f_age", "forty"}, {"f_mail", "nope"}};
  auto b = check_answer("form", form_spec(), bad);
  BOOST_CHECK(!b.ok());
  for (auto k : {"f_full_name", "f_start", "f_site", "f_age", "f_mail", "f_agree"})
    BOOST_CHECK_MESSAGE(b.errors.contains(k), k);
  BOOST_CHECK(b.response.is_null());  // nothing to store from a refused answer
  BOOST_CHECK(b.errors.at("f_agree").find("must be ticked") != std::string::npos);
  BOOST_CHECK(!check_answer("form", form_spec(), {{"f_start", "2024-01-01"}, {"f_site", "York"}, {"f_agree", "on"}}).ok());
}

BOOST_AUTO_TEST_CASE(signature_needs_a_name_and_consent) {
  json spec = json::parse(R"({"document_title": "NDA", "document_text": "Text"})");
  BOOST_CHECK(check_answer("signature", spec, {{"full_name", "Ann Lee"}, {"consent", "1"}}).ok());
  BOOST_CHECK(check_answer("signature", spec, {{"full_name", "Ann Lee"}}).errors.contains("consent"));
  BOOST_CHECK(check_answer("signature", spec, {{"consent", "1"}}).errors.contains("full_name"));
}

BOOST_AUTO_TEST_CASE(standard_effort_is_optional_but_checked) {
  auto a = check_answer("standard", json::object(), {{"resolution", "Fixed the pump"}});
  BOOST_REQUIRE(a.ok());
  BOOST_CHECK(a.response["effort_minutes"].is_null());
  auto b = check_answer("standard", json::object(), {{"resolution", "Done"}, {"effort_minutes", "90"}, {"activity_note", "ok"}});
  BOOST_REQUIRE(b.ok());
  BOOST_CHECK_EQUAL(b.response["effort_minutes"], 90);
  BOOST_CHECK(!check_answer("standard", json::object(), {{"resolution", "Done"}, {"effort_minutes", "-5"}}).ok());
  BOOST_CHECK(!check_answer("standard", json::object(), {{"effort_minutes", "5"}}).ok());
}

BOOST_AUTO_TEST_CASE(approval_rejection_needs_a_reason) {
  BOOST_CHECK_EQUAL(check_answer("approval", json::object(), {{"decision", "approve"}}).response["decision"], "approved");
  BOOST_CHECK(check_answer("approval", json::object(), {{"decision", "reject"}}).errors.contains("comment"));
  auto r = check_answer("approval", json::object(), {{"decision", "reject"}, {"comment", "Over budget"}});
  BOOST_REQUIRE(r.ok());
  BOOST_CHECK_EQUAL(r.response["decision"], "rejected");
  BOOST_CHECK(!check_answer("approval", json::object(), {{"decision", "maybe"}}).ok());
}

BOOST_AUTO_TEST_CASE(upload_request_takes_an_optional_what_and_is_never_answered_by_a_form) {
  BOOST_CHECK(!spec_problem("upload_request", json::object()));
  BOOST_CHECK(!spec_problem("upload_request", json::parse(R"({"what": "Your diplomas,\nscanned."})")));
  BOOST_CHECK(spec_problem("upload_request", json::parse(R"({"what": ""})")));
  BOOST_CHECK(spec_problem("upload_request", json::parse(R"({"what": 3})")));
  BOOST_CHECK(spec_problem("upload_request", json::parse(R"({"files": 1})")));
  auto a = check_answer("upload_request", json::object(), {{"note", "here"}, {"files", "a.pdf"}});
  BOOST_CHECK(!a.ok());
  BOOST_CHECK(a.errors.contains("files"));
}
