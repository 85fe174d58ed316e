#include "public/public.hpp"

#include "crypto/token.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/validate.hpp"
#include "public/public_view.hpp"

namespace portico::public_portal {

namespace {
constexpr std::string_view kPortalPrefix = "/p/";
constexpr std::string_view kApplications = "/applications";

// A slug as the portal table's CHECK has it; anything else cannot name a portal.
bool valid_slug(std::string_view s) {
  if (s.empty() || s.size() > 63 || s[0] == '-') return false;
  return s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

std::optional<int64_t> positive_id(std::string_view s) {
  if (s.empty() || s[0] < '1' || s[0] > '9' || s.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return http::parse_int(s);
}

http::Error no_portal() { return http::not_found("There is no portal at this address."); }
}  // namespace

Public::Public(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), PublicDb::statements()}), sessions_(db_, *env.keys), q_(db_) {}

http::Response Public::handle(http::Request& req) {
  auth::Context ctx = sessions_.load(req);
  std::string_view path = req.path();
  if (path.starts_with(kPortalPrefix)) return portal_route(req, ctx, path.substr(kPortalPrefix.size()));
  if (path == kApplications || path.starts_with(std::string(kApplications) + "/")) return applications(req, ctx);
  throw http::not_found();
}

http::Response Public::portal_route(http::Request& req, auth::Context& ctx, std::string_view rest) {
  size_t slash = rest.find('/');
  std::string_view slug = rest.substr(0, slash), action = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (!valid_slug(slug)) throw no_portal();
  if (!action.empty() && action != "/register" && action != "/login") throw http::not_found();
  auto portal = q_.portal(ctx.org.id, slug);
  if (!portal) throw no_portal();

  if (action == "/register") {
    if (req.method() == "POST") return register_for(req, ctx, *portal);
    if (req.is_get()) return http::Response::redirect("/p/" + portal->slug);
    throw http::method_not_allowed("GET, HEAD, POST");
  }
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  return action == "/login" ? login_page(ctx, *portal) : landing(ctx, *portal);
}

std::optional<std::string> Public::ensure_presession(auth::Context& ctx) {
  if (!ctx.csrf.empty()) return std::nullopt;
  std::string fresh = crypto::random_token();  // no pre-session yet: bind this form to a new one
  ctx.csrf = sessions_.csrf_for_presession(fresh);
  return http::SetCookie{auth::kPreSessionCookie, fresh, -1, true, "Strict"}.str();
}

http::Response Public::landing(auth::Context& ctx, const PortalRow& portal) {
  auto cookie = ensure_presession(ctx);
  auto r = render_landing(ctx, portal, q_.processes(ctx.org.id, portal.id), {});
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Public::login_page(auth::Context& ctx, const PortalRow& portal) {
  if (ctx.who.full()) {  // already signed in: where /login would land them
    auto latest = q_.latest_application(ctx.org.id, ctx.who.contact_id);
    return http::Response::redirect(latest ? std::string(kApplications) + "/" + std::to_string(*latest) : "/");
  }
  auto cookie = ensure_presession(ctx);
  auto r = render_login(ctx, portal);
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Public::applications(const http::Request& req, const auth::Context& ctx) {
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  if (!ctx.who.full()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");
  std::string_view path = req.path();
  auto apps = q_.applications(ctx.org.id, ctx.who.contact_id);
  if (path == kApplications) return render_applications(ctx, apps);

  auto id = positive_id(path.substr(kApplications.size() + 1));
  if (!id) throw http::not_found();
  auto current = q_.applications(ctx.org.id, ctx.who.contact_id, *id);  // also one older than the switcher shows
  if (current.empty()) throw http::not_found("You have no application with that number.");
  return render_application(ctx, apps, current.front(), q_.steps(ctx.org.id, ctx.who.contact_id, *id));
}

}  // namespace portico::public_portal
