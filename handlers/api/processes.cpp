#include "processes.hpp"

#include <array>
#include <map>

#include "api_view.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"
#include "list_query.hpp"
#include "processes_db.hpp"
#include "tasks/task_spec.hpp"

namespace portico::api::processes {

namespace {
using nlohmann::json;

constexpr std::array<std::string_view, 6> kTypes{"single_select", "form", "signature", "standard", "approval",
                                                "upload_request"};

constexpr std::array<JsonField, 5> kFields{{
    {.name = "name", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "description", .type = FieldType::text, .min = 0, .max = 20000},
    {.name = "id", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
}};

// A step as the task table's CHECKs have it; spec is checked apart (tasks::spec_problem).
constexpr std::array<JsonField, 3> kStepFields{{
    {.name = "type", .type = FieldType::choice, .required = true, .choices = kTypes},
    {.name = "title", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "instructions", .type = FieldType::text, .min = 0, .max = 20000},
}};

constexpr std::array<Refusal, 1> kRefusals{{
    {"process_org_id_name_key", "name", "is already used by another process."},
}};

const char* kNoProcess = "No process with that id.";

json doc(const pg::Result& r, int row) { return json::parse(r.view(row, 1)); }

// The steps, normalised (spec {} when not given); problems go into errors.
json check_steps(const json& steps, std::map<std::string, std::string>& errors) {
  if (!steps.is_array() || steps.empty() || steps.size() > kMaxSteps) {
    errors["steps"] = "steps must be a list of 1 to " + std::to_string(kMaxSteps) + " steps.";
    return json();
  }
  json out = json::array();
  for (size_t i = 0; i < steps.size(); ++i) {
    std::string at = "steps[" + std::to_string(i) + "]";
    if (!steps[i].is_object()) {
      errors[at] = at + " must be an object.";
      continue;
    }
    json rest = steps[i];
    rest.erase("spec");
    json step;
    try {
      step = check_fields(rest, kStepFields, Mode::create);
    } catch (const http::Error& e) {
      if (e.status != 422) throw;
      for (const auto& [field, message] : e.fields) errors[at + "." + field] = at + "." + message;
      continue;
    }
    json spec = steps[i].contains("spec") ? steps[i]["spec"] : json::object();
    if (!spec.is_object()) {
      errors[at + ".spec"] = at + ".spec must be an object.";
    } else if (auto p = portico::tasks::spec_problem(step["type"].get<std::string>(), spec)) {
      errors[at + ".spec"] = at + ".spec: " + *p;
    }
    step["spec"] = spec;
    out.push_back(std::move(step));
  }
  return out;
}

json load(Call& call, int64_t id) {
  pg::Result r = processes_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoProcess);
  return doc(r, 0);
}
}  // namespace

json check_input(const json& body, Mode mode) {
  std::map<std::string, std::string> errors;
  json rest = body;
  rest.erase("steps");
  json out = json::object();
  try {
    out = check_fields(rest, kFields, mode);
  } catch (const http::Error& e) {
    if (e.status != 422) throw;
    errors.insert(e.fields.begin(), e.fields.end());
  }
  if (body.contains("steps")) {
    json steps = check_steps(body["steps"], errors);
    if (!steps.is_null()) out["steps"] = std::move(steps);
  } else if (mode == Mode::create) {
    errors["steps"] = "steps is required.";
  }
  if (!errors.empty())
    throw http::unprocessable(errors.size() == 1 ? errors.begin()->second : "Some fields are not valid.", errors);
  return out;
}

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), {});
  pg::Result r = processes_db::list(call.db, call.who.org_id, q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, doc));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  json fields = check_input(http::read_json_object(call.req), Mode::create);
  pg::Result r;
  try {
    r = processes_db::create(call.db, call.who, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  json p = doc(r, 0);
  return created(p, "/api/v1/processes/" + std::to_string(p["id"].get<int64_t>()));
}

http::Response update(Call& call, int64_t id) {
  json changes = check_input(http::read_json_object(call.req), Mode::patch);
  if (changes.empty()) return get(call, id);
  pg::Result r;
  try {
    r = processes_db::update(call.db, call.who, id, changes);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  if (r.empty()) throw http::not_found(kNoProcess);
  return http::Response::json(doc(r, 0));
}

}  // namespace portico::api::processes
