#include "accounts.hpp"

#include <array>
#include <optional>

#include <ctemplate/template.h>

#include "accounts_db.hpp"
#include "api_view.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"
#include "json_fields.hpp"
#include "mail/mime.hpp"

namespace portico::api::accounts {

namespace {
constexpr std::array<std::string_view, 2> kSettableStates{"active", "suspended"};

// Lengths as the CHECKs of sql/001_core.sql have them.
constexpr std::array<JsonField, 2> kCreateFields{{
    {.name = "username", .type = FieldType::line, .min = 1, .max = 254},
    {.name = "external_assignee", .type = FieldType::boolean},
}};

constexpr std::array<JsonField, 2> kPatchFields{{
    {.name = "state", .type = FieldType::choice, .choices = kSettableStates},
    {.name = "external_assignee", .type = FieldType::boolean},
}};

// Raced past the checks (an account made at the same moment by another route): the same answers.
constexpr std::array<Refusal, 2> kRefusals{{
    {"account_username", "username", "is already taken by another account of this organisation."},
    {"account_org_id_contact_id_key", "contact", "already has an account."},
}};

const char* kNoAccount = "This contact has no account (or there is no contact with that id).";

std::string location(int64_t contact) { return "/api/v1/contacts/" + std::to_string(contact) + "/account"; }

nlohmann::json load(Call& call, int64_t contact) {
  pg::Result r = accounts_db::get(call.db, call.who.org_id, contact);
  if (r.empty()) throw http::not_found(kNoAccount);
  return account_json(r, 0);
}

http::Error inactive_contact() {
  return http::unprocessable("This contact is inactive: make the contact active before inviting them.");
}

struct Invitee {
  int64_t account = 0, contact = 0;
  std::string username, name, email, org_name, base_url;
};

struct Sent {
  int64_t link = 0;
  std::optional<int64_t> outbox;
};

// In the caller's transaction: a new welcome link (revoking any older one) and its e-mail.
Sent send_invitation(Call& call, const Invitee& i) {
  auth::IssuedPasswordLink link =
      call.links->issue(call.who.org_id, i.base_url, i.account, "welcome", auth::kWelcomeLinkHours);
  ctemplate::TemplateDictionary d("account_invite");
  d.SetValue("CONTACT_NAME", i.name);
  d.SetValue("ORG_NAME", i.org_name);
  d.SetValue("PORTAL_LINK", i.base_url);
  d.SetValue("USERNAME", i.username);
  d.SetValue("SET_PASSWORD_LINK", link.url);
  d.SetValue("EXPIRES", link.expires);
  try {
    auto id = call.outbox->queue("account_invite", d,
                                 {.org_id = call.who.org_id,
                                  .idempotency_key = "password_link:" + std::to_string(link.id),
                                  .contact_id = i.contact,
                                  .to = {i.name, i.email}});
    return {link.id, id};
  } catch (const mail::BadAddress&) {
    throw http::unprocessable("The contact's e-mail address cannot receive mail: correct it, then invite again.");
  }
}
}  // namespace

nlohmann::json check_create(const nlohmann::json& body) { return check_fields(body, kCreateFields, Mode::create); }
nlohmann::json check_patch(const nlohmann::json& body) { return check_fields(body, kPatchFields, Mode::patch); }

std::string default_username(std::string_view email) {
  std::string out(email);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string next_state(std::string_view current, std::string_view requested, bool has_password) {
  if (requested == "suspended") return "suspended";
  if (current == "invited")
    throw http::conflict("An invited account becomes active when its owner sets a password through the "
                         "invitation link; resend the invitation instead.");
  if (current == "suspended") return has_password ? "active" : "invited";
  return std::string(current);
}

void check_seat(int64_t used, int64_t seats) {
  if (used < seats) return;
  std::string n = std::to_string(seats);
  throw http::Error(409, "seat_limit",
                    "All " + n + " external assignee seat" + (seats == 1 ? "" : "s") +
                        " of this organisation are taken: free one (set external_assignee to false on another "
                        "account) or ask for more seats.");
}

http::Response get(Call& call, int64_t contact) { return http::Response::json(load(call, contact)); }

http::Response create(Call& call, int64_t contact) {
  nlohmann::json fields = check_create(optional_json_object(call.req));
  bool assignee = fields.value("external_assignee", false);

  pg::Transaction tx(call.db);
  accounts_db::Org org = accounts_db::lock_org(call.db, call.who.org_id);
  auto c = accounts_db::contact(call.db, call.who.org_id, contact);
  if (!c) throw http::not_found("No contact with that id.");
  if (c->has_account) throw http::conflict("This contact already has an account.");
  if (c->status != "active") throw inactive_contact();
  std::string username =
      fields.contains("username") ? fields["username"].get<std::string>() : default_username(c->email);
  if (accounts_db::username_taken(call.db, call.who.org_id, username)) {
    http::Error e = http::conflict("username '" + username + "' is already taken by another account of this "
                                   "organisation (usernames are compared without regard to case).");
    e.fields["username"] = e.what();
    throw e;
  }
  if (assignee) check_seat(accounts_db::seats_used(call.db, call.who.org_id), org.seats);

  nlohmann::json audited = {{"contact_id", contact}, {"username", username}, {"external_assignee", assignee}};
  int64_t id = 0;
  try {
    id = accounts_db::create(call.db, call.who, contact, username, assignee, audited);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  send_invitation(call, {id, contact, username, c->name, c->email, org.display_name, org.base_url});
  nlohmann::json out = load(call, contact);
  tx.commit();
  return created(out, location(contact));
}

http::Response invite(Call& call, int64_t contact) {
  check_fields(optional_json_object(call.req), {}, Mode::patch);  // no fields: anything sent is refused

  pg::Transaction tx(call.db);
  accounts_db::lock_org(call.db, call.who.org_id);
  auto a = accounts_db::find(call.db, call.who.org_id, contact);
  if (!a) throw http::not_found(kNoAccount);
  if (a->state == "active")
    throw http::conflict("This account is already active: its owner can ask for a new password with "
                         "'Forgot your password?' on the sign-in page.");
  if (a->state == "suspended") throw http::conflict("This account is suspended: set its state to active first.");
  if (a->contact_status != "active") throw inactive_contact();
  Sent sent = send_invitation(call, {a->id, contact, a->username, a->name, a->email, a->org_name, a->base_url});
  nlohmann::json detail = {{"password_link_id", sent.link}, {"outbox_id", nullptr}};
  if (sent.outbox) detail["outbox_id"] = *sent.outbox;
  accounts_db::audit_invite(call.db, call.who, a->id, detail);
  nlohmann::json out = load(call, contact);
  tx.commit();
  return http::Response::json(out);
}

http::Response update(Call& call, int64_t contact) {
  nlohmann::json changes = check_patch(http::read_json_object(call.req));
  if (changes.empty()) return get(call, contact);  // nothing to change, nothing to audit

  pg::Transaction tx(call.db);
  accounts_db::Org org = accounts_db::lock_org(call.db, call.who.org_id);
  auto a = accounts_db::find(call.db, call.who.org_id, contact);
  if (!a) throw http::not_found(kNoAccount);

  std::optional<std::string> state;
  std::optional<bool> assignee;
  nlohmann::json applied = nlohmann::json::object();
  if (changes.contains("state")) {
    std::string s = next_state(a->state, changes["state"].get<std::string>(), a->has_password);
    if (s != a->state) {
      state = s;
      applied["state"] = s;
    }
  }
  if (changes.contains("external_assignee")) {
    bool b = changes["external_assignee"].get<bool>();
    if (b != a->external_assignee) {
      if (b) check_seat(accounts_db::seats_used(call.db, call.who.org_id), org.seats);
      assignee = b;
      applied["external_assignee"] = b;
    }
  }
  if (state == "suspended") accounts_db::revoke_links(call.db, call.who.org_id, a->id);
  if (!applied.empty()) accounts_db::update(call.db, call.who, a->id, state, assignee, applied);
  nlohmann::json out = load(call, contact);
  tx.commit();
  return http::Response::json(out);
}

}  // namespace portico::api::accounts
