#include "groups.hpp"

#include <array>

#include "api_view.hpp"
#include "contacts.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"

namespace portico::api::groups {

namespace {
constexpr std::array<std::string_view, 2> kKinds{"target_group", "workgroup"};
constexpr std::array<std::string_view, 2> kAuthModes{"full_account", "one_time"};

constexpr std::array<JsonField, 8> kFields{{
    {.name = "kind", .type = FieldType::choice, .required = true, .choices = kKinds},
    {.name = "name", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "auth_mode", .type = FieldType::choice, .choices = kAuthModes},
    {.name = "identifier_fields", .type = FieldType::names, .max = 20},
    {.name = "id", .type = FieldType::read_only},
    {.name = "member_count", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
}};

constexpr std::array<JsonField, 1> kMemberFields{{
    {.name = "contact_id", .type = FieldType::id, .required = true},
}};

constexpr std::array<QueryParam, 1> kFilters{{
    {.name = "kind", .type = ParamType::choice, .choices = kKinds},
}};

constexpr std::array<Refusal, 1> kRefusals{{
    {"contact_group_org_id_name_key", "name", "is already used by another group."},
}};

const char* kNoGroup = "No group with that id.";

nlohmann::json load(Call& call, int64_t id) {
  pg::Result r = groups_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoGroup);
  return group_json(r, 0);
}

std::string member_location(int64_t group, int64_t contact) {
  return "/api/v1/groups/" + std::to_string(group) + "/members/" + std::to_string(contact);
}
}  // namespace

nlohmann::json check_input(const nlohmann::json& body, Mode mode) { return check_fields(body, kFields, mode); }

int64_t check_member_input(const nlohmann::json& body) {
  return check_fields(body, kMemberFields, Mode::create)["contact_id"].get<int64_t>();
}

std::span<const QueryParam> filters() { return kFilters; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  pg::Result r = groups_db::list(call.db, call.who.org_id, {.kind = q.text("kind")}, q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, group_json));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  nlohmann::json fields = check_input(http::read_json_object(call.req), Mode::create);
  pg::Result r;
  try {
    r = groups_db::create(call.db, call.who, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  nlohmann::json g = group_json(r, 0);
  return created(g, "/api/v1/groups/" + std::to_string(g["id"].get<int64_t>()));
}

http::Response update(Call& call, int64_t id) {
  nlohmann::json changes = check_input(http::read_json_object(call.req), Mode::patch);
  if (changes.empty()) return get(call, id);  // nothing to change, nothing to audit
  pg::Result r;
  try {
    r = groups_db::update(call.db, call.who, id, changes);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  if (r.empty()) throw http::not_found(kNoGroup);
  return http::Response::json(group_json(r, 0));
}

http::Response list_members(Call& call, int64_t group) {
  ListQuery q = parse_list_query(call.req.query(), contacts::filters(false));
  contacts_db::Filter f = contacts::filter_of(q);
  f.group_id = group;
  pg::Result r = contacts_db::list(call.db, call.who.org_id, f, q.after, q.limit + 1);
  // Rows are only ever this org's, so a non-empty page proves the group exists; an empty one may not.
  if (r.empty() && !groups_db::exists(call.db, call.who.org_id, group)) throw http::not_found(kNoGroup);
  return http::Response::json(page_json(r, q.limit, contact_json));
}

http::Response get_member(Call& call, int64_t group, int64_t contact) {
  if (!groups_db::is_member(call.db, call.who.org_id, group, contact))
    throw http::not_found("No such group, or that contact is not a member of it.");
  return http::Response::json(contacts::load(call, contact));
}

http::Response add_member(Call& call, int64_t group) {
  int64_t contact = 0;
  try {
    contact = check_member_input(http::read_json_object(call.req));
  } catch (const http::Error&) {
    // Another org's (or no) group is 404 whatever the body says, as on every route that names an id.
    if (!groups_db::exists(call.db, call.who.org_id, group)) throw http::not_found(kNoGroup);
    throw;
  }
  groups_db::MemberChange outcome;
  try {
    outcome = groups_db::add_member(call.db, call.who, group, contact);
  } catch (const pg::Error& e) {
    // The group or contact was deleted between the check and the insert: as if it never existed.
    if (e.kind != pg::ErrorKind::foreign_key) throw;
    throw http::not_found("No such group or contact.");
  }
  switch (outcome) {
    case groups_db::MemberChange::no_group: throw http::not_found(kNoGroup);
    case groups_db::MemberChange::no_contact: throw http::not_found("No contact with that id.");
    case groups_db::MemberChange::unchanged: return http::Response::json(contacts::load(call, contact));
    case groups_db::MemberChange::done: break;
  }
  return created(contacts::load(call, contact), member_location(group, contact));
}

http::Response remove_member(Call& call, int64_t group, int64_t contact) {
  switch (groups_db::remove_member(call.db, call.who, group, contact)) {
    case groups_db::MemberChange::no_group: throw http::not_found(kNoGroup);
    case groups_db::MemberChange::no_contact: throw http::not_found("No contact with that id.");
    case groups_db::MemberChange::unchanged: throw http::not_found("That contact is not a member of this group.");
    case groups_db::MemberChange::done: break;
  }
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace portico::api::groups
