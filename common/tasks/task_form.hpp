#pragma once
// The response form of a task (templates/tasks/form.tpl), drawn the same way wherever a task is answered:
// on a one-time link's page, on the portal's task page, and inline in the tasks module's list.
#include <ctemplate/template.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace portico::tasks {

struct FormView {
  std::string action;  // where the form posts
  std::string csrf;
  std::string type;
  nlohmann::json spec = nlohmann::json::object();
  std::vector<std::pair<std::string, std::string>> values;  // what the person sent (kept after errors)
  std::map<std::string, std::string> errors;                // input name -> message, shown next to it
  std::string id_prefix;                                    // keeps element ids unique when a page has several forms
};

// Adds the TASK_FORM include to `parent`, filled for this task's type.
void add_task_form(ctemplate::TemplateDictionary& parent, const FormView& form);
// Plain text as paragraphs: one `section` dictionary with TEXT per block between blank lines.
void add_paragraphs(ctemplate::TemplateDictionary& d, const std::string& section, const std::string& text);
// Adds the INSTRUCTIONS include (templates/tasks/instructions.tpl) when there are instructions.
void add_instructions(ctemplate::TemplateDictionary& d, const std::string& instructions);

}  // namespace portico::tasks

namespace portico::tasks {

// A stored answer (task.response) as label/value lines for the person who gave it: the options and
// form fields by their labels, "Yes"/"No" for ticks; empty optional answers are left out.
std::vector<std::pair<std::string, std::string>> answer_lines(std::string_view type, const nlohmann::json& spec,
                                                               const nlohmann::json& response);

}  // namespace portico::tasks
