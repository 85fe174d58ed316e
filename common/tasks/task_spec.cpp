#include "tasks/task_spec.hpp"

#include <algorithm>
#include <charconv>
#include <regex>
#include <set>

#include "http/validate.hpp"

namespace portico::tasks {

namespace {
using nlohmann::json;

constexpr std::string_view kTypes[] = {"single_select", "form", "signature", "standard", "approval", "upload_request"};
constexpr std::string_view kFieldTypes[] = {"text", "textarea", "number", "date", "email", "select", "checkbox"};

bool is_text(const json& j, size_t min, size_t max, bool multi_line = false) {
  if (!j.is_string()) return false;
  const auto& s = j.get_ref<const std::string&>();
  if (!http::valid_utf8(s) || !http::no_controls(s, multi_line)) return false;
  size_t n = http::utf8_length(s);
  return n >= min && n <= max && !http::trim(s).empty();
}

std::optional<std::string> only_keys(const json& spec, std::initializer_list<std::string_view> keys) {
  for (auto it = spec.begin(); it != spec.end(); ++it)
    if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) return "spec: unknown key '" + it.key() + "'";
  return std::nullopt;
}

std::optional<std::string> options_problem(const json& opts, const std::string& where) {
  if (!opts.is_array() || opts.size() < 1 || opts.size() > 50)
    return where + ": options must be a list of 1 to 50 choices";
  std::set<std::string> seen;
  for (const auto& o : opts) {
    if (!is_text(o, 1, 200)) return where + ": each option must be text of 1 to 200 characters";
    if (!seen.insert(o.get<std::string>()).second) return where + ": option '" + o.get<std::string>() + "' is given twice";
  }
  return std::nullopt;
}

std::optional<std::string> field_problem(const json& f, std::set<std::string>& names, size_t index) {
  std::string where = "spec.fields[" + std::to_string(index) + "]";
  if (!f.is_object()) return where + ": must be an object";
  for (auto it = f.begin(); it != f.end(); ++it)
    if (it.key() != "name" && it.key() != "label" && it.key() != "type" && it.key() != "required" && it.key() != "options")
      return where + ": unknown key '" + it.key() + "'";
  static const std::regex name_re("^[a-z][a-z0-9_]{0,39}$");
  if (!f.contains("name") || !f["name"].is_string() || !std::regex_match(f["name"].get<std::string>(), name_re))
    return where + ".name: lower-case letters, digits and _ (starting with a letter), at most 40";
  if (!names.insert(f["name"].get<std::string>()).second) return where + ".name: '" + f["name"].get<std::string>() + "' is used twice";
  if (!f.contains("label") || !is_text(f["label"], 1, 200)) return where + ".label: text of 1 to 200 characters";
  if (!f.contains("type") || !f["type"].is_string() ||
      std::find(std::begin(kFieldTypes), std::end(kFieldTypes), f["type"].get<std::string>()) == std::end(kFieldTypes))
    return where + ".type: one of text, textarea, number, date, email, select, checkbox";
  if (f.contains("required") && !f["required"].is_boolean()) return where + ".required: true or false";
  bool select = f["type"] == "select";
  if (select != f.contains("options"))
    return where + (select ? ": a select field needs options" : ".options: only a select field has options");
  if (select) return options_problem(f["options"], where);
  return std::nullopt;
}

bool valid_date(std::string_view s) {
  static const std::regex re("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
  std::string str(s);
  std::smatch m;
  if (!std::regex_match(str, m, re)) return false;
  int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[mo - 1] + (mo == 2 && leap ? 1 : 0);
}

bool valid_number(std::string_view s) {
  static const std::regex re("^-?[0-9]{1,15}([.,][0-9]{1,6})?$");
  return std::regex_match(std::string(s), re);
}

// The single value of a form input; "twice" when the input was sent more than once.
const std::string* value_of(const std::vector<std::pair<std::string, std::string>>& form, std::string_view name,
                            bool& twice) {
  const std::string* found = nullptr;
  twice = false;
  for (const auto& [k, v] : form) {
    if (k != name) continue;
    if (found) twice = true;
    found = &v;
  }
  return found;
}

struct Reader {
  const std::vector<std::pair<std::string, std::string>>& form;
  Answer& out;
  // A trimmed value of at most max characters, or nullopt (with an error recorded when required or bad).
  std::optional<std::string> text(std::string_view input, std::string_view label, size_t max, bool required,
                                  bool multi_line = false) {
    bool twice = false;
    const std::string* raw = value_of(form, input, twice);
    std::string key(input), lab(label);
    if (twice) { out.errors[key] = lab + " was given more than once."; return std::nullopt; }
    std::string v = raw ? std::string(http::trim(*raw)) : "";
    if (v.empty()) {
      if (required) out.errors[key] = lab + " is required.";
      return std::nullopt;
    }
    if (!http::valid_utf8(v) || !http::no_controls(v, multi_line)) {
      out.errors[key] = lab + " contains characters that are not allowed.";
      return std::nullopt;
    }
    if (http::utf8_length(v) > max) {
      out.errors[key] = lab + " is too long (at most " + std::to_string(max) + " characters).";
      return std::nullopt;
    }
    return v;
  }
  bool flag(std::string_view input) {
    bool twice = false;
    return value_of(form, input, twice) != nullptr;
  }
};

void check_form(const json& spec, Reader& r, Answer& a) {
  json values = json::object();
  for (const auto& f : spec.value("fields", json::array())) {
    std::string name = f["name"], label = f["label"], type = f["type"];
    std::string input = form_input_name(name);
    bool required = f.value("required", false);
    if (type == "checkbox") {
      bool on = r.flag(input);
      if (required && !on) a.errors[input] = label + " must be ticked.";
      values[name] = on;
      continue;
    }
    auto v = r.text(input, label, type == "textarea" ? 10000 : 500, required, type == "textarea");
    if (!v) { values[name] = nullptr; continue; }
    bool ok = true;
    std::string why;
    if (type == "number") { ok = valid_number(*v); why = " must be a number."; }
    else if (type == "date") { ok = valid_date(*v); why = " must be a date written as YYYY-MM-DD."; }
    else if (type == "email") { ok = http::valid_email(*v); why = " is not a valid e-mail address."; }
    else if (type == "select") {
      const auto& opts = f["options"];
      ok = std::find(opts.begin(), opts.end(), *v) != opts.end();
      why = ": choose one of the options given.";
    }
    if (!ok) { a.errors[input] = label + why; continue; }
    values[name] = *v;
  }
  a.response = {{"values", values}};
}
}  // namespace

bool known_type(std::string_view type) {
  return std::find(std::begin(kTypes), std::end(kTypes), type) != std::end(kTypes);
}

std::string form_input_name(std::string_view field_name) { return "f_" + std::string(field_name); }

std::optional<std::string> spec_problem(std::string_view type, const json& spec) {
  if (!known_type(type)) return "type: one of single_select, form, signature, standard, approval, upload_request";
  if (!spec.is_object()) return std::string("spec: must be an object");
  if (type == "single_select") {
    if (auto p = only_keys(spec, {"options"})) return p;
    if (!spec.contains("options")) return std::string("spec.options: a single select task needs options");
    if (auto p = options_problem(spec["options"], "spec.options")) return p;
    if (spec["options"].size() < 2) return std::string("spec.options: give at least 2 choices");
    return std::nullopt;
  }
  if (type == "form") {
    if (auto p = only_keys(spec, {"fields"})) return p;
    const auto& fields = spec.contains("fields") ? spec["fields"] : json();
    if (!fields.is_array() || fields.empty() || fields.size() > 50) return std::string("spec.fields: a list of 1 to 50 fields");
    std::set<std::string> names;
    for (size_t i = 0; i < fields.size(); ++i)
      if (auto p = field_problem(fields[i], names, i)) return p;
    return std::nullopt;
  }
  if (type == "signature") {
    if (auto p = only_keys(spec, {"document_title", "document_text"})) return p;
    if (!spec.contains("document_title") || !is_text(spec["document_title"], 1, 200))
      return std::string("spec.document_title: text of 1 to 200 characters");
    if (!spec.contains("document_text") || !is_text(spec["document_text"], 1, 100000, true))
      return std::string("spec.document_text: the text to sign, 1 to 100000 characters");
    return std::nullopt;
  }
  if (type == "upload_request") {
    if (auto p = only_keys(spec, {"what"})) return p;
    if (spec.contains("what") && !is_text(spec["what"], 1, 500, true))
      return std::string("spec.what: what to send, 1 to 500 characters");
    return std::nullopt;
  }
  return only_keys(spec, {});  // standard and approval take no spec
}

Answer check_answer(std::string_view type, const json& spec,
                    const std::vector<std::pair<std::string, std::string>>& form) {
  Answer a;
  Reader r{form, a};
  if (type == "single_select") {
    auto v = r.text("option", "Your answer", 200, true);
    if (v) {
      const auto& opts = spec["options"];
      if (std::find(opts.begin(), opts.end(), *v) == opts.end()) a.errors["option"] = "Choose one of the options given.";
      else a.response = {{"option", *v}};
    } else if (!a.errors.contains("option")) {
      a.errors["option"] = "Choose one of the options.";
    }
  } else if (type == "form") {
    check_form(spec, r, a);
  } else if (type == "signature") {
    auto name = r.text("full_name", "Your full name", 200, true);
    bool consent = r.flag("consent");
    if (!consent) a.errors["consent"] = "Tick the box to confirm that you agree to sign.";
    if (name && consent) a.response = {{"full_name", *name}, {"consent", true}};
  } else if (type == "standard") {
    auto resolution = r.text("resolution", "Resolution", 10000, true, true);
    auto effort = r.text("effort_minutes", "Effort", 6, false);
    auto note = r.text("activity_note", "Activity note", 10000, false, true);
    std::optional<int64_t> minutes;
    if (effort) {
      minutes = http::parse_int(*effort);
      if (!minutes || *minutes < 0 || *minutes > 100000) a.errors["effort_minutes"] = "Effort is a number of minutes (0 to 100000).";
    }
    if (a.ok()) {
      a.response = {{"resolution", *resolution}, {"effort_minutes", minutes ? json(*minutes) : json()},
                    {"activity_note", note ? json(*note) : json()}};
    }
  } else if (type == "approval") {
    auto decision = r.text("decision", "Decision", 20, true);
    auto comment = r.text("comment", "Comment", 2000, false, true);
    if (decision && *decision != "approve" && *decision != "reject") a.errors["decision"] = "Choose approve or reject.";
    if (decision && *decision == "reject" && !comment && !a.errors.contains("comment"))
      a.errors["comment"] = "Say why you reject it.";
    if (a.ok()) a.response = {{"decision", *decision == "approve" ? "approved" : "rejected"}, {"comment", comment ? json(*comment) : json()}};
  } else if (type == "upload_request") {
    // Answered by sending files (the upload handler), never by a plain form.
    a.errors["files"] = "Choose at least one file to send.";
  } else {
    a.errors["type"] = "Unknown task type.";
  }
  if (!a.ok()) a.response = nullptr;
  return a;
}

}  // namespace portico::tasks
