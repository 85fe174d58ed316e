#pragma once
// Who is calling: the org of the Host and a valid key of that org. Every query of a request is made
// for this org, and every write is audited as this key.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portico::api {

struct Caller {
  int64_t org_id = 0;
  int64_t key_id = 0;
  std::vector<std::string> permissions;
  std::optional<std::string> ip;  // the client address for the audit log, when it is one

  bool can(std::string_view permission) const {
    return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
  }
};

}  // namespace portico::api
