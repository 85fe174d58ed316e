#pragma once
// Where a template stops parsing. ctemplate only says that a file fails (and why, on stderr, without a
// line), so this finds the line by parsing growing prefixes with ctemplate itself.
#include <string>
#include <string_view>

namespace portico::tpl {

struct Problem {
  std::string file;  // relative to the template folder
  int line = 0;      // 1-based; 0 when the file cannot be read
  std::string message;
  std::string str() const;  // "file:line: message"
};

// For a template text that ctemplate refuses: the line of the first marker at which a prefix of it (its
// open sections closed) no longer parses, and what is wrong there where that can be told.
Problem locate_problem(std::string file, std::string_view text);

}  // namespace portico::tpl
