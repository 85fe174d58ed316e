#include "contacts.hpp"

#include <array>

#include "api_view.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"

namespace portico::api::contacts {

namespace {
constexpr std::array<std::string_view, 5> kKinds{"candidate", "client_contact", "target", "end_user", "applicant"};
constexpr std::array<std::string_view, 2> kStatuses{"active", "inactive"};

// Lengths as the CHECKs of sql/001_core.sql have them.
constexpr std::array<JsonField, 12> kFields{{
    {.name = "kind", .type = FieldType::choice, .required = true, .choices = kKinds},
    {.name = "status", .type = FieldType::choice, .choices = kStatuses},
    {.name = "email", .type = FieldType::email, .min = 3, .max = 254, .required = true},
    {.name = "name", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "record_ref", .type = FieldType::line, .min = 1, .max = 100, .nullable = true},
    {.name = "client_id", .type = FieldType::id, .nullable = true},
    {.name = "identifiers", .type = FieldType::identifiers, .max = 50},
    {.name = "id", .type = FieldType::read_only},
    {.name = "groups", .type = FieldType::read_only},
    {.name = "has_account", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
}};

constexpr std::array<QueryParam, 7> kFilters{{
    {.name = "kind", .type = ParamType::choice, .choices = kKinds},
    {.name = "status", .type = ParamType::choice, .choices = kStatuses},
    {.name = "client_id", .type = ParamType::id},
    {.name = "email", .type = ParamType::text, .max = 254},
    {.name = "record_ref", .type = ParamType::text, .max = 100},
    {.name = "q", .type = ParamType::text, .max = 200},
    {.name = "group_id", .type = ParamType::id},  // last, so a member list can leave it out
}};

constexpr std::array<Refusal, 2> kRefusals{{
    {"contact_org_id_record_ref_key", "record_ref", "is already used by another contact."},
    {"contact_org_id_client_id_fkey", "client_id", "is not a client of this organisation."},
}};

std::string location(int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }
}  // namespace

nlohmann::json check_input(const nlohmann::json& body, Mode mode) { return check_fields(body, kFields, mode); }

std::span<const QueryParam> filters(bool with_group) {
  return std::span<const QueryParam>(kFilters).first(with_group ? kFilters.size() : kFilters.size() - 1);
}

contacts_db::Filter filter_of(const ListQuery& q) {
  return {.kind = q.text("kind"),
          .status = q.text("status"),
          .email = q.text("email"),
          .record_ref = q.text("record_ref"),
          .q = q.text("q"),
          .client_id = q.id("client_id"),
          .group_id = q.id("group_id")};
}

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  pg::Result r = contacts_db::list(call.db, call.who.org_id, filter_of(q), q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, contact_json));
}

nlohmann::json load(Call& call, int64_t id) {
  pg::Result r = contacts_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found("No contact with that id.");
  return contact_json(r, 0);
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  nlohmann::json fields = check_input(http::read_json_object(call.req), Mode::create);
  pg::Result r;
  try {
    r = contacts_db::create(call.db, call.who, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  nlohmann::json c = contact_json(r, 0);
  return created(c, location(c["id"].get<int64_t>()));
}

http::Response update(Call& call, int64_t id) {
  nlohmann::json changes = check_input(http::read_json_object(call.req), Mode::patch);
  if (changes.empty()) return get(call, id);  // nothing to change, nothing to audit
  pg::Result r;
  try {
    r = contacts_db::update(call.db, call.who, id, changes);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  if (r.empty()) throw http::not_found("No contact with that id.");
  return http::Response::json(contact_json(r, 0));
}

}  // namespace portico::api::contacts
