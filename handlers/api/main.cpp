// portico-api: the staff JSON API under /api/v1/.
#include <iostream>
#include <memory>

#include "api.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  // The OpenAPI document and the shipped e-mail templates are read once, before any worker starts.
  // Configuration problems are left to serve(), which reports all of them and exits 78; --help and
  // --version need no configuration. serve() also loads every template into ctemplate's cache
  // (kNeedTemplates), which the invitation e-mails are rendered from.
  auto loaded = std::make_shared<api::Documents>();
  if (argc == 1) {
    try {
      *loaded = api::load_documents(load_config(kNeedTemplates).template_dir);
    } catch (const ConfigError&) {
    } catch (const std::exception& e) {
      std::cerr << "portico-api: " << e.what() << "\n";
      return 78;
    }
  }
  std::shared_ptr<const api::Documents> docs = std::move(loaded);
  return fcgi::serve(argc, argv, {"api", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::json},
                     [docs](const fcgi::Env& env) { return std::make_unique<api::ApiWorker>(env, docs); });
}
