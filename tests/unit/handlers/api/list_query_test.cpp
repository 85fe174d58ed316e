#include <boost/test/unit_test.hpp>

#include "api/clients.hpp"
#include "api/contacts.hpp"
#include "api/groups.hpp"
#include "http/error.hpp"
#include "api/list_query.hpp"

using namespace portico::api;
using portico::http::Error;

namespace {
// True when parsing throws a 400 whose message names what.
bool refused(std::string_view query, std::span<const QueryParam> spec, const std::string& what) {
  try {
    parse_list_query(query, spec);
  } catch (const Error& e) {
    return e.status == 400 && std::string(e.what()).find(what) != std::string::npos;
  }
  return false;
}
}  // namespace

BOOST_AUTO_TEST_CASE(defaults) {
  auto q = parse_list_query("", contacts::filters());
  BOOST_CHECK_EQUAL(q.limit, 50);
  BOOST_CHECK_EQUAL(q.after, 0);
  BOOST_CHECK(q.values.empty());
}

BOOST_AUTO_TEST_CASE(limit_and_after) {
  auto q = parse_list_query("limit=200&after=17", contacts::filters());
  BOOST_CHECK_EQUAL(q.limit, 200);
  BOOST_CHECK_EQUAL(q.after, 17);
  BOOST_CHECK_EQUAL(parse_list_query("limit=1", contacts::filters()).limit, 1);
  for (const char* bad : {"limit=0", "limit=201", "limit=", "limit=-1", "limit=1.5", "limit=x", "limit=+5",
                          "limit=99999999999999999999999"})
    BOOST_CHECK_MESSAGE(refused(bad, contacts::filters(), "limit"), bad);
  for (const char* bad : {"after=", "after=-1", "after=a", "after=1e3"})
    BOOST_CHECK_MESSAGE(refused(bad, contacts::filters(), "after"), bad);
}

BOOST_AUTO_TEST_CASE(contact_filters) {
  auto q = parse_list_query("kind=target&status=inactive&client_id=3&group_id=4&email=A%40b.co&record_ref=R-1&q=ann+s",
                            contacts::filters());
  auto f = contacts::filter_of(q);
  BOOST_CHECK_EQUAL(f.kind.value(), "target");
  BOOST_CHECK_EQUAL(f.status.value(), "inactive");
  BOOST_CHECK_EQUAL(f.client_id.value(), 3);
  BOOST_CHECK_EQUAL(f.group_id.value(), 4);
  BOOST_CHECK_EQUAL(f.email.value(), "A@b.co");
  BOOST_CHECK_EQUAL(f.record_ref.value(), "R-1");
  BOOST_CHECK_EQUAL(f.q.value(), "ann s");
  auto none = contacts::filter_of(parse_list_query("", contacts::filters()));
  BOOST_CHECK(!none.kind && !none.client_id && !none.q);
}

BOOST_AUTO_TEST_CASE(bad_filters_name_the_parameter) {
  BOOST_CHECK(refused("kind=boss", contacts::filters(), "kind"));
  BOOST_CHECK(refused("status=", contacts::filters(), "status"));
  BOOST_CHECK(refused("client_id=0", contacts::filters(), "client_id"));
  BOOST_CHECK(refused("group_id=x", contacts::filters(), "group_id"));
  BOOST_CHECK(refused("q=", contacts::filters(), "q"));
  BOOST_CHECK(refused("q=a%0Ab", contacts::filters(), "q"));
  BOOST_CHECK(refused("q=%FF", contacts::filters(), "q"));
  BOOST_CHECK(refused("q=" + std::string(201, 'x'), contacts::filters(), "q"));
  BOOST_CHECK(refused("record_ref=" + std::string(101, 'x'), contacts::filters(), "record_ref"));
  BOOST_CHECK(refused("kind=target&kind=target", contacts::filters(), "kind"));
  BOOST_CHECK(refused("q=%ZZ", contacts::filters(), "query string"));
}

BOOST_AUTO_TEST_CASE(unknown_parameters_refused) {
  BOOST_CHECK(refused("sort=name", contacts::filters(), "sort"));
  BOOST_CHECK(refused("group_id=1", contacts::filters(false), "group_id"));  // a member list's group is the path's
  BOOST_CHECK(refused("kind=target", clients::filters(), "kind"));
  BOOST_CHECK(refused("q=x", groups::filters(), "q"));
  BOOST_CHECK(refused("%01=x", contacts::filters(), "Unknown"));
  BOOST_CHECK_EQUAL(parse_list_query("kind=workgroup", groups::filters()).text("kind").value(), "workgroup");
  BOOST_CHECK_EQUAL(parse_list_query("q=acme&record_ref=C1", clients::filters()).text("q").value(), "acme");
}
