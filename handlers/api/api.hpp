#pragma once
// The staff JSON API (/api/v1/): who is calling, which route, and the resource handler that answers.
#include <memory>
#include <string>

#include "fcgi/server.hpp"
#include "pg/connection.hpp"

namespace portico::api {

// The OpenAPI document, read once at start from <template dir>/api/openapi.json. Throws
// std::runtime_error when it is missing or not a JSON object.
std::string load_openapi(const std::string& template_dir);

class ApiWorker final : public fcgi::Worker {
 public:
  ApiWorker(const fcgi::Env& env, std::shared_ptr<const std::string> openapi);
  http::Response handle(http::Request& req) override;

 private:
  pg::Connection db_;
  std::shared_ptr<const std::string> openapi_;
};

}  // namespace portico::api
