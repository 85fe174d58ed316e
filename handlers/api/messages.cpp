#include "messages.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "api_view.hpp"
#include "http/error.hpp"
#include "list_query.hpp"
#include "messages_db.hpp"

namespace portico::api::messages {

namespace {
constexpr std::array<QueryParam, 1> kFilters{{{.name = "contact_id", .type = ParamType::id}}};
}

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), kFilters);
  pg::Result r = messages_db::list(call.db, call.who.org_id, q.id("contact_id"), q.after, q.limit + 1);
  auto row_json = [](const pg::Result& res, int row) { return nlohmann::json::parse(res.view(row, 1)); };
  return http::Response::json(page_json(r, q.limit, row_json));
}

http::Response get(Call& call, int64_t id) {
  pg::Result r = messages_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found("No message with that id.");
  return http::Response::json(nlohmann::json::parse(r.view(0, 1)));
}

}  // namespace portico::api::messages
