#pragma once
// /api/v1/templates: the e-mail templates of each folder (SPEC §6), shipped defaults and the org's overrides.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "call.hpp"

namespace portico::api::templates {

// Every folder of mail::folders() from <template_dir>/mail/<folder>/{subject,text,html}.tpl, as
// shipped_parts gives them. Throws std::runtime_error naming a file that cannot be read.
ShippedTemplates load_shipped(const std::string& template_dir);

// A shipped template's files as staff see and send them back: the html without its first line
// {{%AUTOESCAPE context="HTML"}} (overrides are always expanded as HTML, and may not hold pragmas), the
// subject without its trailing line break.
mail::TemplateText shipped_parts(std::string subject, std::string text, std::string html);

// The body of PUT /templates/{folder}: {"subject", "text", "html"}, all required. Throws 422
// validation_failed: field problems as check_fields reports them, then the template's own problem
// (mail::template_problem: parse errors, unknown merge tags, {{PASSWORD}} outside
// auto_create_portal_user, ...) naming the part in the message and in fields.
mail::TemplateText check_input(std::string_view folder, const nlohmann::json& body);

http::Response list(Call& call);
http::Response get(Call& call, std::string_view folder);
http::Response put(Call& call, std::string_view folder);
http::Response remove(Call& call, std::string_view folder);

}  // namespace portico::api::templates
