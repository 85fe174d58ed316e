#pragma once
// Query strings of list endpoints, kcgi style: every accepted parameter is declared with a type and a
// maximum length; an unknown, repeated or malformed parameter is a 400 naming it.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace portico::api {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;

enum class ParamType {
  text,    // one line of text (UTF-8, no control characters), 1..max characters
  id,      // a positive whole number
  choice,  // one of choices
};

struct QueryParam {
  std::string_view name;
  ParamType type = ParamType::text;
  size_t max = 200;
  std::span<const std::string_view> choices = {};
};

struct ListQuery {
  int limit = kDefaultLimit;
  int64_t after = 0;  // keyset: rows with a greater id
  std::map<std::string, std::string, std::less<>> values;  // declared filters that were given, validated

  std::optional<std::string> text(std::string_view name) const;
  std::optional<int64_t> id(std::string_view name) const;  // only for ParamType::id filters
};

// limit and after are always accepted; filters lists the rest. Throws http::Error 400.
ListQuery parse_list_query(std::string_view query, std::span<const QueryParam> filters);

}  // namespace portico::api
