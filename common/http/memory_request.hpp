#pragma once
// An in-memory http::Request for unit tests: parameters and body in, raw response out.
#include <map>
#include <string>

#include "http/request.hpp"

namespace portico::http {

class MemoryRequest final : public Request {
 public:
  std::map<std::string, std::string, std::less<>> params;
  std::string body_in;
  std::string out;

  MemoryRequest(std::string method, std::string path, std::string body = {}) : body_in(std::move(body)) {
    params["REQUEST_METHOD"] = std::move(method);
    params["DOCUMENT_URI"] = std::move(path);
    params["PORTICO_HOST"] = "test.local";
    params["REMOTE_ADDR"] = "127.0.0.1";
    if (!body_in.empty()) params["CONTENT_LENGTH"] = std::to_string(body_in.size());
  }
  std::string_view param(std::string_view name) const override {
    auto it = params.find(name);
    return it == params.end() ? std::string_view() : std::string_view(it->second);
  }
  size_t read(char* buf, size_t n) override {
    size_t k = std::min(n, body_in.size() - pos_);
    body_in.copy(buf, k, pos_);
    pos_ += k;
    return k;
  }
  void write(std::string_view bytes) override { out += bytes; }

  int status() const;                // parsed from the "Status:" line written
  std::string header(std::string_view name) const;
  std::string response_body() const;

 private:
  size_t pos_ = 0;
};

inline int MemoryRequest::status() const {
  if (out.rfind("Status: ", 0) != 0) return 0;
  return std::stoi(out.substr(8, 3));
}
inline std::string MemoryRequest::header(std::string_view name) const {
  std::string needle = "\r\n" + std::string(name) + ": ";
  size_t p = out.find(needle);
  if (p == std::string::npos || p > out.find("\r\n\r\n")) return {};
  p += needle.size();
  return out.substr(p, out.find("\r\n", p) - p);
}
inline std::string MemoryRequest::response_body() const {
  size_t p = out.find("\r\n\r\n");
  return p == std::string::npos ? std::string() : out.substr(p + 4);
}

}  // namespace portico::http
