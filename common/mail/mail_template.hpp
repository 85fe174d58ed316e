#pragma once
// E-mail templates: a folder per kind of message (SPEC §6), each with subject.tpl, text.tpl and
// html.tpl. Shipped defaults live in templates/mail/<folder>/; an org may override each folder.
#include <ctemplate/template.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::mail {

struct Folder {
  std::string_view name;
  std::vector<std::string_view> tags;  // the merge tags (and sections) a template in it may use
};

const std::vector<Folder>& folders();
const Folder* find_folder(std::string_view name);

struct TemplateText {
  std::string subject, text, html;
};

// Why staff may not save this override, naming the part and the problem; nullopt when it is acceptable.
// Refused: unknown folder, syntax ctemplate cannot parse, unknown merge tags, {{PASSWORD}} outside
// auto_create_portal_user, includes, pragmas and modifiers (which could switch escaping off).
std::optional<std::string> template_problem(std::string_view folder, const TemplateText& t);

struct Rendered {
  std::string subject, text, html;
};

// An org's saved override; version changes whenever it is edited (so caches never serve a stale copy).
struct Override {
  int64_t org_id = 0;
  std::string version;
  TemplateText text;
};

// Renders a folder with the given values (plain strings; HTML escaping is applied in the HTML part).
Rendered render(std::string_view folder, const ctemplate::TemplateDictionary& values,
                const std::optional<Override>& override);

}  // namespace portico::mail
