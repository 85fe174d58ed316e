#include "http/form.hpp"

#include "http/error.hpp"
#include "http/request.hpp"
#include "http/validate.hpp"

namespace portico::http {

namespace {
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) out += ' ';
    else if (c == '%') {
      if (i + 2 >= s.size()) throw bad_request("The form data is not correctly encoded.");
      int h = hex(s[i + 1]), l = hex(s[i + 2]);
      if (h < 0 || l < 0) throw bad_request("The form data is not correctly encoded.");
      out += static_cast<char>(h * 16 + l);
      i += 2;
    } else out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view body, const FormLimits& lim) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i <= body.size()) {
    size_t amp = body.find('&', i);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(i, amp - i);
    i = amp + 1;
    if (pair.empty()) { if (amp == body.size()) break; continue; }
    if (out.size() >= lim.max_pairs) throw bad_request("The form has too many fields.");
    size_t eq = pair.find('=');
    std::string_view k = pair.substr(0, eq), v = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    if (k.size() > lim.max_key * 3) throw bad_request("A form field name is too long.");
    if (v.size() > lim.max_value * 3) throw bad_request("A form field is too long.");
    std::string key = url_decode(k, true), value = url_decode(v, true);
    if (key.size() > lim.max_key) throw bad_request("A form field name is too long.");
    if (value.size() > lim.max_value) throw bad_request("A form field is too long.");
    out.emplace_back(std::move(key), std::move(value));
    if (amp == body.size()) break;
  }
  return out;
}

const std::string& Fields::operator[](std::string_view name) const {
  static const std::string empty;
  auto it = values.find(name);
  return it == values.end() ? empty : it->second;
}

Fields check(const std::vector<std::pair<std::string, std::string>>& pairs, std::span<const Field> spec) {
  Fields f;
  for (const Field& field : spec) {
    const std::string* raw = nullptr;
    bool twice = false;
    for (const auto& [k, v] : pairs) {
      if (k != field.name) continue;
      if (raw) twice = true;
      raw = &v;
    }
    std::string name(field.name), label(field.label);
    if (twice) { f.errors[name] = label + " was given more than once."; continue; }
    if (field.kind == Kind::flag) { if (raw) f.values[name] = "1"; continue; }
    std::string value = raw ? (field.kind == Kind::password ? *raw : std::string(trim(*raw))) : "";
    if (value.empty()) {
      if (field.required) f.errors[name] = label + " is required.";
      continue;
    }
    if (!valid_utf8(value)) { f.errors[name] = label + " contains characters that are not valid text."; continue; }
    if (utf8_length(value) > field.max) {
      f.errors[name] = label + " is too long (at most " + std::to_string(field.max) + " characters).";
      continue;
    }
    bool ok = true;
    switch (field.kind) {
      case Kind::line: case Kind::password: ok = no_controls(value, false); break;
      case Kind::text: ok = no_controls(value, true); break;
      case Kind::email: ok = valid_email(value); break;
      case Kind::integer: ok = parse_int(value).has_value(); break;
      case Kind::token:
        for (char c : value)
          ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
        break;
      case Kind::flag: break;
    }
    if (!ok) {
      f.errors[name] = field.kind == Kind::email ? label + " is not a valid e-mail address."
                       : field.kind == Kind::integer ? label + " must be a whole number."
                                                     : label + " contains characters that are not allowed.";
      continue;
    }
    f.values[name] = std::move(value);
  }
  return f;
}

std::vector<std::pair<std::string, std::string>> read_form(Request& req, size_t max_body, const FormLimits& limits) {
  if (req.content_length(max_body) == 0) return {};
  std::string_view ct = req.content_type();
  if (ct.substr(0, ct.find(';')) != "application/x-www-form-urlencoded")
    throw unsupported_media_type("Send this form as application/x-www-form-urlencoded.");
  return parse_urlencoded(req.body(max_body), limits);
}

}  // namespace portico::http
