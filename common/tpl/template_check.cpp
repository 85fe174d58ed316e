#include "tpl/template_check.hpp"

#include <ctemplate/template.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace portico::tpl {

namespace {
bool parses(const std::string& text) {
  std::unique_ptr<ctemplate::Template> t(ctemplate::Template::StringToTemplate(text, ctemplate::DO_NOT_STRIP));
  return t != nullptr;
}

int line_at(std::string_view text, size_t pos) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

std::string marker(std::string_view content) { return "{{" + std::string(content) + "}}"; }
}  // namespace

std::string Problem::str() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

Problem locate_problem(std::string file, std::string_view text) {
  std::vector<std::pair<std::string, int>> open;  // sections open at this point: name, line of {{#name}}
  size_t pos = 0;
  for (;;) {
    size_t p = text.find("{{", pos);
    if (p == std::string_view::npos) break;
    int line = line_at(text, p);
    size_t q = text.find("}}", p + 2);
    if (q == std::string_view::npos) return {file, line, "a marker opened with {{ is never closed with }}"};
    std::string_view content = text.substr(p + 2, q - p - 2);
    if (content.starts_with('=')) return {file, line, "does not parse at or after this delimiter change"};
    if (content.starts_with('/')) {
      std::string name(content.substr(1));
      if (open.empty()) return {file, line, marker(content) + " ends a section that was never opened"};
      if (open.back().first != name)
        return {file, line, marker(content) + " ends a section that is not the open one ({{#" + open.back().first +
                                "}} of line " + std::to_string(open.back().second) + ")"};
      open.pop_back();
    } else if (content.starts_with('#')) {
      open.emplace_back(std::string(content.substr(1)), line);
    }
    // This marker and the text up to the next one, with the open sections closed: does ctemplate take it?
    size_t next = text.find("{{", q + 2);
    std::string prefix(text.substr(0, next == std::string_view::npos ? text.size() : next));
    for (auto it = open.rbegin(); it != open.rend(); ++it) prefix += "{{/" + it->first + "}}";
    if (!parses(prefix)) return {file, line, "ctemplate does not accept " + marker(content) + " here"};
    pos = q + 2;
  }
  if (!open.empty())
    return {file, open.back().second, "{{#" + open.back().first + "}} is never closed with {{/" + open.back().first + "}}"};
  return {file, line_at(text, text.size()), "does not parse"};
}

}  // namespace portico::tpl
