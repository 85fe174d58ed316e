// The Cookie header parser: whatever the header, a value found is a piece of that header and holds no ';'.
#include <cstdint>
#include <cstdlib>

#include "http/cookie.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view header(reinterpret_cast<const char*>(data), size);
  for (std::string_view name : {"__Host-portico", "__Host-portico-pre", "a"}) {
    auto v = portico::http::cookie(header, name);
    if (!v) continue;
    if (v->data() < header.data() || v->data() + v->size() > header.data() + header.size()) std::abort();
    if (v->find(';') != std::string_view::npos) std::abort();
  }
  return 0;
}
