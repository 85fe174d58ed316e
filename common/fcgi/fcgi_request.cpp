#include "fcgi/fcgi_request.hpp"

#include <climits>
#include <string>

namespace portico::fcgi {

std::string_view FcgiRequest::param(std::string_view name) const {
  // FCGX_GetParam needs a NUL-terminated name; parameter names are short.
  char key[128];
  if (name.size() >= sizeof key) return {};
  name.copy(key, name.size());
  key[name.size()] = '\0';
  const char* v = FCGX_GetParam(key, r_.envp);
  return v ? std::string_view(v) : std::string_view();
}

size_t FcgiRequest::read(char* buf, size_t n) {
  int want = n > INT_MAX ? INT_MAX : static_cast<int>(n);
  int got = FCGX_GetStr(buf, want, r_.in);
  return got > 0 ? static_cast<size_t>(got) : 0;
}

void FcgiRequest::write(std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    int chunk = static_cast<int>(std::min<size_t>(bytes.size() - off, 1 << 20));
    if (FCGX_PutStr(bytes.data() + off, chunk, r_.out) < 0) return;  // the client is gone
    off += static_cast<size_t>(chunk);
  }
}

}  // namespace portico::fcgi
