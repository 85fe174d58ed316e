#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <regex>

#include "complete/complete.hpp"
#include "complete/complete_view.hpp"
#include "tpl/templates.hpp"

using namespace portico;
using nlohmann::json;

struct Templates {
  Templates() { tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
complete::TaskPage page(const std::string& type, json spec) {
  complete::TaskPage p;
  p.org_name = "Acme";
  p.form.action = "/c/v1.k1.secret.mac";
  p.form.csrf = "csrf-token";
  p.form.type = type;
  p.title = "Please answer";
  p.instructions = "Read this first.\n\nThen answer.";
  p.form.spec = std::move(spec);
  return p;
}
bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
size_t count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t i = s.find(needle); i != std::string::npos; i = s.find(needle, i + 1)) ++n;
  return n;
}
// Every id that a label points at exists, and every visible input (not hidden) has a label or a legend.
void check_labels(const std::string& html) {
  std::regex input_re(R"re(<(input|textarea|select)\b[^>]*\bid="([^"]+)"[^>]*>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), input_re); it != std::sregex_iterator(); ++it) {
    std::string id = (*it)[2];
    BOOST_TEST_INFO("input " << id);
    BOOST_CHECK(has(html, "<label for=\"" + id + "\">"));
  }
  BOOST_CHECK(!has(html, "<script"));
  BOOST_CHECK(!has(html, " onclick") && !has(html, " onerror"));
}
}  // namespace

BOOST_AUTO_TEST_CASE(single_select_has_one_radio_per_option_named_option) {
  auto r = complete::render_task(page("single_select", {{"options", {"Yes", "No", "Not sure"}}}));
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK_EQUAL(count(r.body, "type=\"radio\""), 3u);
  BOOST_CHECK_EQUAL(count(r.body, "name=\"option\" type=\"radio\""), 3u);
  BOOST_CHECK(has(r.body, "value=\"Not sure\""));
  BOOST_CHECK(has(r.body, "<legend>Your answer"));
  BOOST_CHECK(has(r.body, "name=\"csrf\" value=\"csrf-token\""));
  BOOST_CHECK(has(r.body, "action=\"/c/v1.k1.secret.mac\""));
  BOOST_CHECK(has(r.body, "<h1>Please answer</h1>"));
  BOOST_CHECK(has(r.body, "<p>Read this first.</p>"));
  BOOST_CHECK(!has(r.body, "checked"));
  BOOST_CHECK(!has(r.body, "aria-invalid"));
  check_labels(r.body);
}

BOOST_AUTO_TEST_CASE(form_has_one_input_per_field_with_the_right_type_and_label) {
  json fields = json::array({
      {{"name", "full"}, {"label", "Full name"}, {"type", "text"}, {"required", true}},
      {{"name", "story"}, {"label", "Your story"}, {"type", "textarea"}},
      {{"name", "age"}, {"label", "Age"}, {"type", "number"}},
      {{"name", "born"}, {"label", "Date of birth"}, {"type", "date"}, {"required", true}},
      {{"name", "mail"}, {"label", "E-mail"}, {"type", "email"}},
      {{"name", "size"}, {"label", "Size"}, {"type", "select"}, {"options", {"S", "M", "L"}}},
      {{"name", "agree"}, {"label", "I agree"}, {"type", "checkbox"}, {"required", true}},
  });
  auto r = complete::render_task(page("form", {{"fields", fields}}));
  const std::string& b = r.body;
  BOOST_CHECK(has(b, "id=\"in-f_full\" name=\"f_full\" type=\"text\""));
  BOOST_CHECK(has(b, "<textarea id=\"in-f_story\" name=\"f_story\""));
  BOOST_CHECK(has(b, "id=\"in-f_age\" name=\"f_age\" type=\"number\""));
  BOOST_CHECK(has(b, "id=\"in-f_born\" name=\"f_born\" type=\"date\""));
  BOOST_CHECK(has(b, "id=\"in-f_mail\" name=\"f_mail\" type=\"email\""));
  BOOST_CHECK(has(b, "<select id=\"in-f_size\" name=\"f_size\""));
  BOOST_CHECK(has(b, "<option value=\"M\">M</option>"));
  BOOST_CHECK(has(b, "id=\"in-f_agree\" name=\"f_agree\" type=\"checkbox\""));
  for (const char* label : {"Full name", "Your story", "Age", "Date of birth", "E-mail", "Size", "I agree"})
    BOOST_CHECK(has(b, std::string(">") + label));
  // Required marker on exactly the three required fields.
  BOOST_CHECK_EQUAL(count(b, "<span class=\"required\">(required)</span>"), 3u);
  BOOST_CHECK(has(b, "<label for=\"in-f_full\">Full name <span class=\"required\">"));
  BOOST_CHECK(has(b, "<label for=\"in-f_story\">Your story</label>"));
  check_labels(b);
}

BOOST_AUTO_TEST_CASE(signature_shows_the_document_and_asks_for_name_and_consent) {
  auto r = complete::render_task(
      page("signature", {{"document_title", "Contract"}, {"document_text", "Clause 1.\n\nClause 2."}}));
  const std::string& b = r.body;
  BOOST_CHECK(has(b, "<h2 id=\"document-title\">Contract</h2>"));
  BOOST_CHECK(has(b, "<p>Clause 2.</p>"));
  BOOST_CHECK(has(b, "name=\"full_name\" type=\"text\""));
  BOOST_CHECK(has(b, "name=\"consent\" type=\"checkbox\""));
  BOOST_CHECK(has(b, ">Sign</button>"));
  check_labels(b);
}

BOOST_AUTO_TEST_CASE(standard_asks_for_resolution_effort_and_note) {
  auto r = complete::render_task(page("standard", json::object()));
  const std::string& b = r.body;
  BOOST_CHECK(has(b, "<textarea id=\"in-resolution\" name=\"resolution\""));
  BOOST_CHECK(has(b, "name=\"effort_minutes\" type=\"number\""));
  BOOST_CHECK(has(b, "<textarea id=\"in-activity_note\" name=\"activity_note\""));
  BOOST_CHECK(has(b, "<label for=\"in-effort_minutes\">Effort in minutes</label>"));  // never required
  check_labels(b);
}

BOOST_AUTO_TEST_CASE(approval_asks_for_a_decision_and_a_comment) {
  auto r = complete::render_task(page("approval", json::object()));
  const std::string& b = r.body;
  BOOST_CHECK(has(b, "name=\"decision\" type=\"radio\" value=\"approve\""));
  BOOST_CHECK(has(b, "name=\"decision\" type=\"radio\" value=\"reject\""));
  BOOST_CHECK(has(b, "<textarea id=\"in-comment\" name=\"comment\""));
  check_labels(b);
}

BOOST_AUTO_TEST_CASE(errors_are_shown_next_to_their_fields_and_values_are_kept) {
  json fields = json::array({
      {{"name", "full"}, {"label", "Full name"}, {"type", "text"}, {"required", true}},
      {{"name", "size"}, {"label", "Size"}, {"type", "select"}, {"options", {"S", "M"}}},
      {{"name", "agree"}, {"label", "I agree"}, {"type", "checkbox"}, {"required", true}},
      {{"name", "note"}, {"label", "Note"}, {"type", "textarea"}},
  });
  auto p = page("form", {{"fields", fields}});
  p.form.values = {{"f_full", ""}, {"f_size", "M"}, {"f_note", "kept text"}};
  p.form.errors = {{"f_full", "Full name is required."}, {"f_agree", "I agree must be ticked."}};
  auto r = complete::render_task(p, 422);
  const std::string& b = r.body;
  BOOST_CHECK_EQUAL(r.status, 422);
  BOOST_CHECK(has(b, "role=\"alert\""));
  BOOST_CHECK(has(b, "aria-invalid=\"true\" aria-describedby=\"in-f_full-error\">"));
  BOOST_CHECK(has(b, "<p class=\"field-error\" id=\"in-f_full-error\">Full name is required.</p>"));
  BOOST_CHECK(has(b, "<p class=\"field-error\" id=\"in-f_agree-error\">I agree must be ticked.</p>"));
  // The message follows its own input, before the next field begins.
  auto input_at = b.find("id=\"in-f_full\"");
  auto error_at = b.find("id=\"in-f_full-error\"");
  auto next_at = b.find("id=\"in-f_size\"");
  BOOST_CHECK(input_at < error_at && error_at < next_at);
  BOOST_CHECK(has(b, "<option value=\"M\" selected>M</option>"));
  BOOST_CHECK(has(b, ">kept text</textarea>"));
  BOOST_CHECK_EQUAL(count(b, "aria-invalid"), 2u);
  BOOST_CHECK(!has(b, "id=\"in-f_size-error\""));
}

BOOST_AUTO_TEST_CASE(a_radio_error_marks_every_radio_and_the_chosen_one_stays_checked) {
  auto p = page("approval", json::object());
  p.form.values = {{"decision", "reject"}, {"comment", ""}};
  p.form.errors = {{"comment", "Say why you reject it."}};
  auto r = complete::render_task(p, 422);
  BOOST_CHECK(has(r.body, "value=\"reject\" checked"));
  BOOST_CHECK(has(r.body, "id=\"in-comment-error\">Say why you reject it."));
  auto s = page("single_select", {{"options", {"A", "B"}}});
  s.form.errors = {{"option", "Choose one of the options."}};
  auto r2 = complete::render_task(s, 422);
  BOOST_CHECK_EQUAL(count(r2.body, "aria-invalid=\"true\" aria-describedby=\"in-option-error\""), 2u);
  BOOST_CHECK(has(r2.body, "id=\"in-option-error\">Choose one of the options."));
}

BOOST_AUTO_TEST_CASE(everything_from_staff_or_the_person_is_escaped) {
  const std::string x = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
  json fields = json::array({
      {{"name", "a"}, {"label", x}, {"type", "text"}},
      {{"name", "b"}, {"label", "Pick"}, {"type", "select"}, {"options", {x, "ok"}}},
      {{"name", "c"}, {"label", "Long"}, {"type", "textarea"}},
  });
  auto p = page("form", {{"fields", fields}});
  p.title = x;
  p.instructions = x;
  p.form.values = {{"f_a", x}, {"f_c", "</textarea>" + x}};
  p.form.errors = {{"f_a", x}};
  auto r = complete::render_task(p, 422);
  BOOST_CHECK(!has(r.body, "<script"));
  BOOST_CHECK(!has(r.body, "<img"));
  BOOST_CHECK(!has(r.body, "</textarea><"));
  BOOST_CHECK(has(r.body, "&quot;&gt;&lt;script&gt;"));

  auto s = page("single_select", {{"options", {x, "B"}}});
  s.form.values = {{"option", x}};
  auto r2 = complete::render_task(s);
  BOOST_CHECK(!has(r2.body, "<script"));
  BOOST_CHECK(has(r2.body, "checked"));

  auto sig = page("signature", {{"document_title", x}, {"document_text", x}});
  sig.form.values = {{"full_name", x}};
  auto r3 = complete::render_task(sig);
  BOOST_CHECK(!has(r3.body, "<script"));
  BOOST_CHECK(!has(r3.body, "<img"));

  auto d = complete::render_dead(x, "This link is not valid", x, 404);
  BOOST_CHECK_EQUAL(d.status, 404);
  BOOST_CHECK(!has(d.body, "<script"));
}

BOOST_AUTO_TEST_CASE(a_prefix_keeps_ids_unique) {
  auto p = page("standard", json::object());
  p.form.id_prefix = "t42-";
  auto r = complete::render_task(p);
  BOOST_CHECK(has(r.body, "<textarea id=\"t42-in-resolution\" name=\"resolution\""));
  BOOST_CHECK(has(r.body, "<label for=\"t42-in-resolution\">"));
  BOOST_CHECK(has(r.body, "aria-describedby=\"t42-in-resolution-hint\""));
  BOOST_CHECK(!has(r.body, "id=\"in-resolution\""));
  check_labels(r.body);
}

BOOST_AUTO_TEST_CASE(dead_links_say_why) {
  BOOST_CHECK(has(complete::dead_message("completed"), "because the task was completed"));
  BOOST_CHECK(has(complete::dead_message("cancelled"), "because the task was cancelled"));
  BOOST_CHECK(has(complete::dead_message("expired"), "has expired"));
  BOOST_CHECK(has(complete::dead_message("revoked"), "replaced by a newer link"));
  auto r = complete::render_dead("Acme", "This link is no longer active", complete::dead_message("completed"), 410);
  BOOST_CHECK_EQUAL(r.status, 410);
  BOOST_CHECK(has(r.body, "This link is no longer active because the task was completed."));
  BOOST_CHECK(!has(r.body, "<form"));
}
