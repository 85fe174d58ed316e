#include "tasks.hpp"

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <string>

#include <ctemplate/template.h>

#include "api_view.hpp"
#include "crypto/link_token.hpp"
#include "http/error.hpp"
#include "http/json_input.hpp"
#include "json_fields.hpp"
#include "mail/mime.hpp"
#include "tasks/task_spec.hpp"
#include "tasks_db.hpp"

namespace portico::api::tasks {

namespace {
using nlohmann::json;

// An upload request is a step of a public portal's process only: its answer is files, sent in the portal by
// someone with an account (a one-time link page takes no files).
constexpr std::array<std::string_view, 5> kTypes{"single_select", "form", "signature", "standard", "approval"};
constexpr std::array<std::string_view, 6> kListedTypes{"single_select", "form", "signature", "standard", "approval",
                                                       "upload_request"};
constexpr std::array<std::string_view, 4> kStates{"new", "in_progress", "completed", "cancelled"};

// Lengths as the CHECKs of sql/006_tasks.sql have them. spec is checked apart (tasks::spec_problem).
constexpr std::array<JsonField, 18> kCreateFields{{
    {.name = "type", .type = FieldType::choice, .required = true, .choices = kTypes},
    {.name = "title", .type = FieldType::line, .min = 1, .max = 200, .required = true},
    {.name = "instructions", .type = FieldType::text, .min = 0, .max = 20000},
    {.name = "contact_id", .type = FieldType::id},
    {.name = "group_id", .type = FieldType::id},
    {.name = "due_at", .type = FieldType::line, .min = 1, .max = 40, .nullable = true},
    {.name = "id", .type = FieldType::read_only},
    {.name = "state", .type = FieldType::read_only},
    {.name = "taken_by", .type = FieldType::read_only},
    {.name = "taken_at", .type = FieldType::read_only},
    {.name = "completed_by", .type = FieldType::read_only},
    {.name = "completed_at", .type = FieldType::read_only},
    {.name = "completed_via", .type = FieldType::read_only},
    {.name = "created_at", .type = FieldType::read_only},
    {.name = "updated_at", .type = FieldType::read_only},
    {.name = "response", .type = FieldType::read_only},
    {.name = "history", .type = FieldType::read_only},
    {.name = "links", .type = FieldType::read_only},
}};

constexpr std::array<QueryParam, 4> kFilters{{
    {.name = "state", .type = ParamType::choice, .choices = kStates},
    {.name = "type", .type = ParamType::choice, .choices = kListedTypes},
    {.name = "contact_id", .type = ParamType::id},
    {.name = "group_id", .type = ParamType::id},
}};

constexpr std::array<Refusal, 2> kRefusals{{
    {"task_org_id_assignee_contact_id_fkey", "contact_id", "is not a contact of this organisation."},
    {"task_org_id_assignee_group_id_fkey", "group_id", "is not a group of this organisation."},
}};

const char* kNoTask = "No task with that id.";

std::string location(int64_t id) { return "/api/v1/tasks/" + std::to_string(id); }

json load(Call& call, int64_t id) {
  pg::Result r = tasks_db::get(call.db, call.who.org_id, id);
  if (r.empty()) throw http::not_found(kNoTask);
  return task_json(r, 0, true);
}

bool open_state(std::string_view s) { return s == "new" || s == "in_progress"; }

http::Error not_open(std::string_view state, std::string_view what) {
  return http::conflict("This task is " + std::string(state) + ": only a new or in-progress task can be " +
                        std::string(what) + ".");
}

http::Error field_error(const std::string& field, const std::string& message) {
  std::string m = field + " " + message;
  return http::unprocessable(m, {{field, m}});
}

std::string without_slash(const std::string& base) {
  return !base.empty() && base.back() == '/' ? base.substr(0, base.size() - 1) : base;
}

struct Notified {
  int links = 0, portal = 0, none = 0;
};

// In the caller's transaction: tells one recipient about the task. A link recipient gets a new completion
// link (on a resend, after their live one is revoked) in a new_action e-mail; an account holder gets a
// task_notification. resend_event: the link_resent event of a resend (it makes the notification's
// idempotency key new).
void notify(Call& call, const tasks_db::Org& org, int64_t task, const std::string& title,
            const tasks_db::Recipient& r, std::optional<int64_t> resend_event, Notified& n) {
  std::string base = without_slash(org.base_url);
  std::string prefix = "task:" + std::to_string(task) + ":contact:" + std::to_string(r.contact_id);
  ctemplate::TemplateDictionary d("task");
  d.SetValue("CONTACT_NAME", r.name);
  d.SetValue("ORG_NAME", org.display_name);
  d.SetValue("PORTAL_LINK", base);
  d.SetValue("TASK_TITLE", title);
  json detail = json::object();
  if (resend_event) detail["resend_event"] = *resend_event;
  try {
    if (r.way == tasks_db::Way::link) {
      if (resend_event) detail["revoked_links"] = tasks_db::revoke_links(call.db, call.who.org_id, task, r.contact_id);
      crypto::IssuedLink issued = crypto::issue_link(*call.keys, crypto::LinkPurpose::complete);
      tasks_db::IssuedLink link = tasks_db::issue_link(call.db, call.who.org_id, task, r.contact_id, issued.secret_hash);
      d.SetValue("COMPLETE_LINK", base + "/c/" + issued.token);
      d.SetValue("EXPIRES", link.expires);
      auto id = call.outbox->queue("new_action", d,
                                   {.org_id = call.who.org_id,
                                    .idempotency_key = prefix + ":link:" + std::to_string(link.id),
                                    .contact_id = r.contact_id,
                                    .to = {r.name, r.email}});
      detail["channel"] = "link";
      detail["link_id"] = link.id;
      detail["outbox_id"] = id ? json(*id) : json(nullptr);
      ++n.links;
    } else if (r.way == tasks_db::Way::portal) {
      d.SetValue("TASK_LINK", base + "/tasks/" + std::to_string(task));
      std::string key = prefix + (resend_event ? ":event:" + std::to_string(*resend_event) : "");
      auto id = call.outbox->queue("task_notification", d,
                                   {.org_id = call.who.org_id,
                                    .idempotency_key = key,
                                    .contact_id = r.contact_id,
                                    .to = {r.name, r.email}});
      detail["channel"] = "portal";
      detail["outbox_id"] = id ? json(*id) : json(nullptr);
      ++n.portal;
    } else {
      detail["reason"] = "account suspended";
      tasks_db::event(call.db, call.who, task, "not_notified", r.contact_id, detail);
      ++n.none;
      return;
    }
  } catch (const mail::BadAddress&) {
    throw http::unprocessable("The e-mail address of contact " + std::to_string(r.contact_id) +
                              " cannot receive mail: correct it, then try again.");
  }
  tasks_db::event(call.db, call.who, task, "notified", r.contact_id, detail);
}

// Checks the assignee named by fields: this org's, an active contact or a group of either kind.
void check_assignee(Call& call, const json& fields) {
  if (fields.contains("contact_id")) {
    auto status = tasks_db::contact_status(call.db, call.who.org_id, fields["contact_id"].get<int64_t>());
    if (!status) throw field_error("contact_id", "is not a contact of this organisation.");
    if (*status != "active")
      throw field_error("contact_id", "is an inactive contact: make the contact active before assigning a task.");
    return;
  }
  auto kind = tasks_db::group_kind(call.db, call.who.org_id, fields["group_id"].get<int64_t>());
  if (!kind) throw field_error("group_id", "is not a group of this organisation.");
  if (*kind != "workgroup" && *kind != "target_group")
    throw field_error("group_id", "must be a workgroup or a target group.");
}
}  // namespace

bool valid_timestamp(std::string_view s) {
  static const std::regex re(
      "^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(:([0-9]{2})(\\.[0-9]{1,6})?)?(Z|[+-]([0-9]{2}):([0-9]{2}))$");
  std::string str(s);
  std::smatch m;
  if (!std::regex_match(str, m, re)) return false;
  int y = std::stoi(m[1]);
  unsigned mo = static_cast<unsigned>(std::stoi(m[2])), d = static_cast<unsigned>(std::stoi(m[3]));
  if (y < 1900 || y > 2200) return false;
  if (!std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)).ok()) return false;
  if (std::stoi(m[4]) > 23 || std::stoi(m[5]) > 59) return false;
  if (m[7].matched && std::stoi(m[7]) > 59) return false;
  if (m[10].matched && (std::stoi(m[10]) > 14 || std::stoi(m[11]) > 59)) return false;
  return true;
}

json check_create(const json& body) {
  std::map<std::string, std::string> errors;
  json rest = body;
  rest.erase("spec");
  json out = json::object();
  try {
    out = check_fields(rest, kCreateFields, Mode::create);
  } catch (const http::Error& e) {
    if (e.status != 422) throw;
    errors = e.fields;
  }
  json spec = body.contains("spec") ? body["spec"] : json::object();
  if (!spec.is_object()) {
    errors["spec"] = "spec must be an object.";
  } else if (out.contains("type")) {
    if (auto p = portico::tasks::spec_problem(out["type"].get<std::string>(), spec)) errors["spec"] = *p;
  }
  bool contact = body.contains("contact_id"), group = body.contains("group_id");
  if (contact == group && !errors.contains("contact_id") && !errors.contains("group_id"))
    errors[contact ? "group_id" : "contact_id"] =
        contact ? "group_id and contact_id: give exactly one of them, not both."
                : "contact_id or group_id is required: the task is assigned to one contact or to one group.";
  if (out.contains("due_at") && !out["due_at"].is_null() && !valid_timestamp(out["due_at"].get<std::string>()))
    errors["due_at"] = "due_at must be an ISO 8601 date and time with a UTC offset, e.g. 2026-12-01T17:00:00Z.";
  if (!errors.empty())
    throw http::unprocessable(errors.size() == 1 ? errors.begin()->second : "Some fields are not valid.", errors);
  out["spec"] = spec;
  if (out.contains("due_at") && out["due_at"].is_null()) out.erase("due_at");
  return out;
}

std::span<const QueryParam> filters() { return kFilters; }

http::Response list(Call& call) {
  ListQuery q = parse_list_query(call.req.query(), filters());
  tasks_db::Filter f{.state = q.text("state"),
                     .type = q.text("type"),
                     .contact_id = q.id("contact_id"),
                     .group_id = q.id("group_id")};
  pg::Result r = tasks_db::list(call.db, call.who.org_id, f, q.after, q.limit + 1);
  auto row_json = [](const pg::Result& res, int row) { return task_json(res, row); };
  return http::Response::json(page_json(r, q.limit, row_json));
}

http::Response get(Call& call, int64_t id) { return http::Response::json(load(call, id)); }

http::Response create(Call& call) {
  json fields = check_create(http::read_json_object(call.req));

  pg::Transaction tx(call.db);
  check_assignee(call, fields);
  pg::Result r;
  try {
    r = tasks_db::create(call.db, call.who, fields);
  } catch (const pg::Error& e) {
    throw_refusal(e, kRefusals);
  }
  int64_t id = r.i64(0, r.column("id"));
  tasks_db::Org org = tasks_db::org(call.db, call.who.org_id);
  Notified n;
  for (const auto& who : tasks_db::recipients(call.db, call.who.org_id, id))
    notify(call, org, id, fields["title"].get<std::string>(), who, std::nullopt, n);
  json out = load(call, id);
  tx.commit();
  return created(out, location(id));
}

http::Response cancel(Call& call, int64_t id) {
  check_fields(optional_json_object(call.req), {}, Mode::patch);  // no fields: anything sent is refused

  pg::Transaction tx(call.db);
  auto state = tasks_db::state(call.db, call.who.org_id, id);
  if (!state) throw http::not_found(kNoTask);
  if (!open_state(*state)) throw not_open(*state, "cancelled");
  // The task row is locked (tasks_db::state), so killing its links first cannot race a completion.
  int64_t killed = tasks_db::cancel_links(call.db, call.who.org_id, id);
  if (!tasks_db::cancel(call.db, call.who, id, {{"state", "cancelled"}, {"links_killed", killed}})) {
    auto now = tasks_db::state(call.db, call.who.org_id, id);
    throw not_open(now.value_or("gone"), "cancelled");
  }
  json out = load(call, id);
  tx.commit();
  return http::Response::json(out);
}

http::Response resend(Call& call, int64_t id) {
  check_fields(optional_json_object(call.req), {}, Mode::patch);

  pg::Transaction tx(call.db);
  auto state = tasks_db::state(call.db, call.who.org_id, id);
  if (!state) throw http::not_found(kNoTask);
  if (!open_state(*state)) throw not_open(*state, "sent again");
  pg::Result t = tasks_db::get(call.db, call.who.org_id, id);
  std::string title = t.str(0, t.column("title"));
  int64_t event = tasks_db::event(call.db, call.who, id, "link_resent", std::nullopt, json::object());
  tasks_db::Org org = tasks_db::org(call.db, call.who.org_id);
  Notified n;
  for (const auto& who : tasks_db::recipients(call.db, call.who.org_id, id)) notify(call, org, id, title, who, event, n);
  json detail = {{"event_id", event}, {"links", n.links}, {"notifications", n.portal}, {"not_notified", n.none}};
  if (!tasks_db::audit_resend(call.db, call.who, id, detail)) {
    auto now = tasks_db::state(call.db, call.who.org_id, id);
    throw not_open(now.value_or("gone"), "sent again");
  }
  json out = load(call, id);
  tx.commit();
  return http::Response::json(out);
}

}  // namespace portico::api::tasks
