// application/x-www-form-urlencoded decoding and the declared-field check: any bytes either decode within
// the caps or are refused with http::Error (400); nothing else may escape, and a value that passed check()
// is valid UTF-8 without control characters (multi-line text aside) and within its cap.
#include <cstdint>
#include <cstdlib>

#include "http/error.hpp"
#include "http/form.hpp"
#include "http/validate.hpp"

using namespace portico::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  static constexpr Field kSpec[] = {
      {"name", "Name", Kind::line, 20},          {"email", "E-mail", Kind::email, 254, false},
      {"note", "Note", Kind::text, 100, false},  {"n", "Number", Kind::integer, 10, false},
      {"pw", "Password", Kind::password, 128, false}, {"t", "Token", Kind::token, 64, false},
      {"ok", "OK", Kind::flag, 1, false},
  };
  try {
    auto pairs = parse_urlencoded(in, {.max_pairs = 16, .max_key = 32, .max_value = 256});
    if (pairs.size() > 16) std::abort();
    Fields f = check(pairs, kSpec);
    for (const auto& [k, v] : f.values) {
      if (!valid_utf8(v)) std::abort();
      if (k != "note" && k != "pw" && !no_controls(v, false)) std::abort();
    }
  } catch (const Error& e) {
    if (e.status != 400) std::abort();
  }
  try {
    (void)url_decode(in, true);
  } catch (const Error&) {
  }
  return 0;
}
