#include "json_fields.hpp"

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "http/error.hpp"
#include "http/validate.hpp"

namespace portico::api {

namespace {
using nlohmann::json;

// Why a string is not acceptable as one line of min..max characters, or nullopt.
std::optional<std::string> line_problem(std::string_view s, size_t min, size_t max) {
  if (!http::valid_utf8(s)) return "must be valid UTF-8.";
  if (!http::no_controls(s, false)) return "must not contain control characters or line breaks.";
  size_t n = http::utf8_length(s);
  if (n < min || n > max) {
    if (min == 0) return "must be at most " + std::to_string(max) + " characters.";
    if (min == 1 && n == 0) return "must not be empty.";
    return "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters.";
  }
  return std::nullopt;
}

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (auto c : items) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

// Checks one present, non-null value. Returns the normalised value, or sets why.
json check_value(const JsonField& f, const json& v, std::string& why) {
  switch (f.type) {
    case FieldType::line:
    case FieldType::email: {
      if (!v.is_string()) { why = "must be a string."; return {}; }
      std::string s(http::trim(v.get_ref<const std::string&>()));
      if (auto p = line_problem(s, f.min, f.max)) { why = *p; return {}; }
      if (f.type == FieldType::email && !http::valid_email(s)) { why = "must be a valid e-mail address."; return {}; }
      return s;
    }
    case FieldType::choice: {
      if (v.is_string())
        for (auto c : f.choices)
          if (v.get_ref<const std::string&>() == c) return v;
      why = "must be one of: " + join(f.choices) + ".";
      return {};
    }
    case FieldType::id: {
      // Unsigned values past int64 and fractions (even 3.0) are not ids.
      if (v.is_number_unsigned() && v.get<uint64_t>() <= uint64_t(std::numeric_limits<int64_t>::max()) &&
          v.get<uint64_t>() >= 1)
        return v.get<int64_t>();
      if (v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() >= 1) return v.get<int64_t>();
      why = "must be a positive integer.";
      return {};
    }
    case FieldType::identifiers: {
      if (!v.is_object()) { why = "must be an object of strings."; return {}; }
      if (v.size() > f.max) { why = "must have at most " + std::to_string(f.max) + " entries."; return {}; }
      for (const auto& [key, value] : v.items()) {
        if (auto p = line_problem(key, 1, kMaxIdentifierKey)) { why = "key '" + key + "' " + *p; return {}; }
        if (!value.is_string()) { why = "value of '" + key + "' must be a string."; return {}; }
        if (auto p = line_problem(value.get_ref<const std::string&>(), 0, kMaxIdentifierValue)) {
          why = "value of '" + key + "' " + *p;
          return {};
        }
      }
      return v;
    }
    case FieldType::names: {
      if (!v.is_array()) { why = "must be an array of strings."; return {}; }
      if (v.size() > f.max) { why = "must have at most " + std::to_string(f.max) + " entries."; return {}; }
      std::set<std::string, std::less<>> seen;
      for (const auto& item : v) {
        if (!item.is_string()) { why = "entries must be strings."; return {}; }
        const auto& s = item.get_ref<const std::string&>();
        if (auto p = line_problem(s, 1, kMaxName)) { why = "entries " + *p; return {}; }
        if (!seen.insert(s).second) { why = "entries must be distinct ('" + s + "' is repeated)."; return {}; }
      }
      return v;
    }
    case FieldType::boolean:
      if (v.is_boolean()) return v;
      why = "must be true or false.";
      return {};
    case FieldType::text: {
      if (!v.is_string()) { why = "must be a string."; return {}; }
      const auto& s = v.get_ref<const std::string&>();
      if (!http::valid_utf8(s)) { why = "must be valid UTF-8."; return {}; }
      if (!http::no_controls(s, true)) {
        why = "must not contain control characters other than tabs and line breaks.";
        return {};
      }
      size_t n = http::utf8_length(s);
      if (n < f.min || n > f.max) {
        if (f.min == 1 && n == 0) why = "must not be empty.";
        else why = "must be " + std::to_string(f.min) + " to " + std::to_string(f.max) + " characters.";
        return {};
      }
      return v;
    }
    case FieldType::read_only:
      why = "is read-only.";
      return {};
  }
  return {};
}
}  // namespace

json check_fields(const json& body, std::span<const JsonField> spec, Mode mode) {
  std::map<std::string, std::string> errors;
  json out = json::object();
  for (const auto& [key, value] : body.items()) {
    const JsonField* f = nullptr;
    for (const auto& s : spec)
      if (s.name == key) f = &s;
    if (!f) { errors[key] = "is not a known field."; continue; }
    if (f->type == FieldType::read_only) { errors[key] = "is read-only."; continue; }
    if (value.is_null()) {
      if (f->nullable) out[key] = nullptr;
      else errors[key] = "must not be null.";
      continue;
    }
    std::string why;
    json v = check_value(*f, value, why);
    if (!why.empty()) errors[key] = why;
    else out[key] = std::move(v);
  }
  if (mode == Mode::create)
    for (const auto& s : spec)
      if (s.required && !body.contains(s.name)) errors[std::string(s.name)] = "is required.";
  if (!errors.empty()) {
    // Each message starts with the field's name, so it reads on its own.
    for (auto& [k, v] : errors) v = k + " " + v;
    throw http::unprocessable(errors.size() == 1 ? errors.begin()->second : "Some fields are not valid.", errors);
  }
  return out;
}

}  // namespace portico::api
