// The portal's task routes (SPEC §4): Tasks, History, Approvals, the tasks module, and /tasks/{id}.
#include <nlohmann/json.hpp>

#include "http/error.hpp"
#include "http/form.hpp"
#include "http/validate.hpp"
#include "portal/portal.hpp"
#include "portal/tasks_view.hpp"
#include "tasks/signature.hpp"
#include "tasks/task_spec.hpp"

namespace portico::portal {

namespace {
using nlohmann::json;

constexpr size_t kMaxAnswerBody = 1024 * 1024;  // as nginx's client_max_body_size
constexpr size_t kMaxTakeBody = 4096;

// The {id} of /tasks/{id}[/rest]: a positive decimal number, or 404.
int64_t task_id(std::string_view digits) {
  auto id = digits.empty() || digits[0] < '1' || digits[0] > '9' ? std::nullopt : http::parse_int(digits);
  if (!id) throw http::not_found();
  return *id;
}

// Where a task's answer goes: files go to the upload handler, which completes the request with them.
std::string answer_action(const TaskRow& t) {
  return (t.type == "upload_request" ? "/upload?task=" : "/tasks/") + std::to_string(t.id);
}

json parse_spec(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

// The ?list= of the tasks module; "mine" when absent, 404 when unknown.
std::string module_list(std::string_view query) {
  auto pairs = http::parse_urlencoded(query, {.max_pairs = 8, .max_key = 16, .max_value = 32});
  std::string list = "mine";
  for (const auto& [k, v] : pairs)
    if (k == "list") list = v;
  if (list != "mine" && list != "new" && list != "opened" && list != "completed")
    throw http::not_found("There is no such task list.");
  return list;
}

void check_csrf(const auth::Context& ctx, const std::vector<std::pair<std::string, std::string>>& form) {
  std::string_view sent;
  for (const auto& [k, v] : form)
    if (k == "csrf") sent = v;
  auth::Sessions::require_csrf(ctx, sent);
}

// Why a take or a completion found nothing to change, from the task as it is now.
std::string conflict_message(const TaskState& s, int64_t me) {
  if (s.state == "completed")
    return "This task was already completed" + (s.completed_by_name.empty() ? "" : " by " + s.completed_by_name) +
           (s.completed_at.empty() ? "" : " on " + s.completed_at) + ".";
  if (s.state == "cancelled") return "This task was cancelled.";
  if (s.state == "in_progress" && s.taken_by != me)
    return (s.taken_by_name.empty() ? std::string("Someone else") : s.taken_by_name) +
           " has already taken this task in charge.";
  return "This task cannot be taken in charge now.";
}
}  // namespace

http::Response Portal::task_lists(const auth::Context& ctx, const http::Request& req) {
  std::string_view path = req.path();
  int64_t org = ctx.org.id, me = ctx.who.contact_id;
  ListPage page;
  if (path == "/") {
    page = {"tasks", "Tasks", "", {{"", "You have no open tasks.", tasks_.list(org, me, TaskList::open)}}};
  } else if (path == "/history") {
    page = {"history", "History", "", {{"", "You have no completed tasks yet.", tasks_.list(org, me, TaskList::history)}}};
  } else if (path == "/approvals") {
    page = {"approvals", "Approvals", "",
            {{"Waiting for a decision", "There is nothing to approve.", tasks_.list(org, me, TaskList::approvals)},
             {"Decided by you", "You have not decided anything yet.", tasks_.list(org, me, TaskList::decided)}}};
  } else if (path == "/tasks" && ctx.who.external_assignee) {
    std::string list = module_list(req.query());
    TaskList which = list == "new" ? TaskList::fresh : list == "opened" ? TaskList::opened
                   : list == "completed" ? TaskList::completed : TaskList::mine;
    const char* empty = list == "mine" ? "You have no tasks in charge." : list == "new" ? "There are no new tasks."
                      : list == "opened" ? "There are no open tasks." : "You have not completed any task yet.";
    page = {"module", "Tasks module", list, {{"", empty, tasks_.list(org, me, which)}}};
  } else {
    throw http::not_found();
  }
  if (!req.is_get()) throw http::method_not_allowed("GET, HEAD");
  return render_list(ctx, page);
}

http::Response Portal::task_route(const auth::Context& ctx, http::Request& req) {
  std::string_view rest = req.path().substr(std::string_view("/tasks/").size());
  bool take = rest.ends_with("/take");
  if (take) rest.remove_suffix(std::string_view("/take").size());
  int64_t id = task_id(rest);
  if (take) {
    if (!ctx.who.external_assignee) throw http::not_found();
    if (req.method() != "POST") throw http::method_not_allowed("POST");
    return take_task(ctx, req, id);
  }
  if (req.method() == "POST") return complete_task(ctx, req, id);
  return show_task(ctx, id);
}

http::Response Portal::show_task(const auth::Context& ctx, int64_t id) {
  auto t = tasks_.get(ctx.org.id, ctx.who.contact_id, id);
  if (!t) throw http::not_found();
  TaskPageView v{*t, std::nullopt, false, blocked_reason(*t, ctx.who.contact_id)};
  bool open = t->state == "new" || t->state == "in_progress";
  if (open && v.notice.empty()) {
    v.form = tasks::FormView{.action = answer_action(*t), .csrf = ctx.csrf, .type = t->type,
                             .spec = parse_spec(t->spec)};
    v.can_take = ctx.who.external_assignee && t->state == "new" && t->type != "approval";
  }
  return render_task(ctx, v);
}

http::Response Portal::complete_task(const auth::Context& ctx, http::Request& req, int64_t id) {
  auto form = http::read_form(req, kMaxAnswerBody, tasks::kAnswerLimits);
  check_csrf(ctx, form);
  int64_t org = ctx.org.id, me = ctx.who.contact_id;
  auto t = tasks_.get(org, me, id);
  if (!t) throw http::not_found();
  if (t->state != "new" && t->state != "in_progress") {
    return render_conflict(ctx, id, conflict_message(tasks_.state(org, me, id), me));
  }
  if (std::string why = blocked_reason(*t, me); !why.empty()) return render_conflict(ctx, id, why);

  json spec = parse_spec(t->spec);
  auto answer = tasks::check_answer(t->type, spec, form);
  if (!answer.ok()) {
    TaskPageView v{*t, tasks::FormView{.action = answer_action(*t), .csrf = ctx.csrf, .type = t->type,
                                       .spec = std::move(spec), .values = std::move(form),
                                       .errors = std::move(answer.errors)},
                   false, ""};
    return render_task(ctx, v, 422);
  }
  json response = answer.response;
  std::string_view ip = req.remote_addr();
  if (t->type == "signature") response.update(tasks::signature_evidence(spec, ip, req.user_agent()));

  pg::Transaction tx(db_);
  bool done = tasks_.complete(org, me, id, response.dump(-1, ' ', false, json::error_handler_t::replace), ip);
  tx.commit();
  if (!done) return render_conflict(ctx, id, conflict_message(tasks_.state(org, me, id), me));
  return http::Response::redirect("/tasks/" + std::to_string(id));
}

http::Response Portal::take_task(const auth::Context& ctx, http::Request& req, int64_t id) {
  check_csrf(ctx, http::read_form(req, kMaxTakeBody, {.max_pairs = 4, .max_key = 16, .max_value = 128}));
  int64_t org = ctx.org.id, me = ctx.who.contact_id;
  pg::Transaction tx(db_);
  bool taken = tasks_.take(org, me, id, req.remote_addr());
  tx.commit();
  if (!taken) {
    TaskState s = tasks_.state(org, me, id);
    if (!s.found) throw http::not_found();
    // Taking what one already holds changes nothing and is no error.
    if (!(s.state == "in_progress" && s.taken_by == me)) return render_conflict(ctx, id, conflict_message(s, me));
  }
  return http::Response::redirect("/tasks/" + std::to_string(id));
}

}  // namespace portico::portal
