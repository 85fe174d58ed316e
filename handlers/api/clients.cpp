#include "clients.hpp"

#include <array>

#include "api_view.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"

namespace portico::api::clients {

namespace {
constexpr std::array<JsonField, 6> kFields{{
    {.name = "name", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "record_ref", .type = FieldType::line, .min = 1, .max = 100, .nullable = true},
    {.name = "id", .type = FieldType::read_only},
    {.name = "contact_count", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
}};

constexpr std::array<QueryParam, 2> kFilters{{
    {.name = "q", .type = ParamType::text, .max = 200},
    {.name = "record_ref", .type = ParamType::text, .max = 100},
}};

constexpr std::array<Refusal, 1> kRefusals{{
    {"client_org_id_record_ref_key", "record_ref", "is already used by another client."},
}};

nlohmann::json load(Call& call, int64_t id) {
  pg::Result r = clients_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found("No client with that id.");
  return client_json(r, 0);
}
}  // namespace

nlohmann::json check_input(const nlohmann::json& body, Mode mode) { return check_fields(body, kFields, mode); }

std::span<const QueryParam> filters() { return kFilters; }

clients_db::Filter filter_of(const ListQuery& q) { return {.q = q.text("q"), .record_ref = q.text("record_ref")}; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  pg::Result r = clients_db::list(call.db, call.who.org_id, filter_of(q), q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, client_json));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  nlohmann::json fields = check_input(http::read_json_object(call.req), Mode::create);
  pg::Result r;
  try {
    r = clients_db::create(call.db, call.who, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  nlohmann::json c = client_json(r, 0);
  return created(c, "/api/v1/clients/" + std::to_string(c["id"].get<int64_t>()));
}

http::Response update(Call& call, int64_t id) {
  nlohmann::json changes = check_input(http::read_json_object(call.req), Mode::patch);
  if (changes.empty()) return get(call, id);  // nothing to change, nothing to audit
  pg::Result r;
  try {
    r = clients_db::update(call.db, call.who, id, changes);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  if (r.empty()) throw http::not_found("No client with that id.");
  return http::Response::json(client_json(r, 0));
}

}  // namespace portico::api::clients
