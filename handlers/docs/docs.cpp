#include "docs/docs.hpp"

#include "crypto/link_token.hpp"
#include "docs/docs_view.hpp"
#include "files/chunks.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/validate.hpp"

namespace portico::docs {

namespace {
constexpr std::string_view kFiles = "/files";
constexpr std::string_view kLink = "/d/";
constexpr const char* kNoLink = "This link is not valid. Check that you copied the whole link from the e-mail.";

bool wants_download(std::string_view query) {
  for (const auto& [k, v] : http::parse_urlencoded(query, {.max_pairs = 4, .max_key = 16, .max_value = 8}))
    if (k == "download") return v == "1";
  return false;
}

// The ledger row of a request that counts as a person opening the document: a HEAD request or a mail
// scanner's fetch is not one.
std::optional<View> view_of(const http::Request& req, std::string_view channel) {
  if (req.method() != "GET" || files::link_scanner(req.user_agent())) return std::nullopt;
  return View{channel, req.client_ip(), req.user_agent()};
}
}  // namespace

Docs::Docs(const fcgi::Env& env)
    : keys_(*env.keys),
      db_(env.config.db, {auth::Sessions::statements(), DocsDb::statements(), files::statements()}),
      sessions_(db_, *env.keys),
      q_(db_) {}

http::Response Docs::handle(http::Request& req) {
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  std::string_view path = req.path();
  if (path.starts_with(kLink)) return view_link(req, path.substr(kLink.size()));
  if (path != kFiles && !path.starts_with("/files/")) throw http::not_found();

  auth::Context ctx = sessions_.load(req);
  if (!ctx.who.signed_in()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");
  if (path == kFiles) return list(ctx);
  return open(req, ctx, path.substr(kFiles.size() + 1));
}

http::Response Docs::list(const auth::Context& ctx) { return render_list(ctx, q_.list(ctx.org.id, ctx.who.contact_id)); }

http::Response Docs::open(const http::Request& req, const auth::Context& ctx, std::string_view id_text) {
  // Another contact's document, another org's, or no document at all: the same 404.
  auto id = id_text.find_first_not_of("0123456789") == std::string_view::npos ? http::parse_int(id_text) : std::nullopt;
  if (!id || *id < 1) throw http::not_found();
  auto view = view_of(req, ctx.who.kind == "one_time" ? "one_time" : "portal");
  auto doc = q_.visible(ctx.org.id, ctx.who.contact_id, *id, view);
  if (!doc) throw http::not_found("No such document.");
  return files::serve(db_, *doc, wants_download(req.query()));
}

http::Response Docs::view_link(const http::Request& req, std::string_view token) {
  // A forged or mangled token is refused before any database work.
  auto hash = crypto::verify_link(keys_, crypto::LinkPurpose::document_view, token);
  if (!hash) throw http::not_found(kNoLink);
  auto target = q_.by_link(req.host(), *hash);
  if (!target) throw http::not_found("No portal is configured at this address.");
  if (!target->found) throw http::not_found(kNoLink);
  // A dead link opens nothing and records nothing; the portal still shows the document to whoever may see it.
  if (target->contact_inactive) throw http::gone("This link is no longer valid.");
  if (target->expired)
    throw http::gone("This link has expired. Sign in to the portal to see your documents, or ask us for a new link.");
  if (auto view = view_of(req, "email_link")) q_.record_view(target->org_id, target->doc.document_id, target->contact_id, *view);
  auto r = files::serve(db_, target->doc, wants_download(req.query()));
  r.set("Referrer-Policy", "no-referrer");
  return r;
}

}  // namespace portico::docs
