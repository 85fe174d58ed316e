#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include "http/error.hpp"
#include "http/request.hpp"

namespace portico::http {

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::json(const nlohmann::json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.body += '\n';
  r.set("Content-Type", "application/json");
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set("Content-Type", std::move(content_type));
  return r;
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.set("Location", std::move(location));
  return r;
}

const char* reason_phrase(int s) {
  switch (s) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

void send(Request& req, const Response& r) {
  std::string head = "Status: " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
  bool has_cache_control = false;
  for (const auto& [k, v] : r.headers) {
    // Header values are built by our code, but never let a CR/LF from data split a header.
    if (k.find_first_of("\r\n") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) continue;
    head += k + ": " + v + "\r\n";
    if (k == "Cache-Control") has_cache_control = true;
  }
  if (!has_cache_control) head += "Cache-Control: no-store\r\n";
  head += "Content-Length: " + std::to_string(r.stream ? r.stream_length : r.body.size()) + "\r\n\r\n";
  req.write(head);
  if (r.head_only || req.method() == "HEAD") return;
  if (r.stream) r.stream(req);
  else req.write(r.body);
}

}  // namespace portico::http
