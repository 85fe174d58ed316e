#pragma once
// The public handler (SPEC §7): a portal's landing page, registration for one of its processes (which
// creates the person's account on first use and always an application whose steps are their tasks),
// the portal's sign-in page, and the applicant's applications with a switcher between them.
#include "auth/context.hpp"
#include "fcgi/server.hpp"
#include "public/public_db.hpp"

namespace portico::public_portal {

constexpr int kWindowMinutes = 15;            // as the login handler
constexpr int kMaxFailuresPerUser = 10;       // as the login handler
constexpr int kMaxFailuresPerAddress = 50;    // as the login handler
constexpr int kMaxRegistrationsPerAddress = 30;  // attempts per hour from one client address

class Public final : public fcgi::Worker {
 public:
  explicit Public(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response portal_route(http::Request& req, auth::Context& ctx, std::string_view rest);
  http::Response landing(auth::Context& ctx, const PortalRow& portal);
  http::Response login_page(auth::Context& ctx, const PortalRow& portal);
  // register.cpp
  http::Response register_for(http::Request& req, auth::Context& ctx, const PortalRow& portal);
  http::Response applications(const http::Request& req, const auth::Context& ctx);
  // The Set-Cookie for a fresh pre-session when the visitor has none (ctx.csrf is then bound to it).
  std::optional<std::string> ensure_presession(auth::Context& ctx);

  pg::Connection db_;
  auth::Sessions sessions_;
  PublicDb q_;
};

}  // namespace portico::public_portal
