#pragma once
// The portal handler: the home page and its tabs, the task pages and the tasks module, the org
// stylesheet, and the health check.
#include "auth/context.hpp"
#include "fcgi/server.hpp"
#include "portal/portal_db.hpp"
#include "portal/tasks_db.hpp"

namespace portico::portal {

class Portal final : public fcgi::Worker {
 public:
  explicit Portal(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response healthz();
  http::Response org_css(const http::Request& req);
  http::Response page(http::Request& req);

  // tasks.cpp: the task lists, one task's page, taking in charge and completing.
  http::Response task_lists(const auth::Context& ctx, const http::Request& req);
  http::Response task_route(const auth::Context& ctx, http::Request& req);
  http::Response show_task(const auth::Context& ctx, int64_t id);
  http::Response complete_task(const auth::Context& ctx, http::Request& req, int64_t id);
  http::Response take_task(const auth::Context& ctx, http::Request& req, int64_t id);

  pg::Connection db_;
  auth::Sessions sessions_;
  PortalDb q_;
  TasksDb tasks_;
};

}  // namespace portico::portal
