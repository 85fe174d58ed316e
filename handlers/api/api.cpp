#include "api.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "autocreate.hpp"
#include "applications.hpp"
#include "api_db.hpp"
#include "bearer_key.hpp"
#include "call.hpp"
#include "clients.hpp"
#include "contacts.hpp"
#include "dashboard.hpp"
#include "documents.hpp"
#include "messages.hpp"
#include "crypto/token.hpp"
#include "groups.hpp"
#include "http/error.hpp"
#include "outbox.hpp"
#include "portals.hpp"
#include "processes.hpp"
#include "routes.hpp"
#include "tasks.hpp"
#include "templates.hpp"

namespace portico::api {

namespace {
void require_method(Resource r, std::string_view method) {
  if (!method_allowed(r, method)) throw http::method_not_allowed(std::string(allowed_methods(r)));
}

http::Error no_key() {
  http::Error e = http::unauthorized("A valid API key is required: send it as 'Authorization: Bearer <key>'.");
  e.headers["WWW-Authenticate"] = "Bearer";
  return e;
}

http::Response dispatch(Call& call, const Route& route) {
  bool get = call.req.is_get();
  std::string_view m = call.req.method();
  switch (route.resource) {
    case Resource::contacts: return get ? contacts::list(call) : contacts::create(call);
    case Resource::contact: return get ? contacts::get(call, route.id) : contacts::update(call, route.id);
    case Resource::clients: return get ? clients::list(call) : clients::create(call);
    case Resource::client: return get ? clients::get(call, route.id) : clients::update(call, route.id);
    case Resource::groups: return get ? groups::list(call) : groups::create(call);
    case Resource::group: return get ? groups::get(call, route.id) : groups::update(call, route.id);
    case Resource::members: return get ? groups::list_members(call, route.id) : groups::add_member(call, route.id);
    case Resource::member:
      if (m == "DELETE") return groups::remove_member(call, route.id, route.sub);
      return groups::get_member(call, route.id, route.sub);
    case Resource::account:
      if (get) return accounts::get(call, route.id);
      if (m == "PATCH") return accounts::update(call, route.id);
      return accounts::create(call, route.id);
    case Resource::account_invite: return accounts::invite(call, route.id);
    case Resource::outbox: return outbox::list(call);
    case Resource::outbox_item: return outbox::get(call, route.id);
    case Resource::outbox_retry: return outbox::retry(call, route.id);
    case Resource::templates: return templates::list(call);
    case Resource::mail_template:
      if (get) return templates::get(call, route.name);
      if (m == "PUT") return templates::put(call, route.name);
      return templates::remove(call, route.name);
    case Resource::tasks: return get ? tasks::list(call) : tasks::create(call);
    case Resource::task: return tasks::get(call, route.id);
    case Resource::task_cancel: return tasks::cancel(call, route.id);
    case Resource::task_resend: return tasks::resend(call, route.id);
    case Resource::dashboard: return dashboard::list(call);
    case Resource::autocreate: return get ? autocreate::get(call, route.name) : autocreate::put(call, route.name);
    case Resource::autocreate_runs: return autocreate::runs(call);
    case Resource::documents: return get ? documents::list(call) : documents::issue(call);
    case Resource::document: return get ? documents::get(call, route.id) : documents::update(call, route.id);
    case Resource::document_content: return documents::content(call, route.id);
    case Resource::document_views: return documents::views(call, route.id);
    case Resource::messages: return messages::list(call);
    case Resource::message: return messages::get(call, route.id);
    case Resource::processes: return get ? processes::list(call) : processes::create(call);
    case Resource::process: return get ? processes::get(call, route.id) : processes::update(call, route.id);
    case Resource::portals: return get ? portals::list(call) : portals::create(call);
    case Resource::portal: return get ? portals::get(call, route.id) : portals::update(call, route.id);
    case Resource::applications: return applications::list(call);
    case Resource::application: return applications::get(call, route.id);
    case Resource::openapi: break;
  }
  throw http::not_found();
}
}  // namespace

std::string load_openapi(const std::string& template_dir) {
  std::string path = template_dir + "/api/openapi.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the OpenAPI document " + path);
  std::ostringstream text;
  text << in.rdbuf();
  // Parsed here so a broken file stops the start, not a client; served as written.
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (!doc.is_object() || !doc.contains("openapi")) throw std::runtime_error(path + " is not an OpenAPI document");
  return text.str();
}

Documents load_documents(const std::string& template_dir) {
  return {load_openapi(template_dir), templates::load_shipped(template_dir)};
}

ApiWorker::ApiWorker(const fcgi::Env& env, std::shared_ptr<const Documents> docs)
    : db_(env.config.db, api_statements()), docs_(std::move(docs)), keys_(*env.keys), links_(db_, *env.keys), outbox_(db_, *env.keys) {}

http::Response ApiWorker::handle(http::Request& req) {
  // A malformed key is never looked up, but the query still runs: an unknown Host is 404 on every route.
  std::optional<std::string> key_hash;
  if (auto key = bearer_key(req.param("HTTP_AUTHORIZATION"))) key_hash = crypto::hash_secret(*key);
  KeyCheck check = check_key(db_, req.host(), key_hash);
  if (!check.org_known) throw http::not_found();

  auto route = match_route(req.path());
  if (route && route->resource == Resource::openapi) {  // the one route that needs no key
    require_method(Resource::openapi, req.method());
    return http::Response::text(docs_->openapi, "application/json");
  }
  if (!check.caller) throw no_key();
  if (!route) throw http::not_found("No such API route.");
  require_method(route->resource, req.method());

  Caller& who = *check.caller;
  std::string_view permission = permission_for(route->resource);
  if (route->resource == Resource::autocreate || route->resource == Resource::autocreate_runs)
    permission = autocreate::permission(who, *route);
  if (!who.can(permission))
    throw http::forbidden("This API key lacks the '" + std::string(permission) + "' permission.");
  who.ip = req.client_ip();
  Call call{req, db_, who, &links_, &outbox_, &docs_->shipped, &keys_};
  return dispatch(call, *route);
}

}  // namespace portico::api
