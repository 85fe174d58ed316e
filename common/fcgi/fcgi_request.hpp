#pragma once
// http::Request over one libfcgi FCGX_Request (owned by the worker thread that accepts into it).
#include <fcgiapp.h>

#include "http/request.hpp"

namespace portico::fcgi {

class FcgiRequest final : public http::Request {
 public:
  explicit FcgiRequest(FCGX_Request& r) : r_(r) {}
  std::string_view param(std::string_view name) const override;
  size_t read(char* buf, size_t n) override;
  void write(std::string_view bytes) override;

 private:
  FCGX_Request& r_;
};

}  // namespace portico::fcgi
