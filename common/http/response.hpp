#pragma once
// What a handler returns. Written to the request by send(); headers common to every route come from nginx.
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace portico::http {

class Request;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool head_only = false;  // HEAD: headers as for GET, no body
  // A body too large to hold (a document): send() writes the headers with Content-Length stream_length,
  // then calls stream to write exactly that many bytes. It must not throw (the headers are gone already).
  std::function<void(Request&)> stream;
  size_t stream_length = 0;

  Response& set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response html(std::string body, int status = 200);
  static Response json(const nlohmann::json& j, int status = 200);
  static Response text(std::string body, std::string content_type, int status = 200);
  static Response redirect(std::string location, int status = 303);
};

class Request;
// Writes status line, headers and body. Every dynamic response is personal, so no-store by default.
void send(Request& req, const Response& r);

}  // namespace portico::http
