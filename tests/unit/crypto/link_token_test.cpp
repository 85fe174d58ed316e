#include <boost/test/unit_test.hpp>

#include "crypto/link_token.hpp"
#include "log/log.hpp"

using namespace portico::crypto;

namespace {
const char* kTwoKeys =
    "knew 0rCmq5Nq0Ug0z0pYgCRSh0RnyFm4Ti7TmYP4pA9MFd0=\n"
    "kold EykyrD6bJeCvMxTVDTDzFMd6GwnyBSB2kcF6DMVNtO4=\n";
}

BOOST_AUTO_TEST_CASE(round_trip_gives_the_stored_hash) {
  Keys k = Keys::from_text(kTwoKeys);
  IssuedLink l = issue_link(k, LinkPurpose::complete);
  BOOST_CHECK(l.token.starts_with("v1.knew."));
  auto h = verify_link(k, LinkPurpose::complete, l.token);
  BOOST_REQUIRE(h);
  BOOST_CHECK(*h == l.secret_hash);
  BOOST_CHECK_EQUAL(l.secret_hash.size(), 32u);
  BOOST_CHECK(l.token.find(l.secret_hash) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(purpose_is_bound) {
  Keys k = Keys::from_text(kTwoKeys);
  auto l = issue_link(k, LinkPurpose::set_password);
  BOOST_CHECK(!verify_link(k, LinkPurpose::complete, l.token));
  BOOST_CHECK(!verify_link(k, LinkPurpose::document_view, l.token));
}

BOOST_AUTO_TEST_CASE(any_changed_character_is_refused) {
  Keys k = Keys::from_text(kTwoKeys);
  auto l = issue_link(k, LinkPurpose::complete);
  for (size_t i = 0; i < l.token.size(); ++i) {
    std::string t = l.token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    if (t == l.token) continue;
    BOOST_CHECK_MESSAGE(!verify_link(k, LinkPurpose::complete, t), "accepted a token changed at " << i);
  }
  BOOST_CHECK(!verify_link(k, LinkPurpose::complete, ""));
  BOOST_CHECK(!verify_link(k, LinkPurpose::complete, l.token + "x"));
  BOOST_CHECK(!verify_link(k, LinkPurpose::complete, "v1.knew.a.b.c"));
}

BOOST_AUTO_TEST_CASE(older_keys_still_verify_and_unknown_keys_do_not) {
  Keys old_only = Keys::from_text("kold EykyrD6bJeCvMxTVDTDzFMd6GwnyBSB2kcF6DMVNtO4=\n");
  auto l = issue_link(old_only, LinkPurpose::complete);
  BOOST_CHECK(verify_link(Keys::from_text(kTwoKeys), LinkPurpose::complete, l.token));  // rotated: still valid
  Keys other = Keys::from_text("kold 0rCmq5Nq0Ug0z0pYgCRSh0RnyFm4Ti7TmYP4pA9MFd0=\n");
  BOOST_CHECK(!verify_link(other, LinkPurpose::complete, l.token));  // same id, different key
}

BOOST_AUTO_TEST_CASE(tokens_are_redacted_from_logged_paths) {
  Keys k = Keys::from_text(kTwoKeys);
  auto l = issue_link(k, LinkPurpose::complete);
  BOOST_CHECK_EQUAL(portico::log::redact_path("/c/" + l.token), "/c/[token]");
  BOOST_CHECK_EQUAL(portico::log::redact_path("/password/set/" + l.token), "/password/set/[token]");
}
