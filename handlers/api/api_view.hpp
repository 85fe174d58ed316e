#pragma once
// Database rows as the API's JSON. Each function reads the columns its *_db statements select.
#include <functional>

#include <nlohmann/json.hpp>

#include "pg/result.hpp"

namespace portico::api {

nlohmann::json contact_json(const pg::Result& r, int row);
nlohmann::json client_json(const pg::Result& r, int row);
nlohmann::json group_json(const pg::Result& r, int row);
// The account with its "onboarding" object (accounts_db::get's columns).
nlohmann::json account_json(const pg::Result& r, int row);
// An outbox row; with_attempts adds "attempts_log" (outbox_db::get's extra column).
nlohmann::json outbox_json(const pg::Result& r, int row, bool with_attempts = false);
// A task (tasks_db's columns); with_detail adds "response", "history" and "links" (tasks_db::get's).
nlohmann::json task_json(const pg::Result& r, int row, bool with_detail = false);
// A dashboard row (dashboard_db::list's columns).
nlohmann::json dashboard_json(const pg::Result& r, int row);

// {"data": [...], "next_after": id|null} from a result fetched with limit + 1 rows: the extra row only
// tells that another page exists, and next_after is the id of the last row shown.
using RowJson = std::function<nlohmann::json(const pg::Result&, int)>;
nlohmann::json page_json(const pg::Result& r, int limit, const RowJson& row_json);

}  // namespace portico::api
