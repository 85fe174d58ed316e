#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "crypto/token.hpp"
#include "log/log.hpp"

using namespace portico;

BOOST_AUTO_TEST_CASE(tokens_replaced) {
  std::string t = crypto::random_token();
  BOOST_CHECK_EQUAL(log::redact_path("/d/" + t), "/d/[token]");
  BOOST_CHECK_EQUAL(log::redact_path("/c/" + t + "/done"), "/c/[token]/done");
  BOOST_CHECK_EQUAL(log::redact_path("/set-password/" + t + "/"), "/set-password/[token]/");
  BOOST_CHECK_EQUAL(log::redact_path("/" + t), "/[token]");
  BOOST_CHECK_EQUAL(log::redact_path(t + "." + t), "[token]");
  BOOST_CHECK_EQUAL(log::redact_path("/x/" + std::string(20, 'a')), "/x/[token]");  // 20 is the threshold
  // A signed link token: key id, payload and MAC joined with '.', all token characters.
  BOOST_CHECK_EQUAL(log::redact_path("/d/k1." + t + ".abc"), "/d/[token]");
  BOOST_CHECK_EQUAL(log::redact_path("/d/" + t).find(t), std::string::npos);
}

BOOST_AUTO_TEST_CASE(short_segments_kept) {
  for (const char* p : {"/", "", "/login", "/api/v1/contacts/123", "/api/v1/documents/42/views", "/x/aaaaaaaaaaaaaaaaaaa",
                        "//double//slash/", "/a b/c", "/files/report%20for%20march%202024%20final.pdf"})
    BOOST_CHECK_EQUAL(log::redact_path(p), p);
}

namespace {
// Runs f with stderr sent to a temporary file; returns what was written.
template <class F>
std::string capture_stderr(F f) {
  std::fflush(stderr);
  FILE* tmp = std::tmpfile();
  int saved = dup(2);
  dup2(fileno(tmp), 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::rewind(tmp);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, tmp)) > 0) out.append(buf, n);
  std::fclose(tmp);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(request_line_json_and_text) {
  log::set_program("portico-test");
  log::set_json(true);
  std::string out = capture_stderr([] { log::request({"GET", "/d/[token]", 200, 1.5, "acme"}); });
  BOOST_REQUIRE(!out.empty());
  BOOST_CHECK_EQUAL(out.back(), '\n');
  BOOST_CHECK_EQUAL(out.find('\n'), out.size() - 1);  // exactly one line
  auto j = nlohmann::json::parse(out);
  BOOST_CHECK_EQUAL(j["program"], "portico-test");
  BOOST_CHECK_EQUAL(j["method"], "GET");
  BOOST_CHECK_EQUAL(j["path"], "/d/[token]");
  BOOST_CHECK_EQUAL(j["status"], 200);
  BOOST_CHECK_EQUAL(j["ms"], 1.5);
  BOOST_CHECK_EQUAL(j["host"], "acme");

  // A message with a newline or invalid UTF-8 stays one parseable line.
  out = capture_stderr([] { log::error("two\nlines \xFF"); });
  BOOST_CHECK_EQUAL(out.find('\n'), out.size() - 1);
  BOOST_CHECK_EQUAL(nlohmann::json::parse(out)["level"], "error");

  log::set_json(false);
  out = capture_stderr([] { log::request({"POST", "/login", 303, 12.345, ""}); });
  BOOST_CHECK_NE(out.find("portico-test POST /login 303 12.35ms"), std::string::npos);
  BOOST_CHECK_EQUAL(out.find("host="), std::string::npos);  // none named
  out = capture_stderr([] { log::request({"GET", "/", 200, 0, "acme.example"}); });
  BOOST_CHECK_NE(out.find(" host=acme.example"), std::string::npos);
}
