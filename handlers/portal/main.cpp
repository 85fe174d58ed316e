// portico-portal: home page and tabs, org stylesheet, health check.
#include "portal/portal.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"portal", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<portal::Portal>(env); });
}
