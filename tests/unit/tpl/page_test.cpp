#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "tpl/page.hpp"
#include "tpl/templates.hpp"

using namespace portico;

struct Templates {
  Templates() { tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
std::string render(tpl::Nav nav, bool assignee = false, std::string org = "Acme", bool applicant = false) {
  tpl::Page p("portal/conflict.tpl", {.title = "T", .org_name = org, .active = "files", .nav = nav,
                                   .external_assignee = assignee, .applicant = applicant, .csrf = "tok",
                                   .person = "Ann"});
  p.body().SetValue("MESSAGE", "M");
  return p.render().body;
}
bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(full_account_sees_every_tab_and_sign_out) {
  auto html = render(tpl::Nav::full);
  for (auto tab : {"tab-tasks", "tab-approvals", "tab-history", "tab-files", "tab-upload", "tab-contact", "tab-account"})
    BOOST_CHECK_MESSAGE(has(html, tab), tab);
  BOOST_CHECK(!has(html, "tab-module"));  // the tasks module is for external assignees
  BOOST_CHECK(has(html, "action=\"/logout\""));
  BOOST_CHECK(has(html, "name=\"csrf\" value=\"tok\""));
  BOOST_CHECK(has(html, "href=\"/files\" aria-current=\"page\""));
}

BOOST_AUTO_TEST_CASE(one_time_visit_sees_three_tabs_only) {
  auto html = render(tpl::Nav::limited);
  for (auto tab : {"tab-files", "tab-upload", "tab-contact"}) BOOST_CHECK_MESSAGE(has(html, tab), tab);
  for (auto tab : {"tab-tasks", "tab-history", "tab-account", "tab-module", "tab-approvals"})
    BOOST_CHECK_MESSAGE(!has(html, tab), tab);
  BOOST_CHECK(!has(html, "/logout"));
}

BOOST_AUTO_TEST_CASE(external_assignee_gets_module_and_approvals) {
  auto html = render(tpl::Nav::full, true);
  BOOST_CHECK(has(html, "tab-module"));
  BOOST_CHECK(has(html, "tab-approvals"));
}

BOOST_AUTO_TEST_CASE(applicants_get_the_applications_tab) {
  BOOST_CHECK(!has(render(tpl::Nav::full), "tab-applications"));
  BOOST_CHECK(has(render(tpl::Nav::full, false, "Acme", true), "tab-applications"));
  BOOST_CHECK(!has(render(tpl::Nav::limited, false, "Acme", true), "tab-applications"));
}

BOOST_AUTO_TEST_CASE(signed_out_has_no_tabs) { BOOST_CHECK(!has(render(tpl::Nav::none), "class=\"tabs\"")); }

BOOST_AUTO_TEST_CASE(values_are_html_escaped) {
  auto html = render(tpl::Nav::full, false, "<script>alert(1)</script>\"&");
  BOOST_CHECK(!has(html, "<script>"));
  BOOST_CHECK(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;"));
}

BOOST_AUTO_TEST_CASE(every_page_links_default_then_org_stylesheet) {
  auto html = render(tpl::Nav::none);
  auto a = html.find("/static/portico.css"), b = html.find("/org.css");
  BOOST_REQUIRE(a != std::string::npos && b != std::string::npos);
  BOOST_CHECK_LT(a, b);  // the org's rules come last so they win
  BOOST_CHECK(!has(html, "<script"));  // the CSP forbids inline scripts; pages have none
}
