#pragma once
// Who may see and act on a task, as SQL: one definition for every handler that finds tasks for a person.
//
// PORTICO_TASK_VISIBLE: row t of task is assigned to contact $2 or to one of $2's groups, in org $1. The
// groups as an array (computed once) let each side of the OR use its index; `IN (subquery)` made the planner
// scan every open task of the org (docs/performance.md: 235 ms -> 0.3 ms with a million tasks).
#define PORTICO_TASK_VISIBLE                                                                           \
  "(t.assignee_contact_id = $2 OR t.assignee_group_id = ANY (ARRAY("                                   \
  "  SELECT m.group_id FROM group_member m WHERE m.org_id = $1 AND m.contact_id = $2)))"
