#include <boost/test/unit_test.hpp>

#include <limits>

#include "http/validate.hpp"

using namespace portico::http;
using namespace std::string_literals;

BOOST_AUTO_TEST_CASE(valid_utf8_accepts_well_formed) {
  BOOST_CHECK(valid_utf8(""));
  BOOST_CHECK(valid_utf8("plain ASCII ~\x7F"));
  BOOST_CHECK(valid_utf8("nul \0 inside"s));           // U+0000 is valid UTF-8 (no_controls refuses it)
  BOOST_CHECK(valid_utf8("\xC2\x80"));                 // U+0080, smallest 2-byte
  BOOST_CHECK(valid_utf8("\xDF\xBF"));                 // U+07FF
  BOOST_CHECK(valid_utf8("\xE0\xA0\x80"));             // U+0800, smallest 3-byte
  BOOST_CHECK(valid_utf8("\xED\x9F\xBF"));             // U+D7FF, just below the surrogates
  BOOST_CHECK(valid_utf8("\xEE\x80\x80"));             // U+E000, just above them
  BOOST_CHECK(valid_utf8("\xEF\xBF\xBF"));             // U+FFFF
  BOOST_CHECK(valid_utf8("\xF0\x90\x80\x80"));         // U+10000, smallest 4-byte
  BOOST_CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));         // U+10FFFF, the last code point
  BOOST_CHECK(valid_utf8("Z\xC3\xBC" "rich \xE2\x82\xAC 5 \xF0\x9F\x98\x80"));  // Zürich € 5 😀
}

BOOST_AUTO_TEST_CASE(valid_utf8_refuses_malformed) {
  BOOST_CHECK(!valid_utf8("\x80"));                    // lone continuation byte
  BOOST_CHECK(!valid_utf8("a\xBF" "b"));
  BOOST_CHECK(!valid_utf8("\xC3"));                    // truncated 2-byte
  BOOST_CHECK(!valid_utf8("\xE2\x82"));                // truncated 3-byte
  BOOST_CHECK(!valid_utf8("\xF0\x9F\x98"));            // truncated 4-byte
  BOOST_CHECK(!valid_utf8("\xC3(")); 
  BOOST_CHECK(!valid_utf8("\xE2(\xA1"));               // bad second byte
  BOOST_CHECK(!valid_utf8("\xC0\x80"));                // overlong NUL
  BOOST_CHECK(!valid_utf8("\xC1\xBF"));                // overlong 2-byte
  BOOST_CHECK(!valid_utf8("\xE0\x80\xAF"));            // overlong '/'
  BOOST_CHECK(!valid_utf8("\xE0\x9F\xBF"));            // overlong U+07FF
  BOOST_CHECK(!valid_utf8("\xF0\x80\x80\x80"));        // overlong 4-byte
  BOOST_CHECK(!valid_utf8("\xF0\x8F\xBF\xBF"));        // overlong U+FFFF
  BOOST_CHECK(!valid_utf8("\xED\xA0\x80"));            // U+D800, a surrogate
  BOOST_CHECK(!valid_utf8("\xED\xBF\xBF"));            // U+DFFF
  BOOST_CHECK(!valid_utf8("\xF4\x90\x80\x80"));        // U+110000, past the end
  BOOST_CHECK(!valid_utf8("\xF5\x80\x80\x80"));
  BOOST_CHECK(!valid_utf8("\xF8\x88\x80\x80\x80"));    // 5-byte form
  BOOST_CHECK(!valid_utf8("\xFE"));
  BOOST_CHECK(!valid_utf8("\xFF"));
  BOOST_CHECK(!valid_utf8("ok then \xE9"));            // Latin-1 é
}

BOOST_AUTO_TEST_CASE(utf8_length_counts_code_points) {
  BOOST_CHECK_EQUAL(utf8_length(""), 0u);
  BOOST_CHECK_EQUAL(utf8_length("abc"), 3u);
  BOOST_CHECK_EQUAL(utf8_length("\xC3\xA9t\xC3\xA9"), 3u);
  BOOST_CHECK_EQUAL(utf8_length("\xE2\x82\xAC\xF0\x9F\x98\x80"), 2u);
}

BOOST_AUTO_TEST_CASE(no_controls_single_and_multi_line) {
  BOOST_CHECK(no_controls("", false));
  BOOST_CHECK(no_controls("Ann O'Neil <ann>", false));
  BOOST_CHECK(no_controls("\xC2\xA0non-breaking \xC3\xA9", false));  // U+00A0 and é are not controls
  BOOST_CHECK(!no_controls("a\0b"s, false));
  BOOST_CHECK(!no_controls("a\0b"s, true));
  BOOST_CHECK(!no_controls("bell\x07", true));
  BOOST_CHECK(!no_controls("esc\x1B[31m", true));
  BOOST_CHECK(!no_controls("\x1F", false));
  BOOST_CHECK(!no_controls("del\x7F", true));
  BOOST_CHECK(!no_controls("C1 \xC2\x80", true));   // U+0080
  BOOST_CHECK(!no_controls("NEL \xC2\x85", true));  // U+0085 next line
  BOOST_CHECK(!no_controls("\xC2\x9F", false));     // U+009F
  BOOST_CHECK(no_controls("\xC2\xA0", false));
  for (char c : {'\t', '\n', '\r'}) {
    std::string s = "a"s + c + "b";
    BOOST_CHECK(!no_controls(s, false));
    BOOST_CHECK(no_controls(s, true));
  }
}

BOOST_AUTO_TEST_CASE(valid_email_good) {
  for (const char* s : {"ann@example.com", "a@b.co", "first.last@example.co.uk", "user+tag@example.org",
                        "o'neil@example.ie", "x_y-z@sub-domain.example.com", "a!#$%&'*+/=?^_`{|}~-@example.com",
                        "UPPER@EXAMPLE.COM", "1234@123.45.com", "ann@b\xC3\xBC" "cher.de"})
    BOOST_CHECK_MESSAGE(valid_email(s), s);
  BOOST_CHECK(valid_email(std::string(64, 'l') + "@example.com"));   // longest local part
  BOOST_CHECK(valid_email("a@" + std::string(63, 'd') + ".com"));    // longest label
  std::string longest = "a@" + std::string(63, 'd') + "." + std::string(63, 'e') + "." + std::string(63, 'f') + "." +
                        std::string(60, 'g');
  BOOST_REQUIRE_EQUAL(longest.size(), 254u);
  BOOST_CHECK(valid_email(longest));
}

BOOST_AUTO_TEST_CASE(valid_email_bad) {
  for (const char* s : {"", "a", "@", "a@", "@example.com", "ann", "ann@localhost", "ann@example.", "ann@.com",
                        "ann@example..com", "ann@-example.com", "ann@example-.com", "ann@exa_mple.com",
                        ".ann@example.com", "ann.@example.com", "a..nn@example.com", "ann smith@example.com",
                        "\"ann\"@example.com", "<ann@example.com>", "Ann <ann@example.com>", "ann@exa mple.com",
                        "ann@example.com\n", "ann@example.com\r\nBcc: x@y.z", "ann@@example.com", "a@b@example.com",
                        "ann(comment)@example.com", "ann@[127.0.0.1]", "\xC3\xA1nn@example.com", "ann,bob@example.com",
                        "ann;bob@example.com", "ann@example.com,bob@example.com"})
    BOOST_CHECK_MESSAGE(!valid_email(s), s);
  BOOST_CHECK(!valid_email(std::string(65, 'l') + "@example.com"));  // local part over 64
  BOOST_CHECK(!valid_email("a@" + std::string(64, 'd') + ".com"));   // label over 63
  std::string too_long = "a@" + std::string(63, 'd') + "." + std::string(63, 'e') + "." + std::string(63, 'f') + "." +
                         std::string(61, 'g');
  BOOST_REQUIRE_EQUAL(too_long.size(), 255u);
  BOOST_CHECK(!valid_email(too_long));
}

BOOST_AUTO_TEST_CASE(parse_int_whole_numbers_only) {
  BOOST_CHECK_EQUAL(parse_int("0").value_or(-1), 0);
  BOOST_CHECK_EQUAL(parse_int("42").value_or(-1), 42);
  BOOST_CHECK_EQUAL(parse_int("-17").value_or(-1), -17);
  BOOST_CHECK_EQUAL(parse_int("007").value_or(-1), 7);
  BOOST_CHECK_EQUAL(parse_int("9223372036854775807").value_or(-1), std::numeric_limits<int64_t>::max());
  for (const char* s : {"", " ", "+5", " 5", "5 ", "5x", "x5", "1.5", "1e3", "0x10", "--1", "-", "١٢",
                        "9223372036854775808", "99999999999999999999", "12345678901234567890123"})
    BOOST_CHECK_MESSAGE(!parse_int(s), s);
}

BOOST_AUTO_TEST_CASE(trim_whitespace) {
  BOOST_CHECK_EQUAL(trim("  a b \t\r\n"), "a b");
  BOOST_CHECK_EQUAL(trim("\r\n\t "), "");
  BOOST_CHECK_EQUAL(trim(""), "");
  BOOST_CHECK_EQUAL(trim("x"), "x");
  BOOST_CHECK_EQUAL(trim("\xC2\xA0x"), "\xC2\xA0x");  // only ASCII whitespace
}
