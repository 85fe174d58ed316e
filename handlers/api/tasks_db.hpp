#pragma once
// SQL of tasks (/api/v1/tasks): assignment with its notifications, lists, one task with its response,
// history and links, cancel and resend. Task rows carry the columns api_view's task_json reads.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "caller.hpp"
#include "pg/connection.hpp"

namespace portico::api::tasks_db {

std::span<const pg::Statement> statements();

struct Filter {
  std::optional<std::string> state, type;
  std::optional<int64_t> contact_id, group_id;  // the assignee (contact_id: assigned to that contact itself)
};

pg::Result list(pg::Connection& db, int64_t org, const Filter& f, int64_t after, int limit);
// One task with its response, history and links columns; no row when the org has no such task.
pg::Result get(pg::Connection& db, int64_t org, int64_t id);

struct Org {
  std::string display_name, base_url;
};
Org org(pg::Connection& db, int64_t org);

// The status of a contact of the org ("active"|"inactive"), or nullopt when it has none with that id.
std::optional<std::string> contact_status(pg::Connection& db, int64_t org, int64_t contact);
// The kind of a group of the org, or nullopt.
std::optional<std::string> group_kind(pg::Connection& db, int64_t org, int64_t group);

// Inserts the task (state new) with its 'assigned' event and audit row; returns the task row.
// fields: the checked body (type, title, instructions?, spec?, contact_id|group_id, due_at?).
pg::Result create(pg::Connection& db, const Caller& who, const nlohmann::json& fields);

// How a recipient hears of a task: a one-time completion link (new_action e-mail), a link to the task
// in the portal (task_notification), or nothing (a suspended account).
enum class Way { link, portal, none };
struct Recipient {
  int64_t contact_id = 0;
  std::string name, email;
  Way way = Way::none;
};
// Everyone the task is for right now: the assignee contact, or each active member of the group.
std::vector<Recipient> recipients(pg::Connection& db, int64_t org, int64_t task);

struct IssuedLink {
  int64_t id = 0;
  std::string expires;  // for the e-mail, e.g. "1 December 2026 14:05 UTC"
};
// A completion link for (task, contact), expiring after the org's link_ttl. secret_hash: raw 32 bytes.
IssuedLink issue_link(pg::Connection& db, int64_t org, int64_t task, int64_t contact, const std::string& secret_hash);
// Kills the live links of one recipient (revoked) or of the whole task (cancelled); how many.
int64_t revoke_links(pg::Connection& db, int64_t org, int64_t task, int64_t contact);
int64_t cancel_links(pg::Connection& db, int64_t org, int64_t task);

// A task_event row; returns its id.
int64_t event(pg::Connection& db, const Caller& who, int64_t task, const std::string& kind,
              std::optional<int64_t> contact, const nlohmann::json& detail);

// The task's state, or nullopt when the org has no such task. Takes the task's staff lock first (until
// the transaction ends), so two cancels or resends of one task take turns.
std::optional<std::string> state(pg::Connection& db, int64_t org, int64_t task);

// Sets the task cancelled (only from new or in_progress) with an event and an audit row. False when the
// task was not open any more.
bool cancel(pg::Connection& db, const Caller& who, int64_t task, const nlohmann::json& detail);
// Audits a resend and touches updated_at (only while new or in_progress). False when not open any more.
bool audit_resend(pg::Connection& db, const Caller& who, int64_t task, const nlohmann::json& detail);

}  // namespace portico::api::tasks_db
