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
  account,         // /api/v1/contacts/{id}/account
  account_invite,  // /api/v1/contacts/{id}/account/invite
  outbox,          // /api/v1/outbox
  outbox_item,     // /api/v1/outbox/{id}
  outbox_retry,    // /api/v1/outbox/{id}/retry
  templates,       // /api/v1/templates
  mail_template,   // /api/v1/templates/{folder}
  tasks,           // /api/v1/tasks
  task,            // /api/v1/tasks/{id}
  task_cancel,     // /api/v1/tasks/{id}/cancel
  task_resend,     // /api/v1/tasks/{id}/resend
  dashboard,       // /api/v1/dashboard
  autocreate,      // /api/v1/autocreate/{candidate|client} (name: the portal)
  autocreate_runs, // /api/v1/autocreate/runs
  documents,         // /api/v1/documents
  document,          // /api/v1/documents/{id}
  document_content,  // /api/v1/documents/{id}/content
  document_views,    // /api/v1/documents/{id}/views
  messages,          // /api/v1/messages
  message,           // /api/v1/messages/{id}
  processes,       // /api/v1/processes
  process,         // /api/v1/processes/{id}
  portals,         // /api/v1/portals
  portal,          // /api/v1/portals/{id}
  applications,    // /api/v1/applications
  application,     // /api/v1/applications/{id}
};

struct Route {
  Resource resource;
  int64_t id = 0;   // the {id} of the path, when it has one
  int64_t sub = 0;  // the {contact_id} of a member path
  std::string_view name;  // the {folder} of a template path (a view into the path matched)
};

// A template folder as a path segment: 1..64 of a-z, 0-9 and _. Whether such a folder exists is the
// handler's question (404 there), so every well-formed name routes.
constexpr size_t kMaxFolderName = 64;

// nullopt for a path the API does not serve. Ids are positive decimal numbers; anything else is no route.
std::optional<Route> match_route(std::string_view path);

// The Allow header for a resource; HEAD goes with GET.
std::string_view allowed_methods(Resource r);
bool method_allowed(Resource r, std::string_view method);

// The key permission a resource needs: contacts (contacts, clients, groups, accounts, dashboard), outbox,
// templates, tasks, documents (documents and messages), portals (processes, portals, applications);
// empty for the OpenAPI document, which needs no key.
std::string_view permission_for(Resource r);

}  // namespace portico::api
