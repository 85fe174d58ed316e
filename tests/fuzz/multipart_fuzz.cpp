// The streaming multipart parser, fed the input in chunks whose size the first byte chooses: it reports
// parts in order (begin, data, end), never hands over empty data, never holds more than its window and
// header cap between feeds, and refuses bad input with http::Error only.
#include <cstdint>
#include <cstdlib>

#include "http/error.hpp"
#include "http/multipart.hpp"

using namespace portico::http;

namespace {
struct Checker final : MultipartCallbacks {
  bool open = false;
  size_t bytes = 0;
  void on_part_begin(const PartHeaders& h) override {
    if (open || h.name.empty()) std::abort();
    if (h.filename && h.filename->find_first_of("/\\") != std::string::npos) std::abort();
    open = true;
  }
  void on_part_data(std::string_view chunk) override {
    if (!open || chunk.empty()) std::abort();
    bytes += chunk.size();
  }
  void on_part_end() override {
    if (!open) std::abort();
    open = false;
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t step = 1 + data[0] % 64;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  MultipartLimits limits{.max_parts = 8, .max_header_bytes = 1024, .max_part_bytes = 4096,
                         .max_total_bytes = 64 * 1024, .max_field_bytes = 1024};
  Checker c;
  try {
    MultipartParser p("XyZ", limits, c);
    for (size_t i = 0; i < body.size(); i += step) {
      p.feed(body.substr(i, step));
      if (p.buffered_bytes() > limits.max_header_bytes + MultipartParser::kWindow + 64) std::abort();
    }
    p.finish();
    if (c.open || !p.done()) std::abort();  // finish() accepted a body whose last part never ended
  } catch (const Error& e) {
    if (e.status != 400 && e.status != 413) std::abort();
  }
  return 0;
}
