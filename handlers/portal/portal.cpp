#include "portal/portal.hpp"

#include "http/error.hpp"

namespace portico::portal {

Portal::Portal(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), PortalDb::statements(), TasksDb::statements()}),
      sessions_(db_, *env.keys),
      q_(db_),
      tasks_(db_) {}

http::Response Portal::handle(http::Request& req) {
  std::string_view path = req.path();
  bool post = req.method() == "POST";
  if (path == "/healthz" || path == "/org.css") {
    if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
    return path == "/healthz" ? healthz() : org_css(req);
  }
  if (!req.is_get() && !post) throw http::method_not_allowed("GET, HEAD, POST");
  return page(req);
}

http::Response Portal::healthz() {
  try {
    q_.ping();
  } catch (const pg::Error&) {
    return http::Response::text("unavailable\n", "text/plain; charset=utf-8", 503);
  }
  return http::Response::text("ok\n", "text/plain; charset=utf-8");
}

http::Response Portal::org_css(const http::Request& req) {
  auto css = q_.stylesheet(req.host());
  if (!css) throw http::not_found("No portal is configured at this address.");
  auto r = http::Response::text(std::move(*css), "text/css; charset=utf-8");
  r.set("Cache-Control", "no-cache");
  return r;
}

http::Response Portal::page(http::Request& req) {
  std::string_view path = req.path();
  auth::Context ctx = sessions_.load(req);
  if (!ctx.who.signed_in()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");

  // Files, Send us Stuff and Get in touch have handlers of their own (docs, upload, contact).
  if (!ctx.who.full()) {
    if (path == "/" && req.is_get()) return http::Response::redirect("/files");  // a one-time visit's home
    throw http::not_found();
  }
  if (path.starts_with("/tasks/")) return task_route(ctx, req);
  return task_lists(ctx, req);
}

}  // namespace portico::portal
