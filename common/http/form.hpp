#pragma once
// application/x-www-form-urlencoded and query strings, kcgi style: every accepted key is declared with a
// kind and a maximum length; handlers only see values that passed.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portico::http {

struct FormLimits {
  size_t max_pairs = 64;
  size_t max_key = 64;
  size_t max_value = 64 * 1024;
};

// Raw decoded pairs in order. Throws 400 on malformed encoding or when a limit is passed.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view body,
                                                                  const FormLimits& limits = {});
std::string url_decode(std::string_view s, bool plus_is_space);  // throws 400 on a bad % escape

class Request;
// The urlencoded body of a POST: 413 over max_body, 415 for another Content-Type; an empty body is an
// empty form, whatever its type.
std::vector<std::pair<std::string, std::string>> read_form(Request& req, size_t max_body, const FormLimits& limits);

enum class Kind {
  line,      // one line of text: no control characters
  text,      // multi-line text: tabs and newlines allowed
  email,     // an e-mail address (addr-spec, no display name)
  integer,   // a whole number
  password,  // any characters but control characters; never trimmed
  token,     // base64url / identifier characters only
  flag,      // checkbox: present means true
};

struct Field {
  std::string_view name;
  std::string_view label;  // used in messages: "<label> is required."
  Kind kind = Kind::line;
  size_t max = 200;        // in characters (UTF-8 code points)
  bool required = true;
};

// The outcome of checking a form against its declared fields. Expected failures are values, not throws.
struct Fields {
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, std::string, std::less<>> errors;  // field name -> message for the person
  bool ok() const { return errors.empty(); }
  const std::string& operator[](std::string_view name) const;
  bool has(std::string_view name) const { return values.contains(name); }
};

// Unknown keys are ignored; a declared key given twice is an error; values are trimmed except passwords.
Fields check(const std::vector<std::pair<std::string, std::string>>& pairs, std::span<const Field> spec);

}  // namespace portico::http
