#include "list_query.hpp"

#include <set>

#include "http/error.hpp"
#include "http/form.hpp"
#include "http/validate.hpp"

namespace portico::api {

namespace {
std::optional<int64_t> whole_number(std::string_view s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return http::parse_int(s);
}

std::string join(std::span<const std::string_view> items) {
  std::string out;
  for (auto c : items) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

void check_filter(const QueryParam& p, const std::string& v) {
  auto fail = [&](const std::string& why) {
    throw http::bad_request("Query parameter " + std::string(p.name) + " " + why);
  };
  switch (p.type) {
    case ParamType::id: {
      auto n = whole_number(v);
      if (!n || *n < 1) fail("must be a positive whole number.");
      return;
    }
    case ParamType::choice:
      for (auto c : p.choices)
        if (v == c) return;
      fail("must be one of: " + join(p.choices) + ".");
      return;
    case ParamType::text:
      if (!http::valid_utf8(v) || !http::no_controls(v, false)) fail("must be text without control characters.");
      if (v.empty() || http::utf8_length(v) > p.max) fail("must be 1 to " + std::to_string(p.max) + " characters.");
      return;
  }
}
}  // namespace

std::optional<std::string> ListQuery::text(std::string_view name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> ListQuery::id(std::string_view name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return http::parse_int(it->second);
}

ListQuery parse_list_query(std::string_view query, std::span<const QueryParam> filters) {
  std::vector<std::pair<std::string, std::string>> pairs;
  try {
    pairs = http::parse_urlencoded(query, {.max_pairs = 32, .max_key = 64, .max_value = 1024});
  } catch (const http::Error&) {
    throw http::bad_request("The query string is malformed or too long.");
  }
  ListQuery q;
  std::set<std::string, std::less<>> seen;
  for (auto& [k, v] : pairs) {
    // Echo a name only when it is printable, so the message is safe to show.
    if (!http::valid_utf8(k) || !http::no_controls(k, false) || k.empty())
      throw http::bad_request("Unknown query parameter.");
    if (!seen.insert(k).second) throw http::bad_request("Query parameter " + k + " is given more than once.");
    if (k == "limit") {
      auto n = whole_number(v);
      if (!n || *n < 1 || *n > kMaxLimit)
        throw http::bad_request("Query parameter limit must be a whole number from 1 to " +
                                std::to_string(kMaxLimit) + ".");
      q.limit = static_cast<int>(*n);
      continue;
    }
    if (k == "after") {
      auto n = whole_number(v);
      if (!n) throw http::bad_request("Query parameter after must be an id (a whole number).");
      q.after = *n;
      continue;
    }
    const QueryParam* p = nullptr;
    for (const auto& f : filters)
      if (f.name == k) p = &f;
    if (!p) throw http::bad_request("Unknown query parameter " + k + ".");
    check_filter(*p, v);
    q.values.emplace(std::move(k), std::move(v));
  }
  return q;
}

}  // namespace portico::api
