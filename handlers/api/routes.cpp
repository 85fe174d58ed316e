#include "routes.hpp"

#include <array>
#include <vector>

#include "http/validate.hpp"

namespace portico::api {

namespace {
constexpr std::string_view kPrefix = "/api/v1/";

std::optional<int64_t> positive_id(std::string_view s) {
  // Only digits: parse_int would also take a sign.
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  auto n = http::parse_int(s);
  if (!n || *n < 1) return std::nullopt;
  return n;
}

// Splits "a/b/c" into at most 5 segments; an empty segment (double or trailing slash) is no route.
std::optional<std::vector<std::string_view>> segments(std::string_view rest) {
  std::vector<std::string_view> out;
  while (out.size() < 5) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.empty()) return std::nullopt;
    out.push_back(seg);
    if (slash == std::string_view::npos) return out;
    rest.remove_prefix(slash + 1);
  }
  return std::nullopt;
}

bool folder_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxFolderName) return false;
  return s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}
}  // namespace

std::optional<Route> match_route(std::string_view path) {
  if (!path.starts_with(kPrefix)) return std::nullopt;
  auto segs = segments(path.substr(kPrefix.size()));
  if (!segs) return std::nullopt;
  const auto& s = *segs;
  if (s.size() == 1 && s[0] == "openapi.json") return Route{Resource::openapi};

  if (s[0] == "outbox") {
    if (s.size() == 1) return Route{Resource::outbox};
    auto id = positive_id(s[1]);
    if (!id) return std::nullopt;
    if (s.size() == 2) return Route{Resource::outbox_item, *id};
    if (s.size() == 3 && s[2] == "retry") return Route{Resource::outbox_retry, *id};
    return std::nullopt;
  }
  if (s.size() == 1 && s[0] == "dashboard") return Route{Resource::dashboard};
  if (s[0] == "tasks") {
    if (s.size() == 1) return Route{Resource::tasks};
    auto id = positive_id(s[1]);
    if (!id) return std::nullopt;
    if (s.size() == 2) return Route{Resource::task, *id};
    if (s.size() == 3 && s[2] == "cancel") return Route{Resource::task_cancel, *id};
    if (s.size() == 3 && s[2] == "resend") return Route{Resource::task_resend, *id};
    return std::nullopt;
  }
  if (s[0] == "autocreate" && s.size() == 2) {
    if (s[1] == "runs") return Route{Resource::autocreate_runs};
    if (s[1] != "candidate" && s[1] != "client") return std::nullopt;
    Route r{Resource::autocreate};
    r.name = s[1];
    return r;
  }
  if (s[0] == "documents") {
    if (s.size() == 1) return Route{Resource::documents};
    auto id = positive_id(s[1]);
    if (!id) return std::nullopt;
    if (s.size() == 2) return Route{Resource::document, *id};
    if (s.size() == 3 && s[2] == "content") return Route{Resource::document_content, *id};
    if (s.size() == 3 && s[2] == "views") return Route{Resource::document_views, *id};
    return std::nullopt;
  }
  if (s[0] == "messages") {
    if (s.size() == 1) return Route{Resource::messages};
    auto id = positive_id(s[1]);
    if (!id || s.size() != 2) return std::nullopt;
    return Route{Resource::message, *id};
  }
  if (s[0] == "templates") {
    if (s.size() == 1) return Route{Resource::templates};
    if (s.size() != 2 || !folder_name(s[1])) return std::nullopt;
    Route r{Resource::mail_template};
    r.name = s[1];
    return r;
  }

  // Public portals (SPEC §7): collection and item by id.
  struct Simple {
    std::string_view name;
    Resource list, item;
  };
  constexpr std::array<Simple, 3> kPortalResources{{
      {"processes", Resource::processes, Resource::process},
      {"portals", Resource::portals, Resource::portal},
      {"applications", Resource::applications, Resource::application},
  }};
  for (const auto& c : kPortalResources) {
    if (s[0] != c.name) continue;
    if (s.size() == 1) return Route{c.list};
    auto id = positive_id(s[1]);
    if (!id || s.size() != 2) return std::nullopt;
    return Route{c.item, *id};
  }

  // Collection, item by id, and (for groups) the members below an item.
  struct Collection {
    std::string_view name;
    Resource list, item;
  };
  constexpr std::array<Collection, 3> kCollections{{
      {"contacts", Resource::contacts, Resource::contact},
      {"clients", Resource::clients, Resource::client},
      {"groups", Resource::groups, Resource::group},
  }};
  for (const auto& c : kCollections) {
    if (s[0] != c.name) continue;
    if (s.size() == 1) return Route{c.list};
    auto id = positive_id(s[1]);
    if (!id) return std::nullopt;
    if (s.size() == 2) return Route{c.item, *id};
    if (c.list == Resource::contacts) {
      if (s[2] != "account") return std::nullopt;
      if (s.size() == 3) return Route{Resource::account, *id};
      if (s.size() == 4 && s[3] == "invite") return Route{Resource::account_invite, *id};
      return std::nullopt;
    }
    if (c.list != Resource::groups || s[2] != "members") return std::nullopt;
    if (s.size() == 3) return Route{Resource::members, *id};
    auto contact = positive_id(s[3]);
    if (!contact || s.size() != 4) return std::nullopt;
    return Route{Resource::member, *id, *contact};
  }
  return std::nullopt;
}

std::string_view allowed_methods(Resource r) {
  switch (r) {
    case Resource::openapi: return "GET, HEAD";
    case Resource::contacts:
    case Resource::clients:
    case Resource::groups:
    case Resource::members: return "GET, HEAD, POST";
    case Resource::contact:
    case Resource::client:
    case Resource::group: return "GET, HEAD, PATCH";
    case Resource::member: return "GET, HEAD, DELETE";
    case Resource::account: return "GET, HEAD, POST, PATCH";
    case Resource::account_invite:
    case Resource::outbox_retry:
    case Resource::task_cancel:
    case Resource::task_resend: return "POST";
    case Resource::tasks: return "GET, HEAD, POST";
    case Resource::task:
    case Resource::dashboard: return "GET, HEAD";
    case Resource::outbox:
    case Resource::outbox_item:
    case Resource::templates: return "GET, HEAD";
    case Resource::mail_template: return "GET, HEAD, PUT, DELETE";
    case Resource::autocreate: return "GET, HEAD, PUT";
    case Resource::autocreate_runs: return "GET, HEAD";
    case Resource::documents: return "GET, HEAD, POST";
    case Resource::document: return "GET, HEAD, PATCH";
    case Resource::document_content:
    case Resource::document_views:
    case Resource::messages:
    case Resource::message: return "GET, HEAD";
    case Resource::processes:
    case Resource::portals: return "GET, HEAD, POST";
    case Resource::process:
    case Resource::portal: return "GET, HEAD, PATCH";
    case Resource::applications:
    case Resource::application: return "GET, HEAD";
  }
  return "";
}

std::string_view permission_for(Resource r) {
  switch (r) {
    case Resource::openapi: return "";
    case Resource::outbox:
    case Resource::outbox_item:
    case Resource::outbox_retry: return "outbox";
    case Resource::templates:
    case Resource::mail_template: return "templates";
    case Resource::tasks:
    case Resource::task:
    case Resource::task_cancel:
    case Resource::task_resend: return "tasks";
    case Resource::dashboard:
    case Resource::contacts:
    case Resource::contact:
    case Resource::clients:
    case Resource::client:
    case Resource::groups:
    case Resource::group:
    case Resource::members:
    case Resource::member:
    case Resource::account:
    case Resource::account_invite: return "contacts";
    // The portal's own permission: the caller (api.cpp) asks autocreate::permission for the route.
    case Resource::autocreate:
    case Resource::autocreate_runs: return "maintenance.candidate_portal";
    case Resource::documents:
    case Resource::document:
    case Resource::document_content:
    case Resource::document_views:
    case Resource::messages:
    case Resource::message: return "documents";
    case Resource::processes:
    case Resource::process:
    case Resource::portals:
    case Resource::portal:
    case Resource::applications:
    case Resource::application: return "portals";
  }
  return "contacts";
}

bool method_allowed(Resource r, std::string_view method) {
  if (method.empty() || method.find_first_of(", ") != std::string_view::npos) return false;
  std::string_view allow = allowed_methods(r);
  for (size_t i = 0; i < allow.size();) {
    size_t end = allow.find(", ", i);
    if (allow.substr(i, end - i) == method) return true;
    if (end == std::string_view::npos) break;
    i = end + 2;
  }
  return false;
}

}  // namespace portico::api
