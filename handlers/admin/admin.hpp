#pragma once
// portico-admin: operator commands. Each returns a process exit code.
#include <iosfwd>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace portico::admin {

struct Args {
  std::vector<std::string> words;                   // positional: "org", "create"
  std::multimap<std::string, std::string> options;  // --slug x (repeatable: --host a --host b)
  bool has(const std::string& k) const { return options.contains(k); }
  std::string get(const std::string& k) const;       // throws UsageError when absent
  std::vector<std::string> all(const std::string& k) const;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Args parse_args(int argc, char** argv);  // throws UsageError
int run(const Args& a, std::istream& in, std::ostream& out);
extern const char* const kUsage;

}  // namespace portico::admin
