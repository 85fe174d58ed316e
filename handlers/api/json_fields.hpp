#pragma once
// Request bodies of the API, kcgi style: every accepted field is declared with a type, limits and whether
// create needs it; handlers only ever see the normalised fields this returns.
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

namespace portico::api {

enum class FieldType {
  line,         // one line of text: trimmed, no control characters, min..max characters
  email,        // an e-mail address (http::valid_email), trimmed
  choice,       // one of choices, exactly
  id,           // a positive integer (a JSON number without fraction)
  identifiers,  // an object of up to max string -> string entries (keys 1..64, values 0..200 characters)
  names,        // an array of up to max distinct strings of 1..64 characters
  boolean,      // true or false
  text,         // text of min..max characters that may span lines (\t, \n, \r allowed), kept as given
  read_only,    // shown in responses; sending it is an error
};

constexpr size_t kMaxIdentifierKey = 64;
constexpr size_t kMaxIdentifierValue = 200;
constexpr size_t kMaxName = 64;  // an entry of a names list

struct JsonField {
  std::string_view name;
  FieldType type = FieldType::line;
  size_t min = 1;          // characters (line, email, text)
  size_t max = 200;        // characters (line, email, text); entries (identifiers, names)
  bool required = false;   // create must give it
  bool nullable = false;   // null is a value: it clears the field
  std::span<const std::string_view> choices = {};
};

enum class Mode { create, patch };

// Checks body against spec. Returns an object holding exactly the fields given, with normalised values
// (this is both what gets stored and what the audit log records). Throws http::Error 422
// "validation_failed" with a message per field for every problem found: unknown or read-only fields,
// wrong types, lengths, bad text, and (on create) missing required fields.
nlohmann::json check_fields(const nlohmann::json& body, std::span<const JsonField> spec, Mode mode);

}  // namespace portico::api
