#include <boost/test/unit_test.hpp>

#include <string>

#include "api/bearer_key.hpp"

using namespace portico::api;

namespace {
const std::string kKey = "pk_" + std::string(40, 'A') + "b-_";
}

BOOST_AUTO_TEST_CASE(key_shape) {
  BOOST_CHECK(valid_key_format(kKey));
  BOOST_CHECK(!valid_key_format(kKey.substr(1)));
  BOOST_CHECK(!valid_key_format(kKey + "A"));
  BOOST_CHECK(!valid_key_format("pk_" + std::string(42, 'A') + "="));
  BOOST_CHECK(!valid_key_format("sk_" + std::string(43, 'A')));
  BOOST_CHECK(!valid_key_format("pk_" + std::string(42, 'A') + "+"));
  BOOST_CHECK(!valid_key_format(""));
}

BOOST_AUTO_TEST_CASE(bearer_header) {
  BOOST_CHECK_EQUAL(bearer_key("Bearer " + kKey).value(), kKey);
  BOOST_CHECK_EQUAL(bearer_key("bearer  " + kKey + " ").value(), kKey);
  BOOST_CHECK_EQUAL(bearer_key("BEARER " + kKey).value(), kKey);
  BOOST_CHECK(!bearer_key(""));
  BOOST_CHECK(!bearer_key("Bearer"));
  BOOST_CHECK(!bearer_key("Bearer "));
  BOOST_CHECK(!bearer_key("Bearer" + kKey));
  BOOST_CHECK(!bearer_key("Basic " + kKey));
  BOOST_CHECK(!bearer_key("Bearer " + kKey + " extra"));
  BOOST_CHECK(!bearer_key("Bearer pk_short"));
}
