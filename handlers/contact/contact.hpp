#pragma once
// The contact handler: Get in touch (SPEC §6), /contact. A subject and a message from a full account or a
// one-time visit, kept for staff (GET /api/v1/messages) and e-mailed to the org's contact_email with the
// sender's name, e-mail and the identifier fields their groups name. A hidden honeypot field and a
// per-person rate limit stop floods.
#include "auth/context.hpp"
#include "contact/contact_db.hpp"
#include "fcgi/server.hpp"
#include "mail/outbox.hpp"

namespace portico::contact {

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxMessage = 5000;
constexpr int kMaxPerHour = 5;                   // messages one person may send in an hour
constexpr const char* kHoneypot = "website";     // hidden from people; a bot fills it in

class Contact final : public fcgi::Worker {
 public:
  explicit Contact(const fcgi::Env& env);
  http::Response handle(http::Request& req) override;

 private:
  http::Response send(http::Request& req, const auth::Context& ctx);

  pg::Connection db_;
  auth::Sessions sessions_;
  ContactDb q_;
  mail::Outbox outbox_;
};

}  // namespace portico::contact
