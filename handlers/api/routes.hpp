#pragma once
// The API's routes: a path is matched to a resource (and its ids) and the methods that resource allows.
#include <cstdint>
#include <optional>
#include <string_view>

namespace portico::api {

enum class Resource {
  openapi,   // /api/v1/openapi.json
  contacts,  // /api/v1/contacts
  contact,   // /api/v1/contacts/{id}
  clients,   // /api/v1/clients
  client,    // /api/v1/clients/{id}
  groups,    // /api/v1/groups
  group,     // /api/v1/groups/{id}
  members,   // /api/v1/groups/{id}/members
  member,    // /api/v1/groups/{id}/members/{contact_id}
};

struct Route {
  Resource resource;
  int64_t id = 0;   // the {id} of the path, when it has one
  int64_t sub = 0;  // the {contact_id} of a member path
};

// nullopt for a path the API does not serve. Ids are positive decimal numbers; anything else is no route.
std::optional<Route> match_route(std::string_view path);

// The Allow header for a resource; HEAD goes with GET.
std::string_view allowed_methods(Resource r);
bool method_allowed(Resource r, std::string_view method);

}  // namespace portico::api
