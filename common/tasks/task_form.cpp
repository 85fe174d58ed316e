#include "tasks/task_form.hpp"

#include "tasks/form.tpl.varnames.h"
#include "tasks/task_spec.hpp"

namespace portico::tasks {

namespace {
using nlohmann::json;
using Dict = ctemplate::TemplateDictionary;

struct Filler {
  const FormView& p;
  Dict& body;

  const std::string* value(const std::string& name) const {
    for (const auto& [k, v] : p.values)
      if (k == name) return &v;
    return nullptr;
  }

  std::string id(const std::string& name) const { return p.id_prefix + "in-" + name; }

  // One FIELD with its label, required marker, hint and error; kind is the section that draws the input.
  // Everything is set on the kind's dictionary, so each input kind's markup is whole in the template.
  Dict* field(const ctemplate::TemplateString& kind, const std::string& name, const std::string& label, bool required,
              const std::string& hint = "") {
    Dict* f = body.AddSectionDictionary(kf_FIELD);
    Dict* k = f->AddSectionDictionary(kind);
    k->SetValue(kf_NAME, name);
    k->SetValue(kf_ID, id(name));
    k->SetValue(kf_LABEL, label);
    std::string described;
    if (!hint.empty()) {
      k->SetValueAndShowSection(kf_HINT_TEXT, hint, kf_HINT);
      described = id(name) + "-hint";
    }
    if (required) k->ShowSection(kf_REQUIRED);
    if (auto it = p.errors.find(name); it != p.errors.end()) {
      f->ShowSection(kf_HAS_ERROR);
      k->SetValueAndShowSection(kf_ERROR_TEXT, it->second, kf_ERROR);
      k->ShowSection(kf_INVALID);
      described += (described.empty() ? "" : " ") + (id(name) + "-error");
    }
    if (!described.empty()) k->SetValueAndShowSection(kf_DESCRIBED_BY, described, kf_DESCRIBED);
    return k;
  }

  void input(const std::string& name, const std::string& label, const std::string& type, bool required, int maxlength,
             const std::string& hint = "") {
    Dict* k = field(kf_INPUT, name, label, required, hint);
    k->SetValue(kf_TYPE, type);
    if (type == "number") k->ShowSection(name == "effort_minutes" ? kf_MINUTES : kf_NUMBER);
    else if (maxlength > 0 && type != "date")
      k->SetValueAndShowSection(kf_MAXLENGTH, std::to_string(maxlength), kf_HAS_MAXLENGTH);
    if (const std::string* v = value(name)) k->SetValue(kf_VALUE, *v);
  }

  void textarea(const std::string& name, const std::string& label, bool required, int maxlength,
                const std::string& hint = "") {
    Dict* k = field(kf_TEXTAREA, name, label, required, hint);
    k->SetValue(kf_MAXLENGTH, std::to_string(maxlength));
    if (const std::string* v = value(name)) k->SetValue(kf_VALUE, *v);
  }

  void checkbox(const std::string& name, const std::string& label, bool required) {
    Dict* k = field(kf_CHECKBOX, name, label, required);
    if (value(name)) k->ShowSection(kf_CHECKED);
  }

  void choices(const ctemplate::TemplateString& kind, const std::string& name, const std::string& label, bool required,
               const std::vector<std::pair<std::string, std::string>>& options) {
    Dict* k = field(kind, name, label, required);
    const std::string* chosen = value(name);
    int i = 0;
    for (const auto& [val, text] : options) {
      Dict* o = k->AddSectionDictionary(kf_OPTION);
      o->SetValue(kf_NAME, name);
      o->SetValue(kf_OPTION_ID, id(name) + "-" + std::to_string(i++));
      o->SetValue(kf_OPTION_VALUE, val);
      o->SetValue(kf_OPTION_LABEL, text);
      if (chosen && *chosen == val) o->ShowSection(kf_CHOSEN);
      if (required) o->ShowSection(kf_REQUIRED);
      if (p.errors.contains(name)) {
        o->ShowSection(kf_INVALID);
        o->SetValueAndShowSection(kf_DESCRIBED_BY, id(name) + "-error", kf_DESCRIBED);
      }
    }
  }
};

std::vector<std::pair<std::string, std::string>> options_of(const json& list) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!list.is_array()) return out;
  for (const auto& o : list)
    if (o.is_string()) out.emplace_back(o.get<std::string>(), o.get<std::string>());
  return out;
}

std::string str_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string submit_label(const std::string& type) {
  if (type == "signature") return "Sign";
  if (type == "upload_request") return "Send the files";
  if (type == "approval") return "Send my decision";
  if (type == "standard") return "Complete the task";
  return "Send my answer";
}
}  // namespace

void add_paragraphs(Dict& d, const std::string& section, const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find("\n\n", i);
    if (j == std::string::npos) j = text.size();
    std::string para = text.substr(i, j - i);
    if (para.find_first_not_of(" \t\r\n") != std::string::npos) d.AddSectionDictionary(section)->SetValue("TEXT", para);
    i = j + 2;
  }
}

void add_instructions(Dict& d, const std::string& instructions) {
  if (instructions.empty()) return;
  Dict* ins = d.AddIncludeDictionary("INSTRUCTIONS");
  ins->SetFilename("tasks/instructions.tpl");
  add_paragraphs(*ins, "PARA", instructions);
}

void add_task_form(Dict& parent, const FormView& p) {
  Dict& b = *parent.AddIncludeDictionary("TASK_FORM");
  b.SetFilename("tasks/form.tpl");
  b.SetValue(kf_ACTION, p.action);
  if (p.type == "upload_request") b.ShowSection(kf_MULTIPART);
  b.SetValue(kf_CSRF, p.csrf);
  b.SetValue(kf_SUBMIT, submit_label(p.type));
  if (!p.errors.empty()) b.ShowSection(kf_HAS_ERRORS);
  Filler f{p, b};

  if (p.type == "single_select") {
    f.choices(kf_RADIOS, "option", "Your answer", true, options_of(p.spec.value("options", json::array())));
  } else if (p.type == "form") {
    for (const auto& fld : p.spec.value("fields", json::array())) {
      if (!fld.is_object()) continue;
      std::string name = str_of(fld, "name"), label = str_of(fld, "label"), type = str_of(fld, "type");
      if (name.empty()) continue;
      std::string input = form_input_name(name);
      bool required = fld.value("required", false);
      if (type == "textarea") f.textarea(input, label, required, 10000);
      else if (type == "select") {
        auto opts = options_of(fld.value("options", json::array()));
        opts.insert(opts.begin(), {"", "Choose…"});
        f.choices(kf_SELECT, input, label, required, opts);
      } else if (type == "checkbox") f.checkbox(input, label, required);
      else if (type == "number" || type == "date" || type == "email") f.input(input, label, type, required, 500);
      else f.input(input, label, "text", required, 500);
    }
  } else if (p.type == "signature") {
    Dict* doc = b.AddSectionDictionary(kf_DOCUMENT);
    doc->SetValue(kf_DOC_TITLE, str_of(p.spec, "document_title"));
    doc->SetValue(kf_DOC_ID, p.id_prefix + "document-title");
    add_paragraphs(*doc, "PARA", str_of(p.spec, "document_text"));
    f.input("full_name", "Your full name", "text", true, 200, "Type your name as your signature.");
    f.checkbox("consent", "I have read this document and I agree to sign it", true);
  } else if (p.type == "standard") {
    f.textarea("resolution", "Resolution", true, 10000, "What was done.");
    f.input("effort_minutes", "Effort in minutes", "number", false, 6, "Optional.");
    f.textarea("activity_note", "Activity note", false, 10000);
  } else if (p.type == "approval") {
    f.choices(kf_RADIOS, "decision", "Your decision", true, {{"approve", "Approve"}, {"reject", "Reject"}});
    f.textarea("comment", "Comment", false, 2000, "Required if you reject.");
  } else if (p.type == "upload_request") {
    f.field(kf_FILES, "files", "Files to send", true, str_of(p.spec, "what"));
    f.textarea("note", "A note for us", false, 2000, "Optional.");
  }
}

}  // namespace portico::tasks

namespace portico::tasks {

namespace {
std::string shown(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
  if (v.is_null()) return "";
  return v.dump();
}
}  // namespace

std::vector<std::pair<std::string, std::string>> answer_lines(std::string_view type, const nlohmann::json& spec,
                                                               const nlohmann::json& response) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!response.is_object()) return out;
  auto add = [&](const std::string& label, const char* key) {
    auto it = response.find(key);
    if (it == response.end()) return;
    std::string v = shown(*it);
    if (!v.empty()) out.emplace_back(label, std::move(v));
  };
  if (type == "single_select") {
    add("Your answer", "option");
  } else if (type == "form") {
    const auto values = response.value("values", nlohmann::json::object());
    for (const auto& fld : spec.value("fields", nlohmann::json::array())) {
      if (!fld.is_object()) continue;
      std::string name = fld.value("name", ""), label = fld.value("label", name);
      auto it = values.find(name);
      if (it == values.end()) continue;
      std::string v = shown(*it);
      if (!v.empty()) out.emplace_back(label, std::move(v));
    }
  } else if (type == "signature") {
    add("Signed as", "full_name");
    add("Document", "document_title");
    add("Document fingerprint (SHA-256)", "document_sha256");
  } else if (type == "standard") {
    add("Resolution", "resolution");
    add("Effort in minutes", "effort_minutes");
    add("Activity note", "activity_note");
  } else if (type == "upload_request") {
    auto docs = response.find("documents");
    if (docs != response.end() && docs->is_array()) out.emplace_back("Files sent", std::to_string(docs->size()));
    add("Note", "note");
  } else if (type == "approval") {
    std::string d = response.value("decision", "");
    if (!d.empty()) out.emplace_back("Decision", d == "approved" ? "Approved" : "Rejected");
    add("Comment", "comment");
  }
  return out;
}

}  // namespace portico::tasks
