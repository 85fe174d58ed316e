#pragma once
// Fills the complete handler's templates: a task's response page (by type) and the dead-link page.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/response.hpp"

namespace portico::complete {

struct TaskPage {
  std::string org_name;
  std::string action;  // the link's own path, /c/<token>
  std::string csrf;
  std::string type, title, instructions;
  nlohmann::json spec = nlohmann::json::object();
  std::vector<std::pair<std::string, std::string>> values;  // what the person sent (kept after errors)
  std::map<std::string, std::string> errors;                // input name -> message, shown next to it
};

http::Response render_task(const TaskPage& page, int status = 200);
// A link that does not work: 404 (not a link we made) or 410 (no longer active, saying why).
http::Response render_dead(const std::string& org_name, const std::string& heading, const std::string& message,
                           int status);

}  // namespace portico::complete
