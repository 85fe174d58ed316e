#pragma once
// Reading a JSON request body: media type, size cap, nesting cap, and a parse error that says where.
#include <cstddef>

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace portico::http {

constexpr size_t kMaxJsonBody = 256 * 1024;
constexpr int kMaxJsonDepth = 32;  // deeper than any document we accept; bounds work on hostile input

// True for application/json, with or without parameters (charset), in any letter case.
bool is_json_media_type(std::string_view content_type);

// Parses text that must hold one JSON object. Throws 400 naming the byte where parsing failed, or saying
// that the value is not an object.
nlohmann::json parse_json_object(std::string_view text);

// The request body as a JSON object: 415 unless Content-Type is application/json, 413 past cap, else as above.
nlohmann::json read_json_object(Request& req, size_t cap = kMaxJsonBody);

}  // namespace portico::http
