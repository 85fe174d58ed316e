#pragma once
// The docs handler (SPEC §5): the list of a person's documents (/files), one document opened in the
// portal (/files/{id}), and the personal view links e-mailed with issued documents (/d/{token}). Every
// open by a contact, by any of these routes, adds a row to the view ledger; HEAD requests and known link
// scanners add none.
#include "auth/context.hpp"
#include "docs/docs_db.hpp"
#include "fcgi/server.hpp"

namespace portico::docs {

class Docs final : public fcgi::Worker {
 public:
  explicit Docs(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response list(const auth::Context& ctx);
  http::Response open(const http::Request& req, const auth::Context& ctx, std::string_view id);
  http::Response view_link(const http::Request& req, std::string_view token);

  const crypto::Keys& keys_;
  pg::Connection db_;
  auth::Sessions sessions_;
  DocsDb q_;
};

}  // namespace portico::files
