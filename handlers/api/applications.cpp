#include "applications.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "api_view.hpp"
#include "applications_db.hpp"
#include "http/error.hpp"

namespace portico::api::applications {

namespace {
using nlohmann::json;

constexpr std::array<std::string_view, 2> kStates{"open", "completed"};

constexpr std::array<QueryParam, 5> kFilters{{
    {.name = "portal_id", .type = ParamType::id},
    {.name = "process_id", .type = ParamType::id},
    {.name = "contact_id", .type = ParamType::id},
    {.name = "tag", .type = ParamType::text, .max = 64},
    {.name = "state", .type = ParamType::choice, .choices = kStates},
}};

json doc(const pg::Result& r, int row) { return json::parse(r.view(row, 1)); }
}  // namespace

std::span<const QueryParam> filters() { return kFilters; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  applications_db::Filter f{.portal_id = q.id("portal_id"), .process_id = q.id("process_id"),
                            .contact_id = q.id("contact_id"), .tag = q.text("tag"), .state = q.text("state")};
  pg::Result r = applications_db::list(call.db, call.who.org_id, f, q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, doc));
}

http::Response get(Call& call, int64_t id) {
  pg::Result r = applications_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found("No application with that id.");
  json a = doc(r, 0);
  return http::Response::json(a);
}

}  // namespace portico::api::applications
