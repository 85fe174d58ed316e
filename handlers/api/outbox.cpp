#include "outbox.hpp"

#include <array>
#include <string_view>
#include <vector>

#include "api_view.hpp"
#include "http/error.hpp"
#include "mail/mail_template.hpp"

namespace portico::api::outbox {

namespace {
constexpr std::array<std::string_view, 4> kStates{"pending", "sending", "sent", "dead"};

const char* kNoRow = "No outbox message with that id.";

nlohmann::json load(Call& call, int64_t id) {
  pg::Result r = outbox_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoRow);
  return outbox_json(r, 0, true);
}
}  // namespace

std::span<const QueryParam> filters() {
  static const std::vector<std::string_view> folder_names = [] {
    std::vector<std::string_view> v;
    for (const auto& f : mail::folders()) v.push_back(f.name);
    return v;
  }();
  static const std::array<QueryParam, 4> params{{
      {.name = "state", .type = ParamType::choice, .choices = kStates},
      {.name = "to", .type = ParamType::text, .max = 254},
      {.name = "contact_id", .type = ParamType::id},
      {.name = "folder", .type = ParamType::choice, .choices = folder_names},
  }};
  return params;
}

outbox_db::Filter filter_of(const ListQuery& q) {
  return {.state = q.text("state"), .to = q.text("to"), .folder = q.text("folder"), .contact_id = q.id("contact_id")};
}

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  pg::Result r = outbox_db::list(call.db, call.who.org_id, filter_of(q), q.after, q.limit + 1);
  auto row_json = [](const pg::Result& res, int row) { return outbox_json(res, row); };
  return http::Response::json(page_json(r, q.limit, row_json));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response retry(Call& call, int64_t id) {
  outbox_db::Retry r = outbox_db::retry(call.db, call.who, id);
  switch (r.outcome) {
    case outbox_db::Retried::not_found: throw http::not_found(kNoRow);
    case outbox_db::Retried::not_dead:
      throw http::conflict("This message is " + r.state + ": only a dead message can be retried.");
    case outbox_db::Retried::no_body:
      throw http::conflict("This message's body is no longer stored, so it cannot be sent again.");
    case outbox_db::Retried::done: break;
  }
  return http::Response::json(load(call, id));
}

}  // namespace portico::api::outbox
