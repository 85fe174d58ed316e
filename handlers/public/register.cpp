// Registration for a process (SPEC §7). One transaction creates (on first use) the applicant's contact
// and account, the application with its steps as tasks, and the session, then lands on the application.
//
// Whether an e-mail address is registered is not told by message or timing: a known address with its
// right password simply starts another application for that person; a known address with any other
// password gets the one generic refusal, after the same single Argon2 computation a new address costs
// (a hash for a new account, a verify for a known one). What stays observable is that a registration
// with a fresh address succeeds: probing that way creates a real, audited account, and is throttled per
// address (registrations) and per e-mail (failures count as failed sign-ins).
#include <algorithm>

#include "crypto/password.hpp"
#include "http/cookie.hpp"
#include "http/error.hpp"
#include "http/form.hpp"
#include "http/validate.hpp"
#include "public/public.hpp"
#include "public/public_view.hpp"

namespace portico::public_portal {

namespace {
constexpr size_t kMaxBody = 16 * 1024;
constexpr const char* kHoneypot = "website";  // hidden from people; bots fill it in
constexpr const char* kRefused =
    "We could not start an application with these details. If you have registered here before, enter the "
    "password you chose then.";

const http::Field kFields[] = {
    {"csrf", "The form token", http::Kind::token, 100, false},
    {"process_id", "The process", http::Kind::integer, 20},
    {"name", "Your name", http::Kind::line, 200},
    {"email", "E-mail", http::Kind::email, 254},
    {"password", "Password", http::Kind::password, 1024},
    {kHoneypot, "Website", http::Kind::line, 200, false},
};
}  // namespace

http::Response Public::register_for(http::Request& req, auth::Context& ctx, const PortalRow& portal) {
  auto pairs = http::read_form(req, kMaxBody, {.max_pairs = 16, .max_key = 32, .max_value = 4096});
  auto fields = http::check(pairs, kFields);
  auth::Sessions::require_csrf(ctx, fields["csrf"]);
  auto processes = q_.processes(ctx.org.id, portal.id);
  if (!portal.registration_enabled) {
    RegisterForm closed{.error = "Registration is closed on this portal. If you have registered before, sign in."};
    return render_landing(ctx, portal, processes, closed, 403);
  }

  // Every attempt counts, so a flood is slowed whatever it sends.
  std::string ip(req.remote_addr());
  if (q_.recent_registrations(ctx.org.id, ip) >= kMaxRegistrationsPerAddress)
    throw http::too_many_requests("Too many registrations from your network. Please try again in an hour.", 3600);
  q_.record_registration(ctx.org.id, ip);
  if (!fields[kHoneypot].empty()) throw http::bad_request("This form could not be accepted.");

  RegisterForm form{.name = fields["name"], .email = fields["email"], .errors = fields.errors};
  form.errors.erase("csrf");
  if (auto p = http::parse_int(fields["process_id"])) form.process_id = *p;
  auto process = std::find_if(processes.begin(), processes.end(), [&](const ProcessRow& p) {
    return p.id == form.process_id && (portal.multi_process || &p == &processes.front());
  });
  if (process == processes.end() && !form.errors.contains("process_id"))
    form.errors["process_id"] = "Choose what you would like to start.";
  // The password rules come before any look-up, so a weak password is refused alike for every address.
  if (!form.errors.contains("password")) {
    if (auto problem = crypto::password_problem(fields["password"], {form.email, form.name, ctx.org.display_name,
                                                                      ctx.org.slug}))
      form.errors["password"] = *problem;
  }
  if (!form.errors.empty()) return render_landing(ctx, portal, processes, form, 422);

  const std::string& email = form.email;
  auto failures = q_.recent_failures(ctx.org.id, email, ip, kWindowMinutes);
  if (failures.for_user >= kMaxFailuresPerUser || failures.for_address >= kMaxFailuresPerAddress)
    throw http::too_many_requests("Too many failed attempts. Please wait 15 minutes and try again.",
                                  kWindowMinutes * 60);

  pg::Transaction tx(db_);
  q_.lock_email(ctx.org.id, email);
  auto person = q_.person(ctx.org.id, email);
  if (person) {
    bool ok = crypto::verify_password(fields["password"], person->password_hash);
    if (!ok || person->state != "active") {
      q_.record_failure(ctx.org.id, email, ip);  // the only write of this transaction
      tx.commit();
      form.error = kRefused;
      return render_landing(ctx, portal, processes, form, 422);
    }
  } else {
    person = q_.create_person(ctx.org.id, form.name, email, crypto::hash_password(fields["password"]), ip);
  }

  // The person proved who they are: sign them in, also when the application itself is refused.
  std::optional<int64_t> existing;
  if (!portal.allow_duplicates) existing = q_.existing_application(ctx.org.id, person->contact_id, process->id);
  std::optional<int64_t> app;
  if (!existing) {
    app = q_.start_application(ctx.org.id, portal.id, process->id, person->contact_id, ip);
    if (!app) throw http::not_found("This process is no longer offered here.");
  }
  sessions_.destroy(ctx);  // a new id at every sign-in
  std::string sid = sessions_.create(ctx.org, person->contact_id, person->account_id, "full", req);
  tx.commit();

  auto r = existing ? render_duplicate(ctx, portal, process->name, *existing)
                    : http::Response::redirect("/applications/" + std::to_string(*app));
  r.set("Set-Cookie", http::SetCookie{auth::kSessionCookie, sid, -1}.str());
  r.set("Set-Cookie", http::SetCookie{auth::kPreSessionCookie, "", 0, true, "Strict"}.str());
  return r;
}

}  // namespace portico::public_portal
