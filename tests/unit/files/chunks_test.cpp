#include <boost/test/unit_test.hpp>

#include <string>

#include "files/chunks.hpp"

using namespace portico;

namespace {
std::string header(const http::Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}
}  // namespace

BOOST_AUTO_TEST_CASE(what_opens_inline) {
  for (const char* t : {"application/pdf", "image/png", "image/jpeg", "text/plain; charset=utf-8"})
    BOOST_CHECK_MESSAGE(files::inline_type(t), t);
  for (const char* t : {"text/html", "image/svg+xml", "application/msword", "text/csv; charset=utf-8", ""})
    BOOST_CHECK_MESSAGE(!files::inline_type(t), t);
}

BOOST_AUTO_TEST_CASE(link_scanners) {
  BOOST_CHECK(files::link_scanner("Mozilla/5.0 (compatible; Mimecast URL Protect)"));
  BOOST_CHECK(files::link_scanner("Barracuda Sentinel (EE)"));
  BOOST_CHECK(!files::link_scanner("Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"));
  BOOST_CHECK(!files::link_scanner(""));
}

BOOST_AUTO_TEST_CASE(headers_of_a_served_document) {
  pg::Connection never_used("host=/nonexistent", {});  // connects lazily: serve() itself reads nothing
  files::Served doc{1, 2, "Rechnung März \"final\".pdf", "application/pdf", 1234};
  auto r = files::serve(never_used, doc, false);
  BOOST_CHECK_EQUAL(header(r, "Content-Type"), "application/pdf");
  BOOST_CHECK_EQUAL(header(r, "Content-Disposition"),
                    "inline; filename=\"Rechnung M__rz _final_.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%22final%22.pdf");
  BOOST_CHECK_EQUAL(r.stream_length, 1234u);
  BOOST_CHECK(r.stream);
  auto d = files::serve(never_used, {1, 2, "a\r\nb.html", "text/html; charset=utf-8", 1}, false);
  BOOST_CHECK(header(d, "Content-Disposition").starts_with("attachment; filename=\"a__b.html\""));
}
