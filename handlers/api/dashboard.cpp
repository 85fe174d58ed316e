#include "dashboard.hpp"

#include <array>

#include "api_view.hpp"
#include "dashboard_db.hpp"

namespace portico::api::dashboard {

namespace {
constexpr std::array<std::string_view, 5> kKinds{"candidate", "client_contact", "target", "end_user", "applicant"};
constexpr std::array<std::string_view, 2> kStatuses{"active", "inactive"};
constexpr std::array<std::string_view, 4> kWays{"full_account", "invited", "one_time", "none"};

constexpr std::array<QueryParam, 3> kFilters{{
    {.name = "kind", .type = ParamType::choice, .choices = kKinds},
    {.name = "status", .type = ParamType::choice, .choices = kStatuses},
    {.name = "way_in", .type = ParamType::choice, .choices = kWays},
}};

nlohmann::json row_json(const pg::Result& r, int row) { return dashboard_json(r, row); }
}  // namespace

std::span<const QueryParam> filters() { return kFilters; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  dashboard_db::Filter f{.kind = q.text("kind"), .status = q.text("status"), .way_in = q.text("way_in")};
  pg::Result r = dashboard_db::list(call.db, call.who.org_id, f, q.after, q.limit + 1);
  return http::Response::json(page_json(r, q.limit, row_json));
}

}  // namespace portico::api::dashboard
