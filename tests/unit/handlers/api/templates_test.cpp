#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <functional>
#include <map>

#include "api/templates.hpp"
#include "http/error.hpp"

using namespace portico::api;
using nlohmann::json;
using portico::http::Error;
using portico::mail::TemplateText;

namespace {
const json kOk = {{"subject", "Welcome {{CONTACT_NAME}}"},
                  {"text", "Hello {{CONTACT_NAME}},\n\n{{SET_PASSWORD_LINK}}\n"},
                  {"html", "<p>Hello {{CONTACT_NAME}}</p>\n<p><a href=\"{{SET_PASSWORD_LINK}}\">Set</a></p>"}};

// The 422 of check_input: message and per-field messages; an empty message when the input passed.
std::pair<std::string, std::map<std::string, std::string>> refusal(std::string_view folder, const json& body) {
  try {
    templates::check_input(folder, body);
  } catch (const Error& e) {
    BOOST_CHECK_EQUAL(e.status, 422);
    BOOST_CHECK_EQUAL(e.code, "validation_failed");
    return {e.what(), e.fields};
  }
  return {};
}

json with(const char* part, json value) {
  json b = kOk;
  b[part] = std::move(value);
  return b;
}
}  // namespace

BOOST_AUTO_TEST_CASE(shipped_parts_drop_the_pragma_and_the_subject_line_break) {
  TemplateText t = templates::shipped_parts("Your {{ORG_NAME}} account\n", "Hi\n",
                                            "{{%AUTOESCAPE context=\"HTML\"}}\n<p>Hi</p>\n");
  BOOST_CHECK_EQUAL(t.subject, "Your {{ORG_NAME}} account");
  BOOST_CHECK_EQUAL(t.text, "Hi\n");
  BOOST_CHECK_EQUAL(t.html, "<p>Hi</p>\n");
  t = templates::shipped_parts("S\r\n", "T", "{{%AUTOESCAPE context=\"HTML\"}}\r\n<p>x</p>");
  BOOST_CHECK_EQUAL(t.subject, "S");
  BOOST_CHECK_EQUAL(t.html, "<p>x</p>");
  t = templates::shipped_parts("S", "T", "<p>no pragma</p>\n");
  BOOST_CHECK_EQUAL(t.html, "<p>no pragma</p>\n");
}

BOOST_AUTO_TEST_CASE(every_shipped_template_can_be_saved_back_as_shown) {
  ShippedTemplates shipped = templates::load_shipped(std::getenv("PORTICO_TEMPLATE_DIR"));
  BOOST_CHECK_EQUAL(shipped.size(), portico::mail::folders().size());
  for (const auto& [folder, t] : shipped) {
    BOOST_CHECK_MESSAGE(!t.subject.empty() && t.subject.find('\n') == std::string::npos, folder);
    BOOST_CHECK_MESSAGE(t.html.find("AUTOESCAPE") == std::string::npos, folder);
    auto [message, fields] = refusal(folder, {{"subject", t.subject}, {"text", t.text}, {"html", t.html}});
    BOOST_CHECK_MESSAGE(message.empty(), folder << ": " << message);
  }
}

BOOST_AUTO_TEST_CASE(missing_shipped_file_is_an_error) {
  BOOST_CHECK_THROW(templates::load_shipped("/nonexistent"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_valid_override_passes_as_given) {
  TemplateText t = templates::check_input("account_invite", kOk);
  BOOST_CHECK_EQUAL(t.subject, kOk["subject"]);
  BOOST_CHECK_EQUAL(t.text, kOk["text"]);  // line breaks and the trailing one kept
  BOOST_CHECK_EQUAL(t.html, kOk["html"]);
}

BOOST_AUTO_TEST_CASE(password_only_in_auto_create_portal_user) {
  auto [message, fields] = refusal("account_invite", with("text", "Your password: {{PASSWORD}}"));
  BOOST_CHECK(message.find("{{PASSWORD}}") != std::string::npos);
  BOOST_CHECK(message.find("auto_create_portal_user") != std::string::npos);
  BOOST_CHECK(fields.contains("text"));
  auto [m2, f2] = refusal("password_reset", with("subject", "{{PASSWORD}}"));
  BOOST_CHECK(f2.contains("subject"));
  auto [m3, f3] = refusal("auto_create_portal_user", with("text", "Your password: {{PASSWORD}}"));
  BOOST_CHECK_MESSAGE(m3.empty(), m3);
}

BOOST_AUTO_TEST_CASE(template_problems_name_the_part) {
  auto [m1, f1] = refusal("account_invite", with("html", "<p>{{TASK_TITLE}}</p>"));
  BOOST_CHECK(m1.find("html: unknown merge tag {{TASK_TITLE}}") != std::string::npos);
  BOOST_CHECK(f1.contains("html"));
  auto [m2, f2] = refusal("account_invite", with("text", "{{#SECTION}}never closed"));
  BOOST_CHECK(f2.contains("text"));
  auto [m3, f3] = refusal("account_invite", with("html", "{{%AUTOESCAPE context=\"JS\"}}<p>x</p>"));
  BOOST_CHECK(m3.find("pragma") != std::string::npos);
  auto [m4, f4] = refusal("account_invite", with("text", "{{CONTACT_NAME:x-url-query-escape}}"));
  BOOST_CHECK(m4.find("modifiers") != std::string::npos);
  auto [m5, f5] = refusal("account_invite", with("text", "{{>OTHER}}"));
  BOOST_CHECK(m5.find("includes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(field_problems_come_first) {
  auto [m1, f1] = refusal("account_invite", json::object());
  BOOST_CHECK_EQUAL(f1.size(), 3u);
  auto [m2, f2] = refusal("account_invite", with("subject", "two\nlines"));
  BOOST_CHECK(f2.contains("subject"));
  auto [m3, f3] = refusal("account_invite", with("subject", std::string(301, 's')));
  BOOST_CHECK(f3.contains("subject"));
  auto [m4, f4] = refusal("account_invite", with("text", ""));
  BOOST_CHECK_EQUAL(f4["text"], "text must not be empty.");
  auto [m5, f5] = refusal("account_invite", with("html", std::string("a\x01", 2)));
  BOOST_CHECK(f5.contains("html"));
  auto [m6, f6] = refusal("account_invite", with("text", std::string(100001, 't')));
  BOOST_CHECK(f6.contains("text"));
  auto [m7, f7] = refusal("account_invite", with("html", 5));
  BOOST_CHECK(f7.contains("html"));
  json extra = kOk;
  extra["folder"] = "account_invite";
  auto [m8, f8] = refusal("account_invite", extra);
  BOOST_CHECK(f8.contains("folder"));
  // Tabs and CRLF are text.
  auto [m9, f9] = refusal("account_invite", with("text", "a\tb\r\nc {{USERNAME}}"));
  BOOST_CHECK_MESSAGE(m9.empty(), m9);
}
