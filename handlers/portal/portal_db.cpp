#include "portal/portal_db.hpp"

#include <array>

namespace portico::portal {

namespace {
constexpr std::array<pg::Statement, 2> kList{{
    {"portal.ping", "SELECT 1"},
    {"portal.stylesheet", "SELECT org.stylesheet FROM org_host h JOIN org ON org.id = h.org_id WHERE h.host = $1"},
}};
}  // namespace

std::span<const pg::Statement> PortalDb::statements() { return kList; }

void PortalDb::ping() { c_.run("portal.ping", {}); }

std::optional<std::string> PortalDb::stylesheet(std::string_view host) {
  auto r = c_.run("portal.stylesheet", {host});
  if (r.empty()) return std::nullopt;
  return r.str(0, 0);
}

}  // namespace portico::portal
