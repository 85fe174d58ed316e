#include "mail/mail_template.hpp"

#include <ctemplate/template_cache.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "tpl/templates.hpp"

namespace portico::mail {

namespace {
constexpr const char* kHtmlPragma = "{{%AUTOESCAPE context=\"HTML\"}}";

std::vector<std::string_view> common_tags(std::initializer_list<std::string_view> more) {
  std::vector<std::string_view> v{"CONTACT_NAME", "ORG_NAME", "PORTAL_LINK"};
  v.insert(v.end(), more);
  return v;
}

// Every {{...}} marker's inner text, in order.
std::vector<std::string_view> markers(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; (i = s.find("{{", i)) != std::string_view::npos;) {
    size_t e = s.find("}}", i + 2);
    if (e == std::string_view::npos) { out.push_back(s.substr(i + 2)); break; }
    out.push_back(s.substr(i + 2, e - i - 2));
    i = e + 2;
  }
  return out;
}

std::optional<std::string> part_problem(const Folder& f, std::string_view part, std::string_view body, bool html) {
  for (std::string_view m : markers(body)) {
    if (m.empty()) return std::string(part) + ": an empty {{}} tag";
    char first = m.front();
    if (first == '!') continue;  // a comment
    if (first == '%') return std::string(part) + ": pragmas are not allowed";
    if (first == '>') return std::string(part) + ": includes are not allowed";
    std::string_view name = (first == '#' || first == '/' || first == '^') ? m.substr(1) : m;
    if (name.find(':') != std::string_view::npos)
      return std::string(part) + ": modifiers such as {{" + std::string(m) + "}} are not allowed";
    if (name == "PASSWORD" && f.name != "auto_create_portal_user")
      return std::string(part) + ": {{PASSWORD}} may only be used in the auto_create_portal_user folder";
    if (std::find(f.tags.begin(), f.tags.end(), name) == f.tags.end())
      return std::string(part) + ": unknown merge tag {{" + std::string(name) + "}}";
  }
  std::string text = html ? kHtmlPragma + std::string(body) : std::string(body);
  std::unique_ptr<ctemplate::Template> t(ctemplate::Template::StringToTemplate(text, ctemplate::DO_NOT_STRIP));
  if (!t) return std::string(part) + ": the template does not parse (check that every {{#SECTION}} is closed)";
  return std::nullopt;
}

std::string expand_string(const std::string& key, const std::string& text, const ctemplate::TemplateDictionary& d) {
  // Registering an existing key fails harmlessly: the same version was registered before.
  ctemplate::StringToTemplateCache(key, text, ctemplate::DO_NOT_STRIP);
  std::string out;
  if (!ctemplate::ExpandTemplate(key, ctemplate::DO_NOT_STRIP, &d, &out))
    throw std::runtime_error("e-mail template " + key + " failed to expand");
  return out;
}

std::string one_line(std::string s) {
  std::replace_if(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}
}  // namespace

const std::vector<Folder>& folders() {
  static const std::vector<Folder> f{
      {"new_action", common_tags({"TASK_TITLE", "COMPLETE_LINK", "EXPIRES"})},
      {"task_notification", common_tags({"TASK_TITLE", "TASK_LINK"})},
      {"account_invite", common_tags({"USERNAME", "SET_PASSWORD_LINK", "EXPIRES"})},
      {"auto_create_portal_user", common_tags({"USERNAME", "SET_PASSWORD_LINK", "PASSWORD", "EXPIRES", "LOGIN_LINK",
                                               "SET_LINK_MODE", "PASSWORD_MODE"})},
      {"password_reset", common_tags({"USERNAME", "SET_PASSWORD_LINK", "EXPIRES"})},
      {"document_issued", common_tags({"DOCUMENT_TITLE", "DOCUMENT_KIND", "VIEW_LINK"})},
      {"get_in_touch", common_tags({"SENDER_NAME", "SENDER_EMAIL", "SUBJECT", "MESSAGE", "IDENTIFIER", "KEY", "VALUE"})},
  };
  return f;
}

const Folder* find_folder(std::string_view name) {
  for (const auto& f : folders())
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<std::string> template_problem(std::string_view folder, const TemplateText& t) {
  const Folder* f = find_folder(folder);
  if (!f) return "unknown template folder '" + std::string(folder) + "'";
  if (t.subject.empty()) return std::string("subject: must not be empty");
  if (t.subject.find_first_of("\r\n") != std::string::npos) return std::string("subject: must be one line");
  if (auto p = part_problem(*f, "subject", t.subject, false)) return p;
  if (auto p = part_problem(*f, "text", t.text, false)) return p;
  return part_problem(*f, "html", t.html, true);
}

Rendered render(std::string_view folder, const ctemplate::TemplateDictionary& values,
                const std::optional<Override>& o) {
  Rendered r;
  if (o) {
    std::string key = "mail-override/" + std::to_string(o->org_id) + "/" + std::string(folder) + "/" + o->version;
    r.subject = expand_string(key + "/subject", o->text.subject, values);
    r.text = expand_string(key + "/text", o->text.text, values);
    r.html = expand_string(key + "/html", kHtmlPragma + o->text.html, values);
  } else {
    std::string base = "mail/" + std::string(folder) + "/";
    r.subject = tpl::expand(base + "subject.tpl", values);
    r.text = tpl::expand(base + "text.tpl", values);
    r.html = tpl::expand(base + "html.tpl", values);
  }
  r.subject = one_line(r.subject);
  return r;
}

}  // namespace portico::mail
