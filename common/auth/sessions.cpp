#include <sodium.h>

#include "auth/context.hpp"
#include "crypto/token.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"

namespace portico::auth {

Sessions::Sessions(pg::Connection& db, const crypto::Keys& keys)
    : db_(db), session_key_(keys.derive(crypto::Purpose::session_hash)), csrf_key_(keys.derive(crypto::Purpose::csrf)) {}

Context Sessions::load(const http::Request& req) {
  std::optional<std::string> hash;
  if (auto raw = http::cookie(req.cookie_header(), kSessionCookie); raw && raw->size() == 43)
    hash = crypto::to_hex(crypto::hash_secret(*raw, &session_key_));
  auto r = db_.run("auth.context", {req.host(), hash});
  if (r.empty()) throw http::not_found("No portal is configured at this address.");
  Context c;
  c.org.id = r.i64(0, 0);
  c.org.slug = r.str(0, 1);
  c.org.display_name = r.str(0, 2);
  c.org.base_url = r.str(0, 3);
  c.org.has_stylesheet = r.boolean(0, 4);
  if (r.boolean(0, 5)) {
    c.who.session_hash = *hash;
    c.who.kind = r.str(0, 6);
    c.who.account_id = r.opt_i64(0, 7);
    c.who.contact_id = r.i64(0, 8);
    c.who.name = r.str(0, 9);
    c.who.email = r.str(0, 10);
    c.who.username = r.str(0, 11);
    c.who.must_change_password = r.boolean(0, 12);
    c.who.external_assignee = r.boolean(0, 13);
    c.who.applicant = r.boolean(0, 14);
    c.csrf = csrf_for_session(c.who.session_hash);
  } else if (auto pre = http::cookie(req.cookie_header(), kPreSessionCookie); pre && pre->size() == 43) {
    c.csrf = csrf_for_presession(*pre);
  }
  return c;
}

std::string Sessions::create(const Org& org, int64_t contact_id, std::optional<int64_t> account_id,
                             const std::string& kind, const http::Request& req) {
  std::string id = crypto::random_token();
  std::string hash = crypto::to_hex(crypto::hash_secret(id, &session_key_));
  int idle = kind == "full" ? kIdleMinutes : 15;
  int absolute = kind == "full" ? kAbsoluteHours : 2;
  db_.run("auth.sweep", {org.id});
  db_.run("auth.create", {org.id, hash, kind, contact_id, account_id, idle, absolute, req.remote_addr(), req.user_agent()});
  return id;
}

void Sessions::destroy(const Context& ctx) {
  if (ctx.who.signed_in()) db_.run("auth.destroy", {ctx.org.id, ctx.who.session_hash});
}

void Sessions::destroy_others(const Context& ctx) {
  if (ctx.who.account_id) db_.run("auth.destroy_others", {ctx.org.id, *ctx.who.account_id, ctx.who.session_hash});
}

std::string Sessions::csrf_for_session(const std::string& session_hash) const {
  return crypto::mac_b64("session:" + session_hash, csrf_key_);
}

std::string Sessions::csrf_for_presession(std::string_view pre_cookie) const {
  return crypto::mac_b64("pre:" + std::string(pre_cookie), csrf_key_);
}

void Sessions::require_csrf(const Context& ctx, std::string_view form_token) {
  if (ctx.csrf.empty() || !crypto::equal_ct(ctx.csrf, form_token))
    throw http::forbidden("This form has expired or was not sent from this site. Go back, reload the page and try again.");
}

}  // namespace portico::auth
