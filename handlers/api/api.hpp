#pragma once
// The staff JSON API (/api/v1/): who is calling, which route, and the resource handler that answers.
#include <memory>
#include <string>

#include "auth/password_links.hpp"
#include "call.hpp"
#include "fcgi/server.hpp"
#include "mail/outbox.hpp"
#include "pg/connection.hpp"

namespace portico::api {

// The OpenAPI document, read once at start from <template dir>/api/openapi.json. Throws
// std::runtime_error when it is missing or not a JSON object.
std::string load_openapi(const std::string& template_dir);

// What every worker shares, read once at start: the OpenAPI document and the shipped e-mail templates.
struct Documents {
  std::string openapi;
  ShippedTemplates shipped;
};
// Throws std::runtime_error naming what is missing or broken.
Documents load_documents(const std::string& template_dir);

class ApiWorker final : public fcgi::Worker {
 public:
  ApiWorker(const fcgi::Env& env, std::shared_ptr<const Documents> docs);
  http::Response handle(http::Request& req) override;

 private:
  pg::Connection db_;
  std::shared_ptr<const Documents> docs_;
  const crypto::Keys& keys_;
  auth::PasswordLinks links_;
  mail::Outbox outbox_;
};

}  // namespace portico::api
