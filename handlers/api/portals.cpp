#include "portals.hpp"

#include <array>
#include <map>
#include <regex>
#include <set>

#include "api_view.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"
#include "list_query.hpp"
#include "portals_db.hpp"

namespace portico::api::portals {

namespace {
using nlohmann::json;

constexpr std::array<JsonField, 13> kFields{{
    {.name = "slug", .type = FieldType::line, .min = 1, .max = 63, .required = true},
    {.name = "title", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "introduction", .type = FieldType::text, .min = 0, .max = 20000},
    {.name = "enabled", .type = FieldType::boolean},
    {.name = "multi_process", .type = FieldType::boolean},
    {.name = "registration_enabled", .type = FieldType::boolean},
    {.name = "allow_duplicates", .type = FieldType::boolean},
    {.name = "tags", .type = FieldType::names, .max = 20},
    {.name = "process_ids", .type = FieldType::read_only},  // checked apart
    {.name = "id", .type = FieldType::read_only},
    {.name = "url", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
}};

constexpr std::array<Refusal, 2> kRefusals{{
    {"portal_org_id_slug_key", "slug", "is already used by another portal."},
    {"portal_process_org_id_process_id_fkey", "process_ids", "names a process this organisation does not have."},
}};

const char* kNoPortal = "No portal with that id.";

json doc(const pg::Result& r, int row) { return json::parse(r.view(row, 1)); }

json load(Call& call, int64_t id) {
  pg::Result r = portals_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoPortal);
  return doc(r, 0);
}

bool valid_slug(const std::string& s) {
  static const std::regex re("^[a-z0-9][a-z0-9-]{0,62}$");
  return std::regex_match(s, re);
}

// 1..kMaxProcesses distinct positive ids, or nullopt with errors["process_ids"] set.
json check_process_ids(const json& v, std::map<std::string, std::string>& errors) {
  const std::string bad = "process_ids must be a list of 1 to " + std::to_string(kMaxProcesses) +
                          " distinct process ids.";
  if (!v.is_array() || v.empty() || v.size() > kMaxProcesses) {
    errors["process_ids"] = bad;
    return json();
  }
  std::set<int64_t> seen;
  for (const auto& id : v) {
    if (!id.is_number_integer() || id.get<int64_t>() < 1 || !seen.insert(id.get<int64_t>()).second) {
      errors["process_ids"] = bad;
      return json();
    }
  }
  return v;
}

void check_rule(bool multi, size_t processes) {
  std::string problem = process_rule_problem(multi, processes);
  if (!problem.empty()) throw http::unprocessable(problem, {{"process_ids", problem}});
}
}  // namespace

std::string process_rule_problem(bool multi_process, size_t processes) {
  if (!multi_process && processes != 1)
    return "process_ids must name exactly one process unless multi_process is true (the visitor then chooses).";
  return "";
}

json check_input(const json& body, Mode mode) {
  std::map<std::string, std::string> errors;
  json rest = body;
  rest.erase("process_ids");
  json out = json::object();
  try {
    out = check_fields(rest, kFields, mode);
  } catch (const http::Error& e) {
    if (e.status != 422) throw;
    errors.insert(e.fields.begin(), e.fields.end());
  }
  if (out.contains("slug") && !valid_slug(out["slug"].get<std::string>()))
    errors["slug"] = "slug must be 1 to 63 of a-z, 0-9 and -, not starting with -.";
  if (body.contains("process_ids")) {
    json ids = check_process_ids(body["process_ids"], errors);
    if (!ids.is_null()) out["process_ids"] = std::move(ids);
  } else if (mode == Mode::create) {
    errors["process_ids"] = "process_ids is required.";
  }
  if (!errors.empty())
    throw http::unprocessable(errors.size() == 1 ? errors.begin()->second : "Some fields are not valid.", errors);
  return out;
}

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), {});
  pg::Result r = portals_db::list(call.db, call.who.org_id, q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, doc));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  json fields = check_input(http::read_json_object(call.req), Mode::create);
  check_rule(fields.value("multi_process", false), fields["process_ids"].size());
  int64_t id = 0;
  try {
    pg::Transaction tx(call.db);
    id = portals_db::create(call.db, call.who, fields);
    portals_db::set_processes(call.db, call.who.org_id, id, fields["process_ids"]);
    tx.commit();
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  return created(load(call, id), "/api/v1/portals/" + std::to_string(id));
}

http::Response update(Call& call, int64_t id) {
  json changes = check_input(http::read_json_object(call.req), Mode::patch);
  if (changes.empty()) return get(call, id);
  try {
    pg::Transaction tx(call.db);
    json now = load(call, id);  // the rule holds for the portal as it will be
    bool multi = changes.value("multi_process", now["multi_process"].get<bool>());
    check_rule(multi, changes.contains("process_ids") ? changes["process_ids"].size() : now["process_ids"].size());
    if (!portals_db::update(call.db, call.who, id, changes)) throw http::not_found(kNoPortal);
    if (changes.contains("process_ids")) portals_db::set_processes(call.db, call.who.org_id, id, changes["process_ids"]);
    tx.commit();
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  return get(call, id);
}

}  // namespace portico::api::portals
