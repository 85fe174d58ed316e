#include <boost/test/unit_test.hpp>

#include <ctemplate/template.h>

#include "autocreate/autocreate.hpp"
#include "autocreate/autocreate_view.hpp"
#include "mail/mail_template.hpp"
#include "tpl/templates.hpp"

using namespace portico::autocreate;

namespace {
Queued active(std::string email = "Ann.Lee@Example.test") {
  Queued q;
  q.contact_id = 7;
  q.kind_matches = true;
  q.status = "active";
  q.email = std::move(email);
  q.name = "Ann Lee";
  return q;
}
}  // namespace

BOOST_AUTO_TEST_CASE(active_without_account_gets_one_by_the_format) {
  Decision d = decide(active(), "email");
  BOOST_CHECK(d.action == Action::create);
  BOOST_CHECK_EQUAL(d.username, "ann.lee@example.test");

  Queued q = active();
  q.record_ref = "C-1203";
  d = decide(q, "record_id");
  BOOST_CHECK(d.action == Action::create);
  BOOST_CHECK_EQUAL(d.username, "C-1203");
}

BOOST_AUTO_TEST_CASE(clashes_and_missing_values_are_skipped_with_a_reason) {
  Queued q = active();
  q.shares_email = true;
  Decision d = decide(q, "email");
  BOOST_CHECK(d.action == Action::skip);
  BOOST_CHECK_EQUAL(d.reason, "duplicate_email");
  // record IDs are unique per org: a shared e-mail does not matter there.
  q.record_ref = "C-9";
  BOOST_CHECK(decide(q, "record_id").action == Action::create);

  BOOST_CHECK_EQUAL(decide(active(), "record_id").reason, "no_record_ref");
  BOOST_CHECK_EQUAL(decide(active("not an address"), "email").reason, "bad_email");
}

BOOST_AUTO_TEST_CASE(accounts_and_other_kinds_are_left_alone_and_inactive_ones_suspended) {
  Queued q = active();
  q.account_id = 5;
  q.account_state = "active";
  BOOST_CHECK(decide(q, "email").action == Action::drop);
  q.status = "inactive";
  BOOST_CHECK(decide(q, "email").action == Action::suspend);
  q.account_state = "invited";
  BOOST_CHECK(decide(q, "email").action == Action::suspend);
  q.account_state = "suspended";
  BOOST_CHECK(decide(q, "email").action == Action::drop);
  Queued none = active();
  none.status = "inactive";
  BOOST_CHECK(decide(none, "email").action == Action::drop);
  Queued moved = active();
  moved.kind_matches = false;
  BOOST_CHECK(decide(moved, "email").action == Action::drop);
}

BOOST_AUTO_TEST_CASE(the_password_reaches_only_the_generated_mode_mail) {
  portico::tpl::init(std::getenv("PORTICO_TEMPLATE_DIR"));
  ctemplate::TemplateDictionary link("t");
  fill_welcome(link, {"Ann", "Acme", "https://p.test/", "ann", "https://p.test/password/set/v1.x", "1 May", std::nullopt});
  auto r = portico::mail::render("auto_create_portal_user", link, std::nullopt);
  BOOST_CHECK(r.text.find("https://p.test/password/set/v1.x") != std::string::npos);
  BOOST_CHECK(r.text.find("temporary password") == std::string::npos);

  ctemplate::TemplateDictionary gen("t");
  fill_welcome(gen, {"Ann", "Acme", "https://p.test", "ann", std::nullopt, std::nullopt, "S3cretGenerated"});
  r = portico::mail::render("auto_create_portal_user", gen, std::nullopt);
  BOOST_CHECK(r.text.find("S3cretGenerated") != std::string::npos);
  BOOST_CHECK(r.html.find("S3cretGenerated") != std::string::npos);
  BOOST_CHECK(r.text.find("https://p.test/login") != std::string::npos);
  BOOST_CHECK(r.text.find("/password/set/") == std::string::npos);
}
