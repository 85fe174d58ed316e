#include "templates.hpp"

#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "http/error.hpp"
#include "http/json_input.hpp"
#include "json_fields.hpp"
#include "templates_db.hpp"

namespace portico::api::templates {

namespace {
constexpr std::string_view kHtmlPragma = "{{%AUTOESCAPE context=\"HTML\"}}";
// Overrides can be longer than other bodies (the CHECKs of sql/002_outbox.sql); nginx caps bodies at 1 MiB.
constexpr size_t kMaxBody = 1024 * 1024;

constexpr std::array<JsonField, 3> kFields{{
    {.name = "subject", .type = FieldType::line, .min = 1, .max = 300, .required = true},
    {.name = "text", .type = FieldType::text, .min = 1, .max = 100000, .required = true},
    {.name = "html", .type = FieldType::text, .min = 1, .max = 200000, .required = true},
}};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the e-mail template " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const mail::Folder& folder_or_404(std::string_view name) {
  const mail::Folder* f = mail::find_folder(name);
  if (!f) throw http::not_found("No e-mail template folder '" + std::string(name) + "'.");
  return *f;
}

nlohmann::json tags_json(const mail::Folder& f) {
  nlohmann::json tags = nlohmann::json::array();
  for (auto t : f.tags) tags.push_back(t);
  return tags;
}

// {"folder", "subject", "text", "html", "overridden", "updated_at", "tags"}: the org's override when r
// has its row, else the shipped default.
nlohmann::json effective_json(const Call& call, const mail::Folder& f, const pg::Result& r) {
  nlohmann::json out = {{"folder", f.name}};
  if (!r.empty()) {
    out["subject"] = r.str(0, r.column("subject"));
    out["text"] = r.str(0, r.column("body_text"));
    out["html"] = r.str(0, r.column("body_html"));
    out["overridden"] = true;
    out["updated_at"] = r.str(0, r.column("updated_at"));
  } else {
    auto it = call.shipped->find(f.name);
    if (it == call.shipped->end()) throw std::runtime_error("no shipped template for " + std::string(f.name));
    out["subject"] = it->second.subject;
    out["text"] = it->second.text;
    out["html"] = it->second.html;
    out["overridden"] = false;
    out["updated_at"] = nullptr;
  }
  out["tags"] = tags_json(f);
  return out;
}
}  // namespace

ShippedTemplates load_shipped(const std::string& template_dir) {
  ShippedTemplates out;
  for (const auto& f : mail::folders()) {
    std::string dir = template_dir + "/mail/" + std::string(f.name) + "/";
    out.emplace(std::string(f.name), shipped_parts(read_file(dir + "subject.tpl"), read_file(dir + "text.tpl"),
                                                   read_file(dir + "html.tpl")));
  }
  return out;
}

mail::TemplateText shipped_parts(std::string subject, std::string text, std::string html) {
  while (!subject.empty() && (subject.back() == '\n' || subject.back() == '\r')) subject.pop_back();
  if (html.starts_with(kHtmlPragma)) {
    html.erase(0, kHtmlPragma.size());
    if (html.starts_with("\r\n")) html.erase(0, 2);
    else if (html.starts_with("\n")) html.erase(0, 1);
  }
  return {std::move(subject), std::move(text), std::move(html)};
}

mail::TemplateText check_input(std::string_view folder, const nlohmann::json& body) {
  nlohmann::json fields = check_fields(body, kFields, Mode::create);
  mail::TemplateText t{fields["subject"].get<std::string>(), fields["text"].get<std::string>(),
                       fields["html"].get<std::string>()};
  if (auto problem = mail::template_problem(folder, t)) {
    // "<part>: <what is wrong>", part being subject, text or html.
    std::string part = problem->substr(0, problem->find(':'));
    std::map<std::string, std::string> per_field;
    if (part == "subject" || part == "text" || part == "html") per_field[part] = *problem;
    throw http::unprocessable("The template cannot be saved: " + *problem + ".", std::move(per_field));
  }
  return t;
}

http::Response list(Call& call) {
  pg::Result r = templates_db::list(call.db, call.who.org_id);
  std::map<std::string, std::string, std::less<>> saved;
  for (int i = 0; i < r.rows(); ++i) saved.emplace(r.str(i, 0), r.str(i, 1));
  nlohmann::json data = nlohmann::json::array();
  for (const auto& f : mail::folders()) {
    auto it = saved.find(f.name);
    data.push_back({{"folder", f.name},
                    {"tags", tags_json(f)},
                    {"overridden", it != saved.end()},
                    {"updated_at", it != saved.end() ? nlohmann::json(it->second) : nlohmann::json(nullptr)}});
  }
  return http::Response::json({{"data", std::move(data)}});
}

http::Response get(Call& call, std::string_view folder) {
  const mail::Folder& f = folder_or_404(folder);
  return http::Response::json(effective_json(call, f, templates_db::get(call.db, call.who.org_id, f.name)));
}

http::Response put(Call& call, std::string_view folder) {
  const mail::Folder& f = folder_or_404(folder);
  mail::TemplateText t = check_input(f.name, http::read_json_object(call.req, kMaxBody));
  pg::Result r;
  try {
    r = templates_db::save(call.db, call.who, f.name, t);
  } catch (const pg::Error& e) {
    throw_refusal(e, {});
  }
  return http::Response::json(effective_json(call, f, r));
}

http::Response remove(Call& call, std::string_view folder) {
  const mail::Folder& f = folder_or_404(folder);
  if (!templates_db::remove(call.db, call.who, f.name))
    throw http::not_found("The " + std::string(f.name) + " templates are not overridden: the shipped ones are in use.");
  return no_content();
}

}  // namespace portico::api::templates
