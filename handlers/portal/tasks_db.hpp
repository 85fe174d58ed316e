#pragma once
// All SQL of the portal's task pages: the lists, one task, taking a task in charge and completing it.
// Every statement takes the org and the signed-in contact, and only ever sees tasks assigned to that
// contact or to one of their groups (or completed by them): another person's task is simply not found.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pg/connection.hpp"

namespace portico::portal {

enum class TaskList {
  open,       // Tasks tab: open tasks, approvals aside
  history,    // History tab: completed by me
  approvals,  // Approvals: open approval tasks
  decided,    // Approvals: approval tasks I completed (most recent first)
  mine,       // module: in progress, taken in charge by me
  fresh,      // module "new": not yet taken
  opened,     // module: every open task
  completed,  // module: completed by me, approvals aside
};

struct TaskRow {
  int64_t id = 0;
  std::string type, title, instructions, spec, state;  // spec: JSON text
  std::string assigned_to;                              // "" when assigned to me, else the group's name
  std::optional<int64_t> taken_by;
  std::string taken_by_name, taken_at;                  // display times: "24 Nov 2026 13:52 UTC"
  std::optional<int64_t> completed_by;
  std::string completed_by_name, completed_at, due_at, created_at;
  std::string response;                                 // JSON text, "" when none
  std::optional<int64_t> application_id;                // a step of an application (public portals)
};

// Why a take or a completion did not happen, read after the conditional UPDATE found nothing to change.
struct TaskState {
  bool found = false;  // false: not this person's task
  std::string state;
  std::optional<int64_t> taken_by;
  std::string taken_by_name, completed_by_name, completed_at;
};

class TasksDb {
 public:
  explicit TasksDb(pg::Connection& c) : c_(c) {}
  static std::span<const pg::Statement> statements();

  std::vector<TaskRow> list(int64_t org, int64_t me, TaskList which);
  // A task assigned to me or my groups, or completed by me; nullopt otherwise.
  std::optional<TaskRow> get(int64_t org, int64_t me, int64_t id);
  TaskState state(int64_t org, int64_t me, int64_t id);

  // In the caller's transaction. new → in_progress held by me, with the task event and the audit row.
  // False when the task was not new (or not mine to take).
  bool take(int64_t org, int64_t me, int64_t id, std::string_view ip);
  // In the caller's transaction: the one conditional UPDATE that completes an open task (new, or in
  // progress held by me), then kills every live link of the task and writes the event and audit rows.
  // The task row is locked before its links, the order every route takes. False when nothing changed.
  bool complete(int64_t org, int64_t me, int64_t id, const std::string& response_json, std::string_view ip);

 private:
  pg::Connection& c_;
};

}  // namespace portico::portal
