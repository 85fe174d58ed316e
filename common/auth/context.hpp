#pragma once
// Who is asking, and for which org: resolved once per request from the Host and the session cookie, in
// one database round trip.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "crypto/keys.hpp"
#include "http/request.hpp"
#include "pg/connection.hpp"

namespace portico::auth {

constexpr const char* kSessionCookie = "__Host-portico";
constexpr const char* kPreSessionCookie = "__Host-portico-pre";  // binds the login form's CSRF token
constexpr int kIdleMinutes = 30;
constexpr int kAbsoluteHours = 12;

struct Org {
  int64_t id = 0;
  std::string slug, display_name, base_url;
  bool has_stylesheet = false;
};

struct Visitor {
  std::string session_hash;  // raw keyed hash; empty when signed out
  std::string kind;          // "full" or "one_time"
  std::optional<int64_t> account_id;
  int64_t contact_id = 0;
  std::string name, email, username;
  bool must_change_password = false;
  bool external_assignee = false;
  bool applicant = false;  // has started an application on a public portal
  bool signed_in() const { return !session_hash.empty(); }
  bool full() const { return signed_in() && kind == "full"; }
};

struct Context {
  Org org;
  Visitor who;
  std::string csrf;  // the token every form of this visitor must carry
};

class Sessions {
 public:
  Sessions(pg::Connection& db, const crypto::Keys& keys);

  // Resolves org and session; 404 when no org serves this host. An expired session reads as signed out.
  Context load(const http::Request& req);
  // Creates a session and returns the cookie value (the raw id, shown only to the browser).
  std::string create(const Org& org, int64_t contact_id, std::optional<int64_t> account_id, const std::string& kind,
                     const http::Request& req);
  void destroy(const Context& ctx);
  // Ends every other session of an account (after a password change).
  void destroy_others(const Context& ctx);

  // CSRF: bound to the session, or before login to the pre-session cookie.
  std::string csrf_for_session(const std::string& session_hash) const;
  std::string csrf_for_presession(std::string_view pre_cookie) const;
  // Throws 403 unless the form's token matches the visitor's.
  static void require_csrf(const Context& ctx, std::string_view form_token);

  static std::span<const pg::Statement> statements();  // prepare these on the worker's connection

 private:
  pg::Connection& db_;
  crypto::Key session_key_, csrf_key_;
};

}  // namespace portico::auth
