// portico-docs: Your Files and Documents (/files), opening a document, and document view links (/d/{token}).
#include "docs/docs.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"docs", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<docs::Docs>(env); });
}
