#include "http/json_input.hpp"

#include <cctype>

#include "http/error.hpp"

namespace portico::http {

bool is_json_media_type(std::string_view ct) {
  std::string_view type = ct.substr(0, ct.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  constexpr std::string_view want = "application/json";
  if (type.size() != want.size()) return false;
  for (size_t i = 0; i < want.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(type[i])) != want[i]) return false;
  return true;
}

nlohmann::json parse_json_object(std::string_view text) {
  // The callback sees every value with its depth; refusing deep nesting here keeps a hostile body from
  // costing more than its size.
  bool too_deep = false;
  auto limit_depth = [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end(), limit_depth);
  } catch (const nlohmann::json::parse_error& e) {
    if (e.byte == 0 || e.byte > text.size() + 1)
      throw bad_request("The request body is not valid JSON.");
    throw bad_request("The request body is not valid JSON (at byte " + std::to_string(e.byte) + ").");
  } catch (const nlohmann::json::exception&) {
    // out_of_range: a number too large for a double, such as 1e400.
    throw bad_request("The request body is not valid JSON (a number is out of range).");
  }
  if (too_deep) throw bad_request("The request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels.");
  if (!j.is_object()) throw bad_request("The request body must be a JSON object.");
  return j;
}

nlohmann::json read_json_object(Request& req, size_t cap) {
  if (!is_json_media_type(req.content_type()))
    throw unsupported_media_type("The request body must be sent as Content-Type: application/json.");
  return parse_json_object(req.body(cap));
}

}  // namespace portico::http
