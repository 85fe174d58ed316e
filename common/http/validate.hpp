#pragma once
// Small checks shared by forms and the JSON API.
#include <cstdint>
#include <optional>
#include <string_view>

namespace portico::http {

bool valid_utf8(std::string_view s);
size_t utf8_length(std::string_view s);  // code points; assumes valid UTF-8
// No C0/C1 control characters and no DEL; multi_line also allows \t, \n and \r.
bool no_controls(std::string_view s, bool multi_line);
bool valid_email(std::string_view s);
std::optional<int64_t> parse_int(std::string_view s);
std::string_view trim(std::string_view s);

}  // namespace portico::http
