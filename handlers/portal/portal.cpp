#include "portal/portal.hpp"

#include "http/error.hpp"
#include "portal/portal_view.hpp"

namespace portico::portal {

Portal::Portal(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), PortalDb::statements()}), sessions_(db_, *env.keys), q_(db_) {}

http::Response Portal::handle(http::Request& req) {
  std::string_view path = req.path();
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  if (path == "/healthz") return healthz();
  if (path == "/org.css") return org_css(req);
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

http::Response Portal::page(const http::Request& req) {
  std::string_view path = req.path();
  auth::Context ctx = sessions_.load(req);
  if (!ctx.who.signed_in()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");
  bool full = ctx.who.full();

  // Tabs open to a one-time visit as well as to full accounts.
  if (path == "/files")
    return render_empty(ctx, "files", "Your Files and Documents", "You have no files or documents yet.");
  if (path == "/upload")
    return render_empty(ctx, "upload", "Send us Stuff", "Sending files is not available on this portal yet.");
  if (path == "/contact")
    return render_empty(ctx, "contact", "Get in touch", "Messages are not available on this portal yet.");
  if (!full) {
    if (path == "/") return http::Response::redirect("/files");  // a one-time visit's home is its files
    throw http::not_found();
  }

  if (path == "/") return render_tasks(ctx);
  if (path == "/history") return render_empty(ctx, "history", "History", "You have no completed tasks yet.");
  if (ctx.who.external_assignee) {
    if (path == "/tasks") return render_empty(ctx, "module", "Tasks module", "There are no tasks for you.");
    if (path == "/approvals") return render_empty(ctx, "approvals", "Approvals", "There is nothing to approve.");
  }
  throw http::not_found();
}

}  // namespace portico::portal
