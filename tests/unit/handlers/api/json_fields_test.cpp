#include <boost/test/unit_test.hpp>

#include "api/clients.hpp"
#include "api/contacts.hpp"
#include "api/groups.hpp"
#include "http/error.hpp"
#include "api/json_fields.hpp"

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

std::map<std::string, std::string> contact_problems(const json& body, Mode mode = Mode::create) {
  return problems([&] { contacts::check_input(body, mode); });
}

const json kContact = {{"kind", "candidate"}, {"email", "ann@example.com"}, {"name", "Ann"}};
}  // namespace

BOOST_AUTO_TEST_CASE(contact_create_normalises) {
  json in = kContact;
  in["name"] = "  Ann Smith ";
  in["record_ref"] = "R-1";
  in["client_id"] = 5;
  in["identifiers"] = {{"employee_no", "E-1203"}, {"site", ""}};
  json out = contacts::check_input(in, Mode::create);
  BOOST_CHECK_EQUAL(out["name"], "Ann Smith");
  BOOST_CHECK_EQUAL(out["client_id"], 5);
  BOOST_CHECK_EQUAL(out["identifiers"]["site"], "");
  BOOST_CHECK(!out.contains("status"));  // the database default applies
}

BOOST_AUTO_TEST_CASE(contact_create_requires_kind_email_name) {
  auto p = contact_problems(json::object());
  BOOST_CHECK(p.contains("kind"));
  BOOST_CHECK(p.contains("email"));
  BOOST_CHECK(p.contains("name"));
  BOOST_CHECK_EQUAL(p.size(), 3u);
  BOOST_CHECK_EQUAL(p["name"], "name is required.");
}

BOOST_AUTO_TEST_CASE(contact_fields_checked) {
  auto bad = [](const char* field, json value) {
    json in = kContact;
    in[field] = std::move(value);
    auto p = contact_problems(in);
    BOOST_CHECK_MESSAGE(p.size() == 1 && p.contains(field), field << " accepted " << in.dump());
  };
  bad("kind", "boss");
  bad("kind", 1);
  bad("status", "Active");
  bad("email", "not-an-email");
  bad("email", "a@b");
  bad("email", 7);
  bad("name", "");
  bad("name", "   ");
  bad("name", std::string(201, 'x'));
  bad("name", "line\nbreak");
  bad("name", std::string("nul\0x", 5));
  bad("name", "c1\u0085");
  bad("name", nullptr);
  bad("name", json::array({"Ann"}));
  bad("record_ref", "");
  bad("record_ref", std::string(101, 'x'));
  bad("client_id", "5");
  bad("client_id", 0);
  bad("client_id", -3);
  bad("client_id", 1.5);
  bad("client_id", 2.0);
  bad("client_id", 18446744073709551615ull);
  bad("identifiers", json::array());
  bad("identifiers", {{"a", 1}});
  bad("identifiers", {{"", "x"}});
  bad("identifiers", {{std::string(65, 'k'), "x"}});
  bad("identifiers", {{"k", std::string(201, 'v')}});
  bad("identifiers", {{"k", "tab\there"}});
  bad("identifiers", nullptr);
  json many = json::object();
  for (int i = 0; i < 51; ++i) many["k" + std::to_string(i)] = "v";
  bad("identifiers", many);
}

BOOST_AUTO_TEST_CASE(contact_lengths_count_characters_not_bytes) {
  json in = kContact;
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xC3\xA9";  // é, 2 bytes
  in["name"] = name;
  BOOST_CHECK(contact_problems(in).empty());
}

BOOST_AUTO_TEST_CASE(contact_nullable_fields_accept_null) {
  json in = kContact;
  in["record_ref"] = nullptr;
  in["client_id"] = nullptr;
  json out = contacts::check_input(in, Mode::create);
  BOOST_CHECK(out["record_ref"].is_null());
  BOOST_CHECK(out["client_id"].is_null());
}

BOOST_AUTO_TEST_CASE(unknown_and_read_only_fields_refused) {
  json in = kContact;
  in["colour"] = "blue";
  in["groups"] = json::array({1});
  in["has_account"] = true;
  in["id"] = 3;
  auto p = contact_problems(in);
  BOOST_CHECK_EQUAL(p.size(), 4u);
  BOOST_CHECK_EQUAL(p["colour"], "colour is not a known field.");
  BOOST_CHECK_EQUAL(p["groups"], "groups is read-only.");
  BOOST_CHECK(p.contains("has_account"));
  BOOST_CHECK(p.contains("id"));
}

BOOST_AUTO_TEST_CASE(contact_patch_takes_only_given_fields) {
  json out = contacts::check_input({{"status", "inactive"}}, Mode::patch);
  BOOST_CHECK_EQUAL(out, json({{"status", "inactive"}}));
  BOOST_CHECK(contacts::check_input(json::object(), Mode::patch).empty());
  BOOST_CHECK(contact_problems({{"email", "x"}}, Mode::patch).contains("email"));
  BOOST_CHECK(contact_problems({{"created_at", "2024-01-01T00:00:00Z"}}, Mode::patch).contains("created_at"));
  BOOST_CHECK(contact_problems({{"kind", nullptr}}, Mode::patch).contains("kind"));
}

BOOST_AUTO_TEST_CASE(client_input) {
  BOOST_CHECK_EQUAL(clients::check_input({{"name", "Acme"}}, Mode::create)["name"], "Acme");
  auto p = problems([] { clients::check_input({{"record_ref", "C-1"}, {"contact_count", 3}}, Mode::create); });
  BOOST_CHECK(p.contains("name"));
  BOOST_CHECK(p.contains("contact_count"));
  p = problems([] { clients::check_input({{"name", std::string(201, 'x')}}, Mode::patch); });
  BOOST_CHECK(p.contains("name"));
  BOOST_CHECK(clients::check_input({{"record_ref", nullptr}}, Mode::patch)["record_ref"].is_null());
}

BOOST_AUTO_TEST_CASE(group_input) {
  json out = groups::check_input({{"kind", "target_group"}, {"name", "Leeds"}, {"auth_mode", "one_time"},
                                  {"identifier_fields", {"employee_no", "site"}}},
                                 Mode::create);
  BOOST_CHECK_EQUAL(out["identifier_fields"].size(), 2u);
  auto bad = [](json in) {
    return problems([&] { groups::check_input(in, Mode::patch); });
  };
  BOOST_CHECK(bad({{"kind", "team"}}).contains("kind"));
  BOOST_CHECK(bad({{"auth_mode", "password"}}).contains("auth_mode"));
  BOOST_CHECK(bad({{"identifier_fields", "site"}}).contains("identifier_fields"));
  BOOST_CHECK(bad({{"identifier_fields", {"site", "site"}}}).contains("identifier_fields"));
  BOOST_CHECK(bad({{"identifier_fields", {""}}}).contains("identifier_fields"));
  BOOST_CHECK(bad({{"identifier_fields", {1}}}).contains("identifier_fields"));
  BOOST_CHECK(bad({{"member_count", 1}}).contains("member_count"));
  json many = json::array();
  for (int i = 0; i < 21; ++i) many.push_back("f" + std::to_string(i));
  BOOST_CHECK(bad({{"identifier_fields", many}}).contains("identifier_fields"));
  auto p = problems([] { groups::check_input({{"name", "x"}}, Mode::create); });
  BOOST_CHECK(p.contains("kind"));
}

BOOST_AUTO_TEST_CASE(member_input) {
  BOOST_CHECK_EQUAL(groups::check_member_input({{"contact_id", 12}}), 12);
  BOOST_CHECK(problems([] { groups::check_member_input(json::object()); }).contains("contact_id"));
  BOOST_CHECK(problems([] { groups::check_member_input({{"contact_id", "12"}}); }).contains("contact_id"));
  BOOST_CHECK(problems([] { groups::check_member_input({{"contact_id", 1}, {"x", 1}}); }).contains("x"));
}
