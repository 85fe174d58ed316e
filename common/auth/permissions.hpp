#pragma once
// Staff API key permissions (SPEC §1). `contacts` covers contacts, clients and groups.
#include <array>
#include <string_view>

namespace portico::auth {

inline constexpr std::array<std::string_view, 12> kPermissions{
    "contacts", "tasks",     "documents",       "settings",
    "maintenance.candidate_portal", "maintenance.client_portal", "portals", "messages",
    "outbox",   "templates", "audit",           "applications",
};

inline bool known_permission(std::string_view p) {
  for (auto k : kPermissions)
    if (k == p) return true;
  return false;
}

}  // namespace portico::auth
