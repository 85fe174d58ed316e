#pragma once
// Task types and their answers (SPEC §2), shared by the API (creating tasks), the complete handler
// (one-time links) and the portal (logged-in completion). Pure logic: no database, no HTML.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/form.hpp"

namespace portico::tasks {

bool known_type(std::string_view type);
// Why staff may not create a task of this type with this spec, or nullopt when it is sound.
//   single_select {"options": [2..50 distinct non-empty strings of at most 200 characters]}
//   form {"fields": [1..50 of {"name": [a-z][a-z0-9_]{0,39} unique, "label": 1..200,
//         "type": text|textarea|number|date|email|select|checkbox, "required": bool?, "options": [..] for select}]}
//   signature {"document_title": 1..200, "document_text": 1..100000}
//   standard, approval: {} (no keys)
//   upload_request: {"what": 1..500}? — what to send; answered with files through the upload handler
std::optional<std::string> spec_problem(std::string_view type, const nlohmann::json& spec);

// The HTML form field that carries a form field's value: "f_" + name, so no answer can collide with
// the page's own fields (csrf).
std::string form_input_name(std::string_view field_name);

// The decoded form of an answer: up to 50 fields; a long text may be 10000 characters.
inline constexpr http::FormLimits kAnswerLimits{.max_pairs = 128, .max_key = 64, .max_value = 64 * 1024};

struct Answer {
  nlohmann::json response;                    // what is stored in task.response
  std::map<std::string, std::string> errors;  // input name -> message for the person
  bool ok() const { return errors.empty(); }
};

// Checks a submitted answer (decoded form pairs) against the task's type and spec.
//   single_select: "option" (one of the options)
//   form: one input per field (form_input_name), checked by the field's type
//   signature: "full_name" (1..200) and "consent" (must be present); the caller adds the evidence
//   standard: "resolution" (required, ≤ 10000), "effort_minutes" (optional 0..100000), "activity_note" (≤ 10000)
//   approval: "decision" (approve|reject), "comment" (≤ 2000; required to reject)
//   upload_request: never answered by a form (an error on "files"): the upload handler completes it
Answer check_answer(std::string_view type, const nlohmann::json& spec,
                    const std::vector<std::pair<std::string, std::string>>& form);

}  // namespace portico::tasks
