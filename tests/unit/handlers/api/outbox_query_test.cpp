#include <boost/test/unit_test.hpp>

#include "api/outbox.hpp"
#include "http/error.hpp"

using namespace portico::api;
using portico::http::Error;

namespace {
bool refused(std::string_view query, const std::string& what) {
  try {
    parse_list_query(query, outbox::filters());
  } catch (const Error& e) {
    return e.status == 400 && std::string(e.what()).find(what) != std::string::npos;
  }
  return false;
}
}  // namespace

BOOST_AUTO_TEST_CASE(no_filters) {
  auto f = outbox::filter_of(parse_list_query("", outbox::filters()));
  BOOST_CHECK(!f.state && !f.to && !f.folder && !f.contact_id);
}

BOOST_AUTO_TEST_CASE(every_filter) {
  auto q = parse_list_query("state=dead&to=Ann%40Example.test&contact_id=12&folder=account_invite&limit=5&after=9",
                            outbox::filters());
  auto f = outbox::filter_of(q);
  BOOST_CHECK_EQUAL(*f.state, "dead");
  BOOST_CHECK_EQUAL(*f.to, "Ann@Example.test");  // as given: the query compares without regard to case
  BOOST_CHECK_EQUAL(*f.contact_id, 12);
  BOOST_CHECK_EQUAL(*f.folder, "account_invite");
  BOOST_CHECK_EQUAL(q.limit, 5);
  BOOST_CHECK_EQUAL(q.after, 9);
}

BOOST_AUTO_TEST_CASE(each_state_and_folder) {
  for (const char* s : {"pending", "sending", "sent", "dead"})
    BOOST_CHECK_EQUAL(*outbox::filter_of(parse_list_query(std::string("state=") + s, outbox::filters())).state, s);
  for (const auto& f : portico::mail::folders()) {
    std::string q = "folder=" + std::string(f.name);
    BOOST_CHECK_EQUAL(*outbox::filter_of(parse_list_query(q, outbox::filters())).folder, f.name);
  }
}

BOOST_AUTO_TEST_CASE(bad_filters_are_400_naming_them) {
  BOOST_CHECK(refused("state=failed", "state"));
  BOOST_CHECK(refused("state=DEAD", "state"));
  BOOST_CHECK(refused("state=", "state"));
  BOOST_CHECK(refused("folder=nope", "folder"));
  BOOST_CHECK(refused("contact_id=0", "contact_id"));
  BOOST_CHECK(refused("contact_id=abc", "contact_id"));
  BOOST_CHECK(refused("to=", "to"));
  BOOST_CHECK(refused("to=" + std::string(255, 'a'), "to"));
  BOOST_CHECK(refused("to=a%0Ab", "to"));
  BOOST_CHECK(refused("state=dead&state=sent", "state"));
  BOOST_CHECK(refused("recipient=x", "recipient"));
  BOOST_CHECK(refused("email=x", "email"));
}
