#include <boost/test/unit_test.hpp>

#include <random>

#include "http/error.hpp"
#include "http/form.hpp"
#include "http/memory_request.hpp"
#include "http/multipart.hpp"

using namespace portico::http;
using namespace std::string_literals;

namespace {

const std::string B = "XyZ-b0undary";
const MultipartLimits kLimits{.max_part_bytes = 1 << 20, .max_total_bytes = 16 << 20};

struct Part {
  PartHeaders h;
  std::string data;
  bool ended = false;
};

// Records what the parser reports and checks the order of calls as it goes.
struct Recorder : MultipartCallbacks {
  std::vector<Part> parts;
  size_t max_chunk = 0;
  size_t data_calls = 0;
  std::string protocol_error;  // set when a callback arrives out of order

  void on_part_begin(const PartHeaders& h) override {
    if (!parts.empty() && !parts.back().ended) protocol_error = "begin before end";
    parts.push_back({h, "", false});
  }
  void on_part_data(std::string_view c) override {
    if (parts.empty() || parts.back().ended) protocol_error = "data outside a part";
    if (c.empty()) protocol_error = "empty data";
    parts.back().data += c;
    max_chunk = std::max(max_chunk, c.size());
    ++data_calls;
  }
  void on_part_end() override {
    if (parts.empty() || parts.back().ended) protocol_error = "end outside a part";
    parts.back().ended = true;
  }
  std::string summary() const {
    std::string s = protocol_error;
    for (const auto& p : parts)
      s += "[" + p.h.name + "|" + (p.h.filename ? "F:" + *p.h.filename : "-") + "|" + p.h.content_type + "|" +
           p.data + "|" + (p.ended ? "end" : "open") + "]";
    return s;
  }
};

// Feeds body cut at the given positions (ascending), then finishes.
std::string parse_cut(std::string_view body, const std::vector<size_t>& cuts, const MultipartLimits& lim = kLimits,
                      const std::string& boundary = B) {
  Recorder r;
  MultipartParser p(boundary, lim, r);
  size_t prev = 0;
  for (size_t c : cuts) {
    p.feed(body.substr(prev, c - prev));
    prev = c;
  }
  p.feed(body.substr(prev));
  p.finish();
  return r.summary();
}

std::string parse_whole(std::string_view body, const MultipartLimits& lim = kLimits) { return parse_cut(body, {}, lim); }

Recorder parse_rec(std::string_view body, const MultipartLimits& lim = kLimits, size_t step = 0) {
  Recorder r;
  MultipartParser p(B, lim, r);
  if (step == 0) p.feed(body);
  else
    for (size_t i = 0; i < body.size(); i += step) p.feed(body.substr(i, step));
  p.finish();
  return r;
}

std::string part(std::string_view disposition, std::string_view data, std::string_view extra_headers = "") {
  return "--" + B + "\r\nContent-Disposition: " + std::string(disposition) + "\r\n" + std::string(extra_headers) +
         "\r\n" + std::string(data) + "\r\n";
}
std::string field(std::string_view name, std::string_view value) {
  return part("form-data; name=\"" + std::string(name) + "\"", value);
}
std::string close() { return "--" + B + "--\r\n"; }

bool is_status(const Error& e, int status) { return e.status == status; }
auto status_is(int s) {
  return [s](const Error& e) { return is_status(e, s); };
}

// A sample with everything awkward in it: preamble, CRLF in data, near-boundaries, a CR just before the
// delimiter, binary bytes, an empty part, a file with a type, transport padding and an epilogue.
const std::string kSample =
    "This is the preamble; --" + B + " here is not a delimiter.\r\n"
    "--" + B + "\r\n"
    "Content-Disposition: form-data; name=\"note\"\r\n"
    "\r\n"
    "line one\r\nline two\r\n--XyZ-b0undar\r\n-\r\n--\r\r\n\r\nx--" + B + "\r\n\r\n"
    "--" + B + "  \t\r\n"
    "content-disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
    "Content-Type: application/octet-stream\r\n"
    "\r\n" +
    "\r\n--XyZ\0\xff-b0undaryX binary\r"s +
    "\r\n--" + B + "\r\n"
    "Content-Disposition: form-data; name=\"empty\"\r\n"
    "\r\n"
    "\r\n--" + B + "--\r\nthe epilogue\r\n--" + B + "\r\nignored too";

const std::string kSampleExpected =
    "[note|-|text/plain|line one\r\nline two\r\n--XyZ-b0undar\r\n-\r\n--\r\r\n\r\nx--" + B + "\r\n|end]"
    "[file|F:a.bin|application/octet-stream|\r\n--XyZ\0\xff-b0undaryX binary\r|end]"s
    "[empty|-|text/plain||end]";

}  // namespace

// ---------------------------------------------------------------- boundary_from_content_type

BOOST_AUTO_TEST_CASE(boundary_plain_and_quoted) {
  BOOST_CHECK_EQUAL(boundary_from_content_type("multipart/form-data; boundary=abc123").value_or("?"), "abc123");
  BOOST_CHECK_EQUAL(
      boundary_from_content_type("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW").value_or("?"),
      "----WebKitFormBoundary7MA4YWxkTrZu0gW");
  BOOST_CHECK_EQUAL(boundary_from_content_type("multipart/form-data; boundary=\"a b,c:d?e(f)/g\"").value_or("?"),
                    "a b,c:d?e(f)/g");
  BOOST_CHECK_EQUAL(boundary_from_content_type("multipart/form-data;boundary=x").value_or("?"), "x");
  BOOST_CHECK_EQUAL(boundary_from_content_type("  multipart/form-data ;  boundary=x ; charset=utf-8").value_or("?"),
                    "x");
}

BOOST_AUTO_TEST_CASE(boundary_type_and_names_case_insensitive) {
  BOOST_CHECK_EQUAL(boundary_from_content_type("Multipart/Form-Data; BOUNDARY=AbC").value_or("?"), "AbC");
  BOOST_CHECK_EQUAL(boundary_from_content_type("MULTIPART/FORM-DATA; charset=utf-8; Boundary=\"q\"").value_or("?"),
                    "q");
}

BOOST_AUTO_TEST_CASE(boundary_refused) {
  BOOST_CHECK(!boundary_from_content_type(""));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data"));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; charset=utf-8"));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary="));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=\"\""));
  BOOST_CHECK(!boundary_from_content_type("multipart/mixed; boundary=abc"));
  BOOST_CHECK(!boundary_from_content_type("application/x-www-form-urlencoded; boundary=abc"));
  BOOST_CHECK(!boundary_from_content_type("text/plain"));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=\"abc"));         // unterminated
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=a; boundary=b"));  // ambiguous
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=\"ends with space \""));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=a@b"));  // '@' is no bchar
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=\"a;b\""));  // nor is ';'
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=\"a\rb\""));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data boundary=abc"));   // no ';'
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; =abc"));
}

BOOST_AUTO_TEST_CASE(boundary_length_1_to_70) {
  BOOST_CHECK_EQUAL(boundary_from_content_type("multipart/form-data; boundary=" + std::string(70, 'b')).value_or("?"),
                    std::string(70, 'b'));
  BOOST_CHECK(!boundary_from_content_type("multipart/form-data; boundary=" + std::string(71, 'b')));
  BOOST_CHECK_EQUAL(boundary_from_content_type("multipart/form-data; boundary=z").value_or("?"), "z");
  Recorder r;
  BOOST_CHECK_EXCEPTION((MultipartParser{std::string(71, 'b'), kLimits, r}), Error, status_is(400));
  BOOST_CHECK_EXCEPTION((MultipartParser{"", kLimits, r}), Error, status_is(400));
  BOOST_CHECK_EXCEPTION((MultipartParser{"a\r\nb", kLimits, r}), Error, status_is(400));
  BOOST_CHECK_EXCEPTION((MultipartParser{"trailing ", kLimits, r}), Error, status_is(400));
  BOOST_CHECK_NO_THROW((MultipartParser{std::string(70, 'b'), kLimits, r}));
}

BOOST_AUTO_TEST_CASE(required_limits_must_be_set) {
  Recorder r;
  BOOST_CHECK_THROW((MultipartParser{B, MultipartLimits{}, r}), std::invalid_argument);
  BOOST_CHECK_THROW((MultipartParser{B, MultipartLimits{.max_part_bytes = 10}, r}), std::invalid_argument);
  BOOST_CHECK_THROW((MultipartParser{B, MultipartLimits{.max_total_bytes = 10}, r}), std::invalid_argument);
}

// ---------------------------------------------------------------- structure

BOOST_AUTO_TEST_CASE(single_field) {
  BOOST_CHECK_EQUAL(parse_whole(field("a", "hello") + close()), "[a|-|text/plain|hello|end]");
}

BOOST_AUTO_TEST_CASE(fields_and_files) {
  std::string body = field("title", "Q3 report") +
                     part("form-data; name=\"doc\"; filename=\"r.pdf\"", "%PDF-1.7 ...",
                          "Content-Type: application/pdf\r\n") +
                     part("form-data; name=\"doc\"; filename=\"b.png\"", "\x89PNG", "Content-Type: image/png\r\n") +
                     field("note", "two\r\nlines") + close();
  Recorder r = parse_rec(body);
  BOOST_CHECK_EQUAL(r.protocol_error, "");
  BOOST_REQUIRE_EQUAL(r.parts.size(), 4u);
  BOOST_CHECK(!r.parts[0].h.is_file());
  BOOST_CHECK_EQUAL(r.parts[1].h.filename.value_or("?"), "r.pdf");
  BOOST_CHECK_EQUAL(r.parts[1].h.content_type, "application/pdf");
  BOOST_CHECK_EQUAL(r.parts[1].data, "%PDF-1.7 ...");
  BOOST_CHECK_EQUAL(r.parts[2].h.name, "doc");
  BOOST_CHECK_EQUAL(r.parts[2].data, "\x89PNG");
  BOOST_CHECK_EQUAL(r.parts[3].data, "two\r\nlines");
  for (const auto& p : r.parts) BOOST_CHECK(p.ended);
}

BOOST_AUTO_TEST_CASE(sample_whole) { BOOST_CHECK_EQUAL(parse_whole(kSample), kSampleExpected); }

BOOST_AUTO_TEST_CASE(sample_one_byte_at_a_time) {
  Recorder r = parse_rec(kSample, kLimits, 1);
  BOOST_CHECK_EQUAL(r.summary(), kSampleExpected);
}

BOOST_AUTO_TEST_CASE(sample_every_two_way_split) {
  for (size_t i = 0; i <= kSample.size(); ++i) {
    std::string got = parse_cut(kSample, {i});
    if (got != kSampleExpected) BOOST_FAIL("split at " << i << " gave " << got);
  }
}

BOOST_AUTO_TEST_CASE(sample_every_three_way_split_near_delimiters) {
  // Every pair of cuts within 24 bytes of each other: covers a delimiter cut twice at every offset.
  size_t n = 0;
  for (size_t i = 0; i <= kSample.size(); ++i)
    for (size_t j = i; j <= std::min(kSample.size(), i + 24); ++j, ++n) {
      std::string got = parse_cut(kSample, {i, j});
      if (got != kSampleExpected) BOOST_FAIL("splits at " << i << "," << j << " gave " << got);
    }
  BOOST_TEST_MESSAGE(n << " three-way splits");
}

BOOST_AUTO_TEST_CASE(no_preamble_no_epilogue_and_body_starting_with_delimiter) {
  BOOST_CHECK_EQUAL(parse_whole(field("a", "1") + "--" + B + "--"), "[a|-|text/plain|1|end]");
  // A preamble that itself begins with CRLF.
  BOOST_CHECK_EQUAL(parse_whole("\r\n\r\n" + field("a", "1") + close()), "[a|-|text/plain|1|end]");
}

BOOST_AUTO_TEST_CASE(preamble_and_epilogue_ignored) {
  std::string body = "preamble\r\n" + field("a", "1") + close() + "epilogue --" + B + "\r\nContent-Disposition: x\r\n";
  BOOST_CHECK_EQUAL(parse_whole(body), "[a|-|text/plain|1|end]");
  // Data after the close delimiter is never parsed, even if it would be malformed.
  BOOST_CHECK_EQUAL(parse_whole(field("a", "1") + "--" + B + "--garbage"), "[a|-|text/plain|1|end]");
}

BOOST_AUTO_TEST_CASE(zero_parts) { BOOST_CHECK_EQUAL(parse_whole(close()), ""); }

BOOST_AUTO_TEST_CASE(crlf_and_near_boundaries_in_data) {
  const std::string tricky[] = {
      "\r\n",
      "\r\n\r\n",
      "\r",
      "\n",
      "\r\n--",
      "\r\n--" + B.substr(0, B.size() - 1),
      "\r\n--" + B.substr(0, B.size() - 1) + "x",
      "--" + B,               // not preceded by CRLF: data
      "a--" + B + "--",
      "\r\r\n-\r\n--X\r\n--XyZ",
      std::string(3, '\r'),
      "\r\n-" + B,
  };
  for (const auto& d : tricky) {
    std::string body = part("form-data; name=\"f\"; filename=\"x\"", d) + close();
    std::string want = "[f|F:x|text/plain|" + d + "|end]";
    BOOST_CHECK_EQUAL(parse_whole(body), want);
    BOOST_CHECK_EQUAL(parse_rec(body, kLimits, 1).summary(), want);
  }
}

BOOST_AUTO_TEST_CASE(transport_padding_after_delimiter) {
  std::string body = "--" + B + " \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + B + "--  \r\n";
  BOOST_CHECK_EQUAL(parse_whole(body), "[a|-|text/plain|1|end]");
}

BOOST_AUTO_TEST_CASE(random_bodies_random_cuts) {
  std::mt19937 rng(20240611);
  const std::string alphabet = "\r\n-\r\n-XyZb0undary\0\xff"s;
  const std::string delim = "\r\n--" + B;
  for (int iter = 0; iter < 300; ++iter) {
    std::string body = std::uniform_int_distribution<int>(0, 1)(rng) ? "preamble\r\n" : "";
    std::string want;
    int nparts = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int k = 0; k < nparts; ++k) {
      std::string data;
      do {
        data.clear();
        size_t len = std::uniform_int_distribution<size_t>(0, 300)(rng);
        for (size_t i = 0; i < len; ++i)
          data += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
        // Sprinkle in almost-delimiters.
        if (len > 0 && std::uniform_int_distribution<int>(0, 1)(rng))
          data.insert(std::uniform_int_distribution<size_t>(0, data.size())(rng),
                      delim.substr(0, std::uniform_int_distribution<size_t>(1, delim.size() - 1)(rng)));
      } while (data.find(delim) != std::string::npos);
      std::string name = "p" + std::to_string(k);
      body += part("form-data; name=\"" + name + "\"; filename=\"" + name + ".bin\"", data);
      want += "[" + name + "|F:" + name + ".bin|text/plain|" + data + "|end]";
    }
    body += close();
    std::vector<size_t> cuts;
    int ncuts = std::uniform_int_distribution<int>(0, 8)(rng);
    for (int c = 0; c < ncuts; ++c) cuts.push_back(std::uniform_int_distribution<size_t>(0, body.size())(rng));
    std::sort(cuts.begin(), cuts.end());
    std::string got = parse_cut(body, cuts);
    if (got != want) BOOST_FAIL("iteration " << iter << " differs");
  }
}

// ---------------------------------------------------------------- headers

BOOST_AUTO_TEST_CASE(filename_forms) {
  auto fname = [](const std::string& disposition) {
    Recorder r = parse_rec(part(disposition, "d") + close());
    BOOST_REQUIRE_EQUAL(r.parts.size(), 1u);
    return r.parts[0].h.filename;
  };
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"plain.txt\"").value_or("?"), "plain.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=f; filename=token.txt").value_or("?"), "token.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"a \\\"quoted\\\" name.txt\"").value_or("?"),
                    "a \"quoted\" name.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"semi;colon.txt\"").value_or("?"), "semi;colon.txt");
  // RFC 5987 filename*: UTF-8, wins over filename, whatever the order.
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=UTF-8''%E2%82%AC%20rates.pdf").value_or("?"),
                    "\xE2\x82\xAC rates.pdf");
  BOOST_CHECK_EQUAL(
      fname("form-data; name=\"f\"; filename*=utf-8'en'%C3%A9t%C3%A9.txt; filename=\"ete.txt\"").value_or("?"),
      "\xC3\xA9t\xC3\xA9.txt");
  BOOST_CHECK_EQUAL(
      fname("form-data; name=\"f\"; filename=\"ete.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt").value_or("?"),
      "\xC3\xA9t\xC3\xA9.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=iso-8859-1''%A3%E9t%E9.txt").value_or("?"),
                    "\xC2\xA3\xC3\xA9t\xC3\xA9.txt");
  // An invalid filename* (bad escape, invalid UTF-8, unknown charset) is ignored in favour of filename.
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=UTF-8''%E2%82; filename=\"x.txt\"").value_or("?"),
                    "x.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=UTF-8''%G1; filename=\"x.txt\"").value_or("?"), "x.txt");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=koi8-r''abc; filename=\"x.txt\"").value_or("?"), "x.txt");
  BOOST_CHECK(!fname("form-data; name=\"f\"; filename*=nonsense"));
  // Only the last path segment is kept.
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"C:\\Users\\ann\\cv.pdf\"").value_or("?"), "cv.pdf");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"../../etc/passwd\"").value_or("?"), "passwd");
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename*=UTF-8''..%2F..%2Fx").value_or("?"), "x");
  // No file chosen: present but empty.
  BOOST_CHECK_EQUAL(fname("form-data; name=\"f\"; filename=\"\"").value_or("?"), "");
  BOOST_CHECK(!fname("form-data; name=\"f\""));
}

BOOST_AUTO_TEST_CASE(header_names_case_insensitive_folding_and_unknown_headers) {
  std::string body = "--" + B +
                     "\r\nCONTENT-DISPOSITION: Form-Data; NAME=\"a\"; FileName=\"x.csv\"\r\n"
                     "content-type:text/csv\r\nX-Other: ignored\r\nContent-Transfer-Encoding: binary\r\n"
                     "\r\n1\r\n" +
                     "--" + B + "\r\nContent-Disposition: form-data;\r\n name=\"b\"\r\n\r\n2\r\n" + close();
  BOOST_CHECK_EQUAL(parse_whole(body), "[a|F:x.csv|text/csv|1|end][b|-|text/plain|2|end]");
}

BOOST_AUTO_TEST_CASE(malformed_is_400) {
  auto bad = [](const std::string& body) {
    Recorder r;
    MultipartParser p(B, kLimits, r);
    try {
      p.feed(body);
      p.finish();
    } catch (const Error& e) {
      return e.status == 400;
    }
    return false;
  };
  std::string cd = "Content-Disposition: form-data; name=\"a\"\r\n";
  BOOST_CHECK(bad(""));                                             // no boundary at all
  BOOST_CHECK(bad("just some text\r\n"));                           // no boundary at all
  BOOST_CHECK(bad("--other\r\n" + cd + "\r\n1\r\n--other--\r\n"));  // a different boundary
  BOOST_CHECK(bad("--" + B + "x\r\n" + cd + "\r\n1\r\n" + close()));  // boundary followed by junk
  BOOST_CHECK(bad("--" + B + "\n" + cd + "\r\n1\r\n" + close()));     // LF alone
  BOOST_CHECK(bad("--" + B + " -\r\n" + cd + "\r\n1\r\n" + close()));
  BOOST_CHECK(bad(field("a", "1") + "--" + B + "-x"));                // half a close delimiter
  BOOST_CHECK(bad(field("a", "1") + "--" + B + " --\r\n"));          // padding before "--"
  BOOST_CHECK(bad("--" + B + "\r\n\r\n1\r\n" + close()));             // no headers at all
  BOOST_CHECK(bad(part("form-data", "1") + close()));                 // no name
  BOOST_CHECK(bad(part("form-data; name=\"\"", "1") + close()));      // empty name
  BOOST_CHECK(bad(part("attachment; name=\"a\"", "1") + close()));   // not form-data
  BOOST_CHECK(bad(part("form-data; name=\"a\"; name=\"b\"", "1") + close()));  // ambiguous name
  BOOST_CHECK(bad(part("form-data; name=\"a", "1") + close()));                // unterminated quote
  BOOST_CHECK(bad(part("form-data; name=\"a\"", "1", cd) + close()));          // two Content-Dispositions
  BOOST_CHECK(bad(part("form-data; name=\"a\"", "1", "Content-Type: a/b\r\nContent-Type: c/d\r\n") + close()));
  BOOST_CHECK(bad("--" + B + "\r\nX-No-Colon\r\n" + cd + "\r\n1\r\n" + close()));
  BOOST_CHECK(bad("--" + B + "\r\n: no name\r\n" + cd + "\r\n1\r\n" + close()));
  BOOST_CHECK(bad("--" + B + "\r\nBad Name: x\r\n" + cd + "\r\n1\r\n" + close()));
  BOOST_CHECK(bad("--" + B + "\r\n folded first\r\n" + cd + "\r\n1\r\n" + close()));
  BOOST_CHECK(bad(part("form-data; name=\"a\"", "1", "X-Ctl: a\x01z\r\n") + close()));
  BOOST_CHECK(bad(part("form-data; name=\"a\rb\"", "1") + close()));   // bare CR in a header
  BOOST_CHECK(bad(part("form-data; name=\"a\"; filename=\"\xff.txt\"", "1") + close()));  // not UTF-8
  BOOST_CHECK(bad(part("form-data; name=\"\xC3\x28\"", "1") + close()));
  BOOST_CHECK(bad(part("form-data; name=\"a\"; filename*=UTF-8''%07bell.txt", "1") + close()));  // control
}

BOOST_AUTO_TEST_CASE(header_block_cap_is_400) {
  MultipartLimits lim = kLimits;
  lim.max_header_bytes = 200;
  // Header block counted with its final blank line: exactly at the cap is fine, one more byte is not.
  std::string head = "Content-Disposition: form-data; name=\"a\"\r\nX-Pad: ";
  std::string pad(lim.max_header_bytes - head.size() - 4, 'p');
  std::string at_cap = "--" + B + "\r\n" + head + pad + "\r\n\r\n1\r\n" + close();
  BOOST_CHECK_EQUAL(parse_whole(at_cap, lim), "[a|-|text/plain|1|end]");
  BOOST_CHECK_EQUAL(parse_rec(at_cap, lim, 1).summary(), "[a|-|text/plain|1|end]");
  std::string over = "--" + B + "\r\n" + head + pad + "p\r\n\r\n1\r\n" + close();
  BOOST_CHECK_EXCEPTION(parse_whole(over, lim), Error, status_is(400));
  BOOST_CHECK_EXCEPTION(parse_rec(over, lim, 1), Error, status_is(400));

  // A header block that never ends is refused as soon as it passes the cap, holding no more than that.
  Recorder r;
  MultipartParser p(B, lim, r);
  p.feed("--" + B + "\r\n" + head);
  bool threw = false;
  for (int i = 0; i < 10000 && !threw; ++i) {
    try {
      p.feed("x");
    } catch (const Error& e) {
      BOOST_CHECK_EQUAL(e.status, 400);
      threw = true;
    }
    if (!threw) BOOST_REQUIRE_LE(p.buffered_bytes(), lim.max_header_bytes + 1);
  }
  BOOST_CHECK(threw);
}

// ---------------------------------------------------------------- limits

BOOST_AUTO_TEST_CASE(file_part_cap_is_413) {
  MultipartLimits lim = kLimits;
  lim.max_part_bytes = 10;
  auto file = [](std::string_view d) { return part("form-data; name=\"f\"; filename=\"x\"", d); };
  BOOST_CHECK_EQUAL(parse_whole(file(std::string(10, 'a')) + close(), lim),
                    "[f|F:x|text/plain|aaaaaaaaaa|end]");
  BOOST_CHECK_EXCEPTION(parse_whole(file(std::string(11, 'a')) + close(), lim), Error, status_is(413));
  // Fed byte by byte, the parser stops before handing on byte 11.
  Recorder r;
  MultipartParser p(B, lim, r);
  std::string body = file(std::string(100, 'a')) + close();
  BOOST_CHECK_EXCEPTION(
      [&] {
        for (char c : body) p.feed(std::string_view(&c, 1));
      }(),
      Error, status_is(413));
  BOOST_REQUIRE_EQUAL(r.parts.size(), 1u);
  BOOST_CHECK_EQUAL(r.parts[0].data.size(), 10u);
  BOOST_CHECK(!r.parts[0].ended);
  // The parser is failed from then on.
  BOOST_CHECK_THROW(p.feed("x"), Error);
  BOOST_CHECK_THROW(p.finish(), Error);
  // The cap is per part, not per body.
  BOOST_CHECK_NO_THROW(parse_whole(file(std::string(10, 'a')) + file(std::string(10, 'b')) + close(), lim));
}

BOOST_AUTO_TEST_CASE(field_cap_is_413_and_separate_from_file_cap) {
  MultipartLimits lim = kLimits;
  lim.max_field_bytes = 5;
  BOOST_CHECK_NO_THROW(parse_whole(field("a", "12345") + close(), lim));
  BOOST_CHECK_EXCEPTION(parse_whole(field("a", "123456") + close(), lim), Error, status_is(413));
  // A file part is held to max_part_bytes, not the field cap.
  BOOST_CHECK_NO_THROW(parse_whole(part("form-data; name=\"f\"; filename=\"x\"", "123456789") + close(), lim));
}

BOOST_AUTO_TEST_CASE(parts_cap_is_413) {
  MultipartLimits lim = kLimits;
  lim.max_parts = 2;
  BOOST_CHECK_NO_THROW(parse_whole(field("a", "1") + field("b", "2") + close(), lim));
  BOOST_CHECK_EXCEPTION(parse_whole(field("a", "1") + field("b", "2") + field("c", "3") + close(), lim), Error,
                        status_is(413));
}

BOOST_AUTO_TEST_CASE(total_cap_is_413_counting_every_byte) {
  std::string body = "preamble\r\n" + field("a", "1") + close() + "epilogue";
  MultipartLimits lim = kLimits;
  lim.max_total_bytes = body.size();
  BOOST_CHECK_NO_THROW(parse_whole(body, lim));
  BOOST_CHECK_NO_THROW(parse_rec(body, lim, 1));
  lim.max_total_bytes = body.size() - 1;  // one byte of epilogue too many
  BOOST_CHECK_EXCEPTION(parse_whole(body, lim), Error, status_is(413));
  BOOST_CHECK_EXCEPTION(parse_rec(body, lim, 1), Error, status_is(413));
  BOOST_CHECK_EXCEPTION(parse_rec(body, lim, 7), Error, status_is(413));
}

// ---------------------------------------------------------------- early end

BOOST_AUTO_TEST_CASE(early_end_at_every_position_is_400) {
  size_t close_end = kSample.find("--" + B + "--") + B.size() + 4;
  for (size_t n = 0; n < kSample.size(); ++n) {
    Recorder r;
    MultipartParser p(B, kLimits, r);
    p.feed(std::string_view(kSample).substr(0, n));
    if (n < close_end) {
      try {
        p.finish();
        BOOST_FAIL("no error for a body cut at " << n);
      } catch (const Error& e) {
        BOOST_REQUIRE_EQUAL(e.status, 400);
      }
      BOOST_REQUIRE(!p.done());
      // Only parts whose delimiter was seen in full have ended, each complete; a part cut off never ends,
      // so a sink never commits it.
      Recorder ended;
      for (const auto& part : r.parts)
        if (part.ended) ended.parts.push_back(part);
      BOOST_REQUIRE_EQUAL(r.protocol_error, "");
      BOOST_REQUIRE(kSampleExpected.rfind(ended.summary(), 0) == 0);
      if (!r.parts.empty() && !r.parts.back().ended) {
        std::string open = r.summary();
        open = open.substr(ended.summary().size());
        std::string full = kSampleExpected.substr(ended.summary().size());
        BOOST_REQUIRE(full.rfind(open.substr(0, open.size() - 6), 0) == 0);  // without "|open]"
      }
    } else {
      BOOST_REQUIRE_NO_THROW(p.finish());
      BOOST_REQUIRE(p.done());
      BOOST_REQUIRE_EQUAL(r.summary(), kSampleExpected);
    }
  }
}

BOOST_AUTO_TEST_CASE(last_delimiter_without_close_is_an_early_end) {
  Recorder r;
  MultipartParser p(B, kLimits, r);
  p.feed(field("a", "1") + "--" + B + "\r\n");
  BOOST_CHECK_EXCEPTION(p.finish(), Error, status_is(400));
  BOOST_CHECK_EQUAL(r.summary(), "[a|-|text/plain|1|end]");
}

// ---------------------------------------------------------------- callbacks and memory

BOOST_AUTO_TEST_CASE(callback_exception_propagates_and_fails_parser) {
  struct Refuser : Recorder {
    void on_part_data(std::string_view) override { throw unsupported_media_type("no"); }
  } r;
  MultipartParser p(B, kLimits, r);
  BOOST_CHECK_EXCEPTION(p.feed(part("form-data; name=\"f\"; filename=\"x\"", "data") + close()), Error,
                        status_is(415));
  BOOST_CHECK_THROW(p.feed(close()), Error);
}

BOOST_AUTO_TEST_CASE(large_file_streams_in_bounded_pieces) {
  // 3 MiB in one feed() call and in 64 KiB feeds: data arrives in pieces no bigger than the window and
  // the parser holds at most a partial delimiter between feeds.
  std::string data(3 << 20, '\0');
  std::mt19937 rng(7);
  for (char& c : data) c = "ab\r\n-"[rng() % 5];
  std::string body = part("form-data; name=\"f\"; filename=\"big\"", data) + close();
  const MultipartLimits lim{.max_part_bytes = 4 << 20, .max_total_bytes = 8 << 20};
  {
    Recorder r = parse_rec(body, lim);
    BOOST_REQUIRE_EQUAL(r.parts.size(), 1u);
    BOOST_CHECK(r.parts[0].data == data);
    BOOST_CHECK_LE(r.max_chunk, MultipartParser::kWindow + B.size() + 4);
    BOOST_CHECK_GT(r.data_calls, data.size() / (MultipartParser::kWindow + B.size() + 4));
  }
  Recorder r;
  MultipartParser p(B, lim, r);
  size_t max_held = 0;
  for (size_t i = 0; i < body.size(); i += 65536) {
    p.feed(std::string_view(body).substr(i, 65536));
    if (!r.parts.empty() && !r.parts[0].ended) max_held = std::max(max_held, p.buffered_bytes());
  }
  p.finish();
  BOOST_CHECK(r.parts[0].data == data);
  BOOST_CHECK_LT(max_held, B.size() + 4);
}

BOOST_AUTO_TEST_CASE(feed_after_close_is_ignored) {
  Recorder r;
  MultipartParser p(B, kLimits, r);
  p.feed(field("a", "1") + close());
  BOOST_CHECK(p.done());
  p.feed(field("b", "2") + close());
  p.finish();
  BOOST_CHECK_EQUAL(r.summary(), "[a|-|text/plain|1|end]");
  BOOST_CHECK_EQUAL(p.parts(), 1u);
}

// ---------------------------------------------------------------- reading a request

namespace {
// A request that hands out at most `per_read` bytes per read and can hang up early.
class SlowRequest final : public Request {
 public:
  std::map<std::string, std::string, std::less<>> params;
  std::string body;
  size_t per_read = 1000, hang_up_at = std::string::npos, largest_ask = 0, total_read = 0;

  std::string_view param(std::string_view name) const override {
    auto it = params.find(name);
    return it == params.end() ? std::string_view() : std::string_view(it->second);
  }
  size_t read(char* buf, size_t n) override {
    largest_ask = std::max(largest_ask, n);
    size_t end = std::min(body.size(), hang_up_at);
    size_t k = std::min({n, per_read, end - std::min(end, total_read)});
    body.copy(buf, k, total_read);
    total_read += k;
    return k;
  }
  void write(std::string_view) override {}
};

SlowRequest make_request(std::string body, std::string content_type = "multipart/form-data; boundary=" + B) {
  SlowRequest r;
  r.params["REQUEST_METHOD"] = "POST";
  r.params["CONTENT_TYPE"] = std::move(content_type);
  r.params["CONTENT_LENGTH"] = std::to_string(body.size());
  r.body = std::move(body);
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(read_multipart_reads_in_capped_chunks) {
  std::string data(300000, 'z');
  SlowRequest req = make_request(field("a", "1") + part("form-data; name=\"f\"; filename=\"z\"", data) + close());
  req.per_read = 100000;
  Recorder r;
  read_multipart(req, B, kLimits, r);
  BOOST_REQUIRE_EQUAL(r.parts.size(), 2u);
  BOOST_CHECK(r.parts[1].data == data);
  BOOST_CHECK_LE(req.largest_ask, 64u * 1024u);
  BOOST_CHECK_EQUAL(req.total_read, req.body.size());
}

BOOST_AUTO_TEST_CASE(read_multipart_never_reads_past_content_length) {
  std::string body = field("a", "1") + close();
  SlowRequest req = make_request(body + "extra bytes the client should not have sent");
  req.params["CONTENT_LENGTH"] = std::to_string(body.size());
  Recorder r;
  read_multipart(req, B, kLimits, r);
  BOOST_CHECK_EQUAL(req.total_read, body.size());
}

BOOST_AUTO_TEST_CASE(read_multipart_declared_length_over_cap_is_413_before_reading) {
  SlowRequest req = make_request(field("a", "1") + close());
  MultipartLimits lim = kLimits;
  lim.max_total_bytes = req.body.size() - 1;
  Recorder r;
  BOOST_CHECK_EXCEPTION(read_multipart(req, B, lim, r), Error, status_is(413));
  BOOST_CHECK_EQUAL(req.total_read, 0u);
  req.params["CONTENT_LENGTH"] = "999999999999999999999999";
  BOOST_CHECK_EXCEPTION(read_multipart(req, B, kLimits, r), Error, status_is(413));
}

BOOST_AUTO_TEST_CASE(read_multipart_client_gone_is_400_and_part_never_ends) {
  std::string data(200000, 'q');
  SlowRequest req = make_request(part("form-data; name=\"f\"; filename=\"z\"", data) + close());
  req.hang_up_at = 150000;
  Recorder r;
  BOOST_CHECK_EXCEPTION(read_multipart(req, B, kLimits, r), Error, status_is(400));
  BOOST_REQUIRE_EQUAL(r.parts.size(), 1u);
  BOOST_CHECK(!r.parts[0].ended);

  // A body that is all there but lacks its close delimiter is just as incomplete.
  SlowRequest cut = make_request(part("form-data; name=\"f\"; filename=\"z\"", "abc"));
  Recorder r2;
  BOOST_CHECK_EXCEPTION(read_multipart(cut, B, kLimits, r2), Error, status_is(400));
  BOOST_CHECK(!r2.parts.at(0).ended);

  // Declared longer than sent, even if what came is complete multipart: the client went away.
  SlowRequest short_body = make_request(field("a", "1") + close());
  short_body.params["CONTENT_LENGTH"] = std::to_string(short_body.body.size() + 10);
  BOOST_CHECK_EXCEPTION(read_multipart(short_body, B, kLimits, r2), Error, status_is(400));

  SlowRequest empty = make_request("");
  empty.params.erase("CONTENT_LENGTH");
  BOOST_CHECK_EXCEPTION(read_multipart(empty, B, kLimits, r2), Error, status_is(400));
}

BOOST_AUTO_TEST_CASE(read_multipart_form_collects_fields_and_passes_files) {
  std::string body = field("subject", "  Hello  ") +
                     part("form-data; name=\"upload\"; filename=\"a.txt\"", "file one",
                          "Content-Type: text/plain\r\n") +
                     field("note", "line\r\nbreak") + part("form-data; name=\"upload\"; filename=\"b.txt\"", "two") +
                     close();
  SlowRequest req = make_request(body);
  req.per_read = 3;
  Recorder files;
  auto fields = read_multipart_form(req, kLimits, files);
  BOOST_REQUIRE_EQUAL(fields.size(), 2u);
  BOOST_CHECK_EQUAL(fields[0].first, "subject");
  BOOST_CHECK_EQUAL(fields[0].second, "  Hello  ");
  BOOST_CHECK_EQUAL(fields[1].second, "line\r\nbreak");
  BOOST_CHECK_EQUAL(files.summary(), "[upload|F:a.txt|text/plain|file one|end][upload|F:b.txt|text/plain|two|end]");

  // The fields go straight into the kcgi-style check of form.hpp.
  const Field spec[] = {{"subject", "Subject", Kind::line, 10}, {"note", "Note", Kind::text, 100, false}};
  auto f = check(fields, spec);
  BOOST_CHECK(f.ok());
  BOOST_CHECK_EQUAL(f["subject"], "Hello");
}

BOOST_AUTO_TEST_CASE(read_multipart_form_content_type_errors) {
  Recorder files;
  SlowRequest urlencoded = make_request("a=1", "application/x-www-form-urlencoded");
  BOOST_CHECK_EXCEPTION(read_multipart_form(urlencoded, kLimits, files), Error, status_is(415));
  SlowRequest none = make_request("a=1", "");
  BOOST_CHECK_EXCEPTION(read_multipart_form(none, kLimits, files), Error, status_is(415));
  SlowRequest no_boundary = make_request(field("a", "1") + close(), "multipart/form-data");
  BOOST_CHECK_EXCEPTION(read_multipart_form(no_boundary, kLimits, files), Error, status_is(400));
  SlowRequest long_boundary = make_request("x", "multipart/form-data; boundary=" + std::string(71, 'x'));
  BOOST_CHECK_EXCEPTION(read_multipart_form(long_boundary, kLimits, files), Error, status_is(400));
}

BOOST_AUTO_TEST_CASE(read_multipart_with_memory_request) {
  MemoryRequest req("POST", "/upload", field("a", "1") + close());
  req.params["CONTENT_TYPE"] = "multipart/form-data; boundary=\"" + B + "\"";
  Recorder files;
  auto fields = read_multipart_form(req, kLimits, files);
  BOOST_REQUIRE_EQUAL(fields.size(), 1u);
  BOOST_CHECK_EQUAL(fields[0].second, "1");
}
