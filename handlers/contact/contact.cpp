#include "contact/contact.hpp"

#include <ctemplate/template.h>

#include "contact/contact_view.hpp"
#include "http/error.hpp"
#include "http/form.hpp"

namespace portico::contact {

namespace {
constexpr size_t kMaxBody = 64 * 1024;

std::vector<std::pair<std::string, std::string>> form_body(http::Request& req) {
  if (req.content_length(kMaxBody) == 0) return {};
  std::string_view ct = req.content_type();
  if (ct.substr(0, ct.find(';')) != "application/x-www-form-urlencoded")
    throw http::unsupported_media_type("Send this form as application/x-www-form-urlencoded.");
  return http::parse_urlencoded(req.body(kMaxBody), {.max_pairs = 16, .max_key = 32, .max_value = 32 * 1024});
}

constexpr http::Field kFields[] = {
    {"csrf", "The form token", http::Kind::token, 128, false},
    {"subject", "Subject", http::Kind::line, kMaxSubject, true},
    {"message", "Message", http::Kind::text, kMaxMessage, true},
    {kHoneypot, "Website", http::Kind::text, 1000, false},
};
}  // namespace

Contact::Contact(const fcgi::Env& env)
    : db_(env.config.db, {auth::Sessions::statements(), ContactDb::statements(), mail::Outbox::statements()}),
      sessions_(db_, *env.keys),
      q_(db_),
      outbox_(db_, *env.keys) {}

http::Response Contact::handle(http::Request& req) {
  if (req.path() != "/contact") throw http::not_found();
  bool post = req.method() == "POST";
  if (!req.is_get() && !post) throw http::method_not_allowed("GET, HEAD, POST");
  auth::Context ctx = sessions_.load(req);
  if (!ctx.who.signed_in()) return http::Response::redirect("/login");
  if (ctx.who.must_change_password) return http::Response::redirect("/account");
  if (post) return send(req, ctx);
  return render_form(ctx, {.sent = req.query() == "sent=1"});
}

http::Response Contact::send(http::Request& req, const auth::Context& ctx) {
  auto pairs = form_body(req);
  http::Fields f = http::check(pairs, kFields);
  auth::Sessions::require_csrf(ctx, f.has("csrf") ? f["csrf"] : "");
  if (f.has(kHoneypot) && !f[kHoneypot].empty())
    throw http::bad_request("Your message was not sent: a field that people leave empty was filled in, as "
                            "programs that send junk do. Please write to us by e-mail instead.");
  // After an error the person gets back what they typed, even a value that was refused.
  auto typed = [&](std::string_view name) -> std::string {
    if (f.has(name)) return f[name];
    for (const auto& [k, v] : pairs)
      if (k == name) return v;
    return "";
  };
  FormState page{.subject = typed("subject"), .message = typed("message"), .errors = {f.errors.begin(), f.errors.end()}};
  page.errors.erase(kHoneypot);
  if (!page.errors.empty()) return render_form(ctx, page, 422);

  pg::Transaction tx(db_);
  if (q_.sent_last_hour(ctx.org.id, ctx.who.contact_id) >= kMaxPerHour)
    throw http::too_many_requests("You have sent " + std::to_string(kMaxPerHour) +
                                      " messages in the last hour. Please wait an hour before sending another.",
                                  3600);
  Sender s = q_.sender(ctx.org.id, ctx.who.contact_id);
  int64_t id = q_.insert(ctx.org.id, ctx.who.contact_id, ctx.who.kind == "one_time" ? "one_time" : "full",
                         page.subject, page.message, s.org_contact_email, req.client_ip());
  if (!s.org_contact_email.empty()) {
    ctemplate::TemplateDictionary d("get_in_touch");
    d.SetValue("ORG_NAME", s.org_name);
    d.SetValue("PORTAL_LINK", s.base_url);
    d.SetValue("CONTACT_NAME", s.name);
    d.SetValue("SENDER_NAME", s.name);
    d.SetValue("SENDER_EMAIL", s.email);
    d.SetValue("SUBJECT", page.subject);
    d.SetValue("MESSAGE", page.message);
    for (const auto& [k, v] : s.identifiers) {
      auto* row = d.AddSectionDictionary("IDENTIFIER");
      row->SetValue("KEY", k);
      row->SetValue("VALUE", v);
    }
    try {
      auto outbox_id = outbox_.queue("get_in_touch", d,
                                     {.org_id = ctx.org.id,
                                      .idempotency_key = "message:" + std::to_string(id),
                                      .to = {s.org_name, s.org_contact_email}});
      if (outbox_id) q_.set_outbox(ctx.org.id, id, *outbox_id);
    } catch (const mail::BadAddress&) {
      // The org's own address is wrong: the message is still kept for staff.
    }
  }
  tx.commit();
  return http::Response::redirect("/contact?sent=1");
}

}  // namespace portico::contact
