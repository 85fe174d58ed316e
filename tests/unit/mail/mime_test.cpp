#include <boost/test/unit_test.hpp>

#include <sodium.h>

#include "mail/mime.hpp"

using namespace portico::mail;

namespace {
Message sample() {
  Message m;
  m.message_id = "outbox.7.42@portico.test";
  m.from = {"Acme Portal", "portal@acme.test"};
  m.to = {"Zoë O'Brien", "zoe@example.com"};
  m.subject = "Your task: Ünïcode ✓";
  m.text = "Hello\nLine two\n";
  m.html = "<p>Hello</p>";
  m.date = 1795000000;
  return m;
}
std::string decode_b64(const std::string& s) {
  std::string out(s.size(), '\0');
  size_t len = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(), s.size(), "\r\n", &len, nullptr,
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(len);
  return out;
}
std::string headers_of(const std::string& msg) { return msg.substr(0, msg.find("\r\n\r\n") + 2); }
}  // namespace

BOOST_AUTO_TEST_CASE(headers_are_encoded_and_complete) {
  auto msg = compose(sample());
  auto h = headers_of(msg);
  BOOST_CHECK(h.starts_with("Message-ID: <outbox.7.42@portico.test>\r\n"));
  BOOST_CHECK(h.find("From: Acme Portal <portal@acme.test>\r\n") != std::string::npos);
  BOOST_CHECK(h.find("To: =?UTF-8?B?") != std::string::npos);
  BOOST_CHECK(h.find("Subject: =?UTF-8?B?") != std::string::npos);
  BOOST_CHECK(h.find("Date: ") != std::string::npos);
  BOOST_CHECK(h.find("MIME-Version: 1.0") != std::string::npos);
  for (size_t i = 0; i < msg.size(); ++i)  // every line ends CRLF
    if (msg[i] == '\n') BOOST_REQUIRE(i > 0 && msg[i - 1] == '\r');
}

BOOST_AUTO_TEST_CASE(encoded_subject_decodes_back) {
  Message m = sample();
  m.subject = std::string(100, 'x') + " ✓ é";  // long: several encoded words
  auto h = headers_of(compose(m));
  size_t p = h.find("Subject: ") + 9;
  std::string decoded, line = h.substr(p, h.find("\r\nMIME") - p);
  for (size_t i = 0; (i = line.find("=?UTF-8?B?", i)) != std::string::npos;) {
    size_t e = line.find("?=", i + 10);
    BOOST_CHECK_LE(e + 2 - i, 75u);
    decoded += decode_b64(line.substr(i + 10, e - i - 10));
    i = e + 2;
  }
  BOOST_CHECK_EQUAL(decoded, m.subject);
}

BOOST_AUTO_TEST_CASE(no_header_injection_through_values) {
  Message m = sample();
  m.subject = "Hi\r\nBcc: victim@evil.test";
  m.to.name = "Eve\r\nBcc: x@evil.test";
  auto h = headers_of(compose(m));
  BOOST_CHECK(h.find("\r\nBcc:") == std::string::npos);
  m.to.email = "a@b.test\r\nBcc: x@evil.test";
  BOOST_CHECK_THROW(compose(m), BadAddress);
  m = sample();
  m.message_id = "x@y>\r\nBcc: z";
  BOOST_CHECK_THROW(compose(m), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(special_names_are_quoted) {
  BOOST_CHECK_EQUAL(format_address({"Smith, John", "j@x.test"}), "\"Smith, John\" <j@x.test>");
  BOOST_CHECK_EQUAL(format_address({"", "j@x.test"}), "<j@x.test>");
  BOOST_CHECK_EQUAL(format_address({"A \"B\"", "j@x.test"}), "\"A \\\"B\\\"\" <j@x.test>");
}

BOOST_AUTO_TEST_CASE(bodies_round_trip_with_crlf_and_are_deterministic) {
  Message m = sample();
  auto a = compose(m), b = compose(m);
  BOOST_CHECK_EQUAL(a, b);
  size_t p = a.find("Content-Transfer-Encoding: base64\r\n\r\n") + 37;
  std::string text = decode_b64(a.substr(p, a.find("--=_portico_", p) - p));
  BOOST_CHECK_EQUAL(text, "Hello\r\nLine two\r\n");
  m.message_id = "outbox.7.43@portico.test";
  auto c = compose(m);
  BOOST_CHECK(c.substr(c.find("boundary=")) != a.substr(a.find("boundary=")));
}

BOOST_AUTO_TEST_CASE(date_is_rfc5322) { BOOST_CHECK_EQUAL(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000"); }
