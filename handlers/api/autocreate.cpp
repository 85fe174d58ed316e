#include "autocreate.hpp"

#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_view.hpp"
#include "autocreate_db.hpp"
#include "http/json_input.hpp"
#include "json_fields.hpp"
#include "list_query.hpp"

namespace portico::api::autocreate {

namespace {
constexpr std::string_view kCandidate = "maintenance.candidate_portal";
constexpr std::string_view kClient = "maintenance.client_portal";

constexpr std::array<std::string_view, 2> kFormats{"email", "record_id"};
constexpr std::array<std::string_view, 1> kTemplates{"auto_create_portal_user"};
constexpr std::array<std::string_view, 2> kModes{"set_password_link", "generated_password"};
constexpr std::array<std::string_view, 2> kPortals{"candidate", "client"};

constexpr std::array<JsonField, 4> kFields{{
    {.name = "enabled", .type = FieldType::boolean},
    {.name = "username_format", .type = FieldType::choice, .choices = kFormats},
    {.name = "template", .type = FieldType::choice, .choices = kTemplates},
    {.name = "credential_mode", .type = FieldType::choice, .choices = kModes},
}};

nlohmann::json config_json(Call& call, const std::string& portal, const pg::Result& r) {
  nlohmann::json problems = nlohmann::json::array();
  pg::Result p = autocreate_db::problems(call.db, call.who.org_id, portal);
  for (int i = 0; i < p.rows(); ++i)
    problems.push_back({{"contact_id", p.i64(i, 0)}, {"reason", p.str(i, 1)}, {"detail", p.str(i, 2)},
                        {"queued_at", p.str(i, 3)}});
  return {{"portal", portal},
          {"enabled", r.boolean(0, 0)},
          {"username_format", r.str(0, 1)},
          {"template", r.str(0, 2)},
          {"credential_mode", r.str(0, 3)},
          {"updated_at", r.is_null(0, 4) ? nlohmann::json(nullptr) : nlohmann::json(r.str(0, 4))},
          {"problems", std::move(problems)}};
}

nlohmann::json run_json(const pg::Result& r, int i) {
  auto opt = [&](int c) { return r.is_null(i, c) ? nlohmann::json(nullptr) : nlohmann::json(r.str(i, c)); };
  return {{"id", r.i64(i, 0)},
          {"portal", r.str(i, 1)},
          {"runner", r.str(i, 2)},
          {"outcome", r.str(i, 3)},
          {"started_at", r.str(i, 4)},
          {"finished_at", opt(5)},
          {"duration_ms", r.is_null(i, 6) ? nlohmann::json(nullptr) : nlohmann::json(r.i64(i, 6))},
          {"created", r.i64(i, 7)},
          {"suspended", r.i64(i, 8)},
          {"skipped", r.i64(i, 9)},
          {"problems", nlohmann::json::parse(r.str(i, 10))}};
}
}  // namespace

std::string_view permission(const Caller& who, const Route& route) {
  if (route.resource == Resource::autocreate) return route.name == "client" ? kClient : kCandidate;
  return who.can(kClient) && !who.can(kCandidate) ? kClient : kCandidate;
}

http::Response get(Call& call, std::string_view portal) {
  std::string p(portal);
  return http::Response::json(config_json(call, p, autocreate_db::get(call.db, call.who.org_id, p)));
}

http::Response put(Call& call, std::string_view portal) {
  nlohmann::json fields = check_fields(http::read_json_object(call.req), kFields, Mode::patch);
  std::string p(portal);
  pg::Result r;
  try {
    r = autocreate_db::save(call.db, call.who, p, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, {});
  }
  return http::Response::json(config_json(call, p, r));
}

http::Response runs(Call& call) {
  static const std::array<QueryParam, 1> params{{{.name = "portal", .type = ParamType::choice, .choices = kPortals}}};
  ListQuery q = parse_list_query(call.req.query(), params);
  std::vector<std::string> portals;
  if (call.who.can(kCandidate)) portals.push_back("candidate");
  if (call.who.can(kClient)) portals.push_back("client");
  pg::Result r = autocreate_db::runs(call.db, call.who.org_id, portals, q.text("portal"), q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, run_json));
}

}  // namespace portico::api::autocreate
