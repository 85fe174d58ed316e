#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "public/public_view.hpp"
#include "tpl/templates.hpp"

using namespace portico;
using namespace portico::public_portal;

struct Templates {
  Templates() { tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
auth::Context visitor() {
  auth::Context c;
  c.org.display_name = "Acme";
  c.csrf = "csrf-token";
  return c;
}
PortalRow portal() { return {.id = 1, .slug = "apply", .title = "Apply <now>", .introduction = "Welcome."}; }
const std::vector<ProcessRow> kTwo{{7, "Membership", "Join us.", 2}, {8, "Grant", "", 1}};
bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(one_process_is_a_hidden_field_with_a_honeypot_and_csrf) {
  auto r = render_landing(visitor(), portal(), {kTwo[0]}, {});
  BOOST_CHECK_EQUAL(r.status, 200);
  BOOST_CHECK(has(r.body, "action=\"/p/apply/register\""));
  BOOST_CHECK(has(r.body, "type=\"hidden\" name=\"process_id\" value=\"7\""));
  BOOST_CHECK(!has(r.body, "type=\"radio\""));
  BOOST_CHECK(has(r.body, "name=\"csrf\" value=\"csrf-token\""));
  BOOST_CHECK(has(r.body, "name=\"website\""));
  BOOST_CHECK(has(r.body, "Apply &lt;now&gt;"));
  BOOST_CHECK(has(r.body, "href=\"/p/apply/login\""));
}

BOOST_AUTO_TEST_CASE(multi_process_offers_a_choice_and_keeps_the_one_chosen) {
  PortalRow p = portal();
  p.multi_process = true;
  RegisterForm f{.process_id = 8, .name = "Ann", .email = "\"><b>@x.test"};
  f.errors["password"] = "Too short.";
  auto r = render_landing(visitor(), p, kTwo, f, 422);
  BOOST_CHECK_EQUAL(r.status, 422);
  BOOST_CHECK(has(r.body, "id=\"process-7\" name=\"process_id\" value=\"7\" required>"));
  BOOST_CHECK(has(r.body, "id=\"process-8\" name=\"process_id\" value=\"8\" required checked>"));
  BOOST_CHECK(has(r.body, "Too short."));
  BOOST_CHECK(!has(r.body, "<b>"));
}

BOOST_AUTO_TEST_CASE(registration_off_offers_sign_in_only) {
  PortalRow p = portal();
  p.registration_enabled = false;
  auto r = render_landing(visitor(), p, kTwo, {});
  BOOST_CHECK(has(r.body, "action=\"/login\""));
  BOOST_CHECK(!has(r.body, "/register"));
  BOOST_CHECK(!has(r.body, "name=\"website\""));
}

BOOST_AUTO_TEST_CASE(application_page_links_each_step_and_marks_the_current_application) {
  auth::Context c = visitor();
  c.who.session_hash = "h";
  c.who.kind = "full";
  c.who.applicant = true;  // has applications: the session says so
  std::vector<ApplicationRow> apps{{12, "Grant", "Apply", "apply", "2026-01-02 10:00 UTC", "open", 1, 2},
                                   {11, "Membership", "Apply", "apply", "2026-01-01 10:00 UTC", "completed", 2, 2}};
  std::vector<StepRow> steps{{100, 1, "About you", "form", "completed", "2026-01-02 10:05 UTC"},
                             {101, 2, "Terms", "signature", "new", ""}};
  auto r = render_application(c, apps, apps[0], steps);
  BOOST_CHECK(has(r.body, "<a href=\"/applications/12\" aria-current=\"page\">"));
  BOOST_CHECK(has(r.body, "<a href=\"/applications/11\">"));
  BOOST_CHECK(has(r.body, "class=\"step step-completed\" id=\"step-1\""));
  BOOST_CHECK(has(r.body, "href=\"/tasks/101\""));
  BOOST_CHECK(has(r.body, "1 of 2 steps done"));
  BOOST_CHECK(has(r.body, "tab-applications"));
}
