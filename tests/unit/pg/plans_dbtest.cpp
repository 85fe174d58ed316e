// pg::Connection against a live PostgreSQL (PORTICO_DB): how each kind of statement is planned.
// Not a ctest test (ctest runs before any server is up): tests/integration/test_pg_connection.py runs it.
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdlib>
#include <set>
#include <string>

#include "pg/connection.hpp"

using namespace portico;

namespace {
constexpr std::array<pg::Statement, 3> kList{{
    {"t.cached", "SELECT $1::int + 1 AS next"},
    // A list with an optional filter, as the API's lists are written.
    {"t.per_call",
     "SELECT count(*) AS n FROM generate_series(1, 1000) AS g(b) WHERE ($1::int IS NULL OR g.b <= $1)",
     pg::Plan::per_call},
    {"t.per_call_bytes", "SELECT $1::bytea AS raw", pg::Plan::per_call},
}};

std::string conninfo() {
  const char* db = std::getenv("PORTICO_DB");
  BOOST_TEST_REQUIRE(db != nullptr, "PORTICO_DB is not set");
  return db;
}

std::set<std::string> prepared(pg::Connection& c) {
  std::set<std::string> out;
  auto r = c.exec("SELECT name FROM pg_prepared_statements");
  for (int i = 0; i < r.rows(); ++i) out.insert(r.str(i, 0));
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(cached_statements_are_prepared_and_per_call_ones_are_not) {
  pg::Connection c(conninfo(), {kList});
  // Ten runs each: past the five custom plans after which PostgreSQL may settle on a generic plan.
  for (int i = 0; i < 10; ++i) {
    BOOST_CHECK_EQUAL(c.run("t.cached", {i}).i64(0, 0), i + 1);
    BOOST_CHECK_EQUAL(c.run("t.per_call", {std::nullopt}).i64(0, 0), 1000);
  }
  // Each per-call run is the unnamed statement, planned for the values it carries.
  BOOST_CHECK_EQUAL(c.run("t.per_call", {7}).i64(0, 0), 7);
  auto names = prepared(c);
  BOOST_CHECK(names.contains("t.cached"));
  BOOST_CHECK(!names.contains("t.per_call"));
  BOOST_CHECK(!names.contains("t.per_call_bytes"));
}

BOOST_AUTO_TEST_CASE(per_call_statements_take_binary_parameters_and_results_and_run_in_transactions) {
  pg::Connection c(conninfo(), {kList});
  std::string raw("a\0b\xff", 4);
  auto r = c.run_binary("t.per_call_bytes", {pg::Param::bytes(raw)});
  BOOST_CHECK_EQUAL(std::string(r.view(0, 0)), raw);
  pg::Transaction tx(c);
  BOOST_CHECK_EQUAL(c.run("t.per_call", {500}).i64(0, 0), 500);
  tx.commit();
}

BOOST_AUTO_TEST_CASE(per_call_statements_survive_a_reconnect) {
  pg::Connection c(conninfo(), {kList});
  BOOST_CHECK_EQUAL(c.run("t.per_call", {3}).i64(0, 0), 3);
  // The server ends this backend: the next run outside a transaction reconnects and runs again.
  auto pid = c.exec("SELECT pg_backend_pid()").i64(0, 0);
  pg::Connection other(conninfo(), {});
  other.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  BOOST_CHECK_EQUAL(c.run("t.per_call", {4}).i64(0, 0), 4);
  BOOST_CHECK_EQUAL(c.run("t.cached", {4}).i64(0, 0), 5);
}

BOOST_AUTO_TEST_CASE(columns_are_found_by_their_exact_name) {
  pg::Connection c(conninfo(), {kList});
  auto r = c.exec("SELECT 1 AS a, 2 AS next, 3 AS \"Mixed\"");
  BOOST_CHECK_EQUAL(r.column("next"), 1);
  BOOST_CHECK_EQUAL(r.column("Mixed"), 2);
  BOOST_CHECK_THROW(r.column("mixed"), std::logic_error);
  BOOST_CHECK_THROW(r.column("missing"), std::logic_error);
}
