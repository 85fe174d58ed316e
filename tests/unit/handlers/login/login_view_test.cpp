#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "login/login_view.hpp"
#include "tpl/templates.hpp"

using namespace portico;

struct Templates {
  Templates() { tpl::init(std::getenv("PORTICO_TEMPLATE_DIR")); }
};
BOOST_TEST_GLOBAL_FIXTURE(Templates);

namespace {
auth::Context ctx() {
  auth::Context c;
  c.org.display_name = "Acme";
  c.csrf = "csrf-token";
  c.who.session_hash = "h";
  c.who.kind = "full";
  c.who.name = "Ann";
  c.who.username = "ann@example.com";
  return c;
}
bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(login_form_carries_csrf_and_escapes_the_echoed_username) {
  auto r = login::render_login(ctx(), {"\"><img src=x onerror=alert(1)>", "The username or password is incorrect."}, 401);
  BOOST_CHECK_EQUAL(r.status, 401);
  BOOST_CHECK(has(r.body, "name=\"csrf\" value=\"csrf-token\""));
  BOOST_CHECK(has(r.body, "The username or password is incorrect."));
  BOOST_CHECK(!has(r.body, "<img"));
  BOOST_CHECK(has(r.body, "&quot;&gt;&lt;img"));
}

BOOST_AUTO_TEST_CASE(a_failed_sign_in_marks_both_fields_and_points_them_at_the_message) {
  auto r = login::render_login(ctx(), {"ann", "The username or password is incorrect."}, 401);
  BOOST_CHECK(has(r.body, "id=\"form-error\">The username or password is incorrect."));
  size_t n = 0;
  for (size_t at = 0; (at = r.body.find("aria-invalid=\"true\" aria-describedby=\"form-error\"", at)) != std::string::npos; ++at) ++n;
  BOOST_CHECK_EQUAL(n, 2u);  // username and password: the message does not say which one is wrong
  auto first = login::render_login(ctx(), {});
  BOOST_CHECK(!has(first.body, "aria-invalid"));
  BOOST_CHECK(!has(first.body, "form-error"));
}

BOOST_AUTO_TEST_CASE(account_form_shows_errors_next_to_their_fields) {
  auto r = login::render_account(ctx(), {.current_error = "Your current password is not correct."}, 422);
  BOOST_CHECK(has(r.body, "id=\"current_password-error\">Your current password is not correct."));
  BOOST_CHECK(has(r.body, "aria-invalid=\"true\" aria-describedby=\"current_password-error\""));
  BOOST_CHECK(!has(r.body, "new_password-error\">"));
  auto done = login::render_account(ctx(), {.done = true});
  BOOST_CHECK(has(done.body, "Your password has been changed."));
}
