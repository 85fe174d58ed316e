// portico-api: the staff JSON API under /api/v1/.
#include <iostream>
#include <memory>

#include "api.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  // The OpenAPI document is read once, before any worker starts. Configuration problems are left to
  // serve(), which reports all of them and exits 78; --help and --version need no configuration.
  auto openapi = std::make_shared<std::string>();
  if (argc == 1) {
    try {
      *openapi = api::load_openapi(load_config(kNeedTemplates).template_dir);
    } catch (const ConfigError&) {
    } catch (const std::exception& e) {
      std::cerr << "portico-api: " << e.what() << "\n";
      return 78;
    }
  }
  std::shared_ptr<const std::string> doc = std::move(openapi);
  return fcgi::serve(argc, argv, {"api", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::json},
                     [doc](const fcgi::Env& env) { return std::make_unique<api::ApiWorker>(env, doc); });
}
