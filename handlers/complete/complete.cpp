#include "complete/complete.hpp"

#include <nlohmann/json.hpp>

#include "complete/complete_view.hpp"
#include "crypto/link_token.hpp"
#include "crypto/token.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "tasks/signature.hpp"
#include "tasks/task_spec.hpp"

namespace portico::complete {

namespace {
using nlohmann::json;

constexpr size_t kMaxBody = 1024 * 1024;  // as nginx's client_max_body_size
constexpr const char* kInvalidHeading = "This link is not valid";
constexpr const char* kInvalidMessage = "Check that you copied the whole link from the e-mail.";
constexpr const char* kDeadHeading = "This link is no longer active";

json parse_spec(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

http::Response dead(const LinkRow& link) {
  return render_dead(link.org_name, kDeadHeading, dead_message(link.state), 410);
}
}  // namespace

std::string dead_message(std::string_view state) {
  if (state == "cancelled") return "This link is no longer active because the task was cancelled.";
  if (state == "expired") return "This link is no longer active because it has expired.";
  if (state == "revoked") return "This link is no longer active because it was replaced by a newer link.";
  return "This link is no longer active because the task was completed.";
}

Complete::Complete(const fcgi::Env& env)
    : keys_(*env.keys),
      db_(env.config.db, {auth::Sessions::statements(), CompleteDb::statements()}),
      sessions_(db_, *env.keys),
      q_(db_),
      session_key_(env.keys->derive(crypto::Purpose::session_hash)) {}

http::Response Complete::handle(http::Request& req) {
  std::string_view path = req.path();
  if (!path.starts_with(kPrefix)) throw http::not_found();
  bool post = req.method() == "POST";
  if (!req.is_get() && !post) throw http::method_not_allowed("GET, HEAD, POST");
  std::string_view token = path.substr(kPrefix.size());

  // A forged or mangled token is refused before any database work.
  auto hash = crypto::verify_link(keys_, crypto::LinkPurpose::complete, token);
  if (!hash) return render_dead("", kInvalidHeading, kInvalidMessage, 404);

  auto link = q_.look_up(req.host(), *hash);
  if (!link) throw http::not_found("No portal is configured at this address.");
  if (!link->found) return render_dead(link->org_name, kInvalidHeading, kInvalidMessage, 404);
  if (link->state != "live") return dead(*link);  // a dead link changes nothing, so it needs no CSRF check
  return post ? submit(req, *link, token) : show(req, *link, token);
}

http::Response Complete::show(const http::Request& req, const LinkRow& link, std::string_view token) {
  // The form's CSRF token is bound to a pre-session cookie: made here when the browser has none. No
  // database work at all, so that a mail scanner fetching the link changes nothing.
  TaskPage page{link.org_name, link.title, link.instructions,
                {.action = std::string(kPrefix) + std::string(token), .type = link.type, .spec = parse_spec(link.spec)}};
  std::optional<std::string> cookie;
  if (auto pre = http::cookie(req.cookie_header(), auth::kPreSessionCookie); pre && pre->size() == 43) {
    page.form.csrf = sessions_.csrf_for_presession(*pre);
  } else {
    std::string fresh = crypto::random_token();
    page.form.csrf = sessions_.csrf_for_presession(fresh);
    cookie = http::SetCookie{auth::kPreSessionCookie, fresh, -1, true, "Strict"}.str();
  }
  auto r = render_task(page);
  if (cookie) r.set("Set-Cookie", *cookie);
  return r;
}

http::Response Complete::submit(http::Request& req, const LinkRow& link, std::string_view token) {
  // The urlencoded answer (a form of up to 50 fields; a long text may be 10000 characters).
  auto form = http::read_form(req, kMaxBody, tasks::kAnswerLimits);
  auth::Context ctx;
  if (auto pre = http::cookie(req.cookie_header(), auth::kPreSessionCookie); pre && pre->size() == 43)
    ctx.csrf = sessions_.csrf_for_presession(*pre);
  std::string sent_csrf;
  for (const auto& [k, v] : form)
    if (k == "csrf") sent_csrf = v;
  auth::Sessions::require_csrf(ctx, sent_csrf);

  json spec = parse_spec(link.spec);
  auto answer = tasks::check_answer(link.type, spec, form);
  if (!answer.ok()) {
    TaskPage page{link.org_name, link.title, link.instructions,
                  {.action = std::string(kPrefix) + std::string(token), .csrf = ctx.csrf, .type = link.type,
                   .spec = std::move(spec), .values = std::move(form), .errors = std::move(answer.errors)}};
    return render_task(page, 422);
  }

  json response = answer.response;
  std::string ip(req.remote_addr());
  if (link.type == "signature") response.update(tasks::signature_evidence(spec, ip, req.user_agent()));
  std::string response_json = response.dump(-1, ' ', false, json::error_handler_t::replace);

  pg::Transaction tx(db_);
  if (!q_.finish(link, response_json, ip)) {  // completed (or cancelled) meanwhile: say which
    tx.commit();
    auto again = q_.look_up(req.host(), *crypto::verify_link(keys_, crypto::LinkPurpose::complete, token));
    LinkRow now = again && again->found ? *again : link;
    if (now.state == "live") now.state = "completed";
    return dead(now);
  }
  // A new session id for this visit; a session the browser brought along ends.
  if (auto old = http::cookie(req.cookie_header(), auth::kSessionCookie); old && old->size() == 43)
    q_.drop_session(link.org_id, crypto::to_hex(crypto::hash_secret(*old, &session_key_)));
  auth::Org org;
  org.id = link.org_id;
  std::string sid = sessions_.create(org, link.contact_id, std::nullopt, "one_time", req);
  tx.commit();

  auto r = http::Response::redirect("/files");
  r.set("Set-Cookie", http::SetCookie{auth::kSessionCookie, sid}.str());
  r.set("Set-Cookie", http::SetCookie{auth::kPreSessionCookie, "", 0, true, "Strict"}.str());
  return r;
}

}  // namespace portico::complete
