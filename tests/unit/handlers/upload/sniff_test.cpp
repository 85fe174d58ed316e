#include <boost/test/unit_test.hpp>

#include <string>

#include "upload/sniff.hpp"

using namespace portico::upload;

namespace {
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const std::string kPng("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
}  // namespace

BOOST_AUTO_TEST_CASE(the_content_decides_not_the_name) {
  Sniffer s;
  BOOST_CHECK_EQUAL(s.mime(kPdf), "application/pdf");
  BOOST_CHECK_EQUAL(s.mime(kPng), "image/png");
  BOOST_CHECK_EQUAL(s.mime("Meter reading: 4711\n"), "text/plain");
  BOOST_CHECK_NE(s.mime("<!DOCTYPE html><html><script>alert(1)</script></html>\n"), "text/plain");
  std::string elf("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0", 24);
  elf.resize(256, '\0');
  BOOST_CHECK(!allowed(s.mime(elf)));
}

BOOST_AUTO_TEST_CASE(allow_list) {
  BOOST_CHECK_EQUAL(*allowed("application/pdf"), "application/pdf");
  BOOST_CHECK_EQUAL(*allowed("text/plain"), "text/plain; charset=utf-8");
  for (const char* t : {"text/html", "image/svg+xml", "application/x-executable", "application/x-dosexec",
                        "application/zip", "application/x-empty", "application/javascript", "text/x-shellscript", ""})
    BOOST_CHECK_MESSAGE(!allowed(t), t);
}
