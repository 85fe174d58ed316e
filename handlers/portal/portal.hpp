#pragma once
// The portal handler: the home page and its tabs, the org stylesheet, and the health check.
#include "auth/context.hpp"
#include "fcgi/server.hpp"
#include "portal/portal_db.hpp"

namespace portico::portal {

class Portal final : public fcgi::Worker {
 public:
  explicit Portal(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response healthz();
  http::Response org_css(const http::Request& req);
  http::Response page(const http::Request& req);

  pg::Connection db_;
  auth::Sessions sessions_;
  PortalDb q_;
};

}  // namespace portico::portal
