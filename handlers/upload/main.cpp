// portico-upload: "Send us Stuff" (/upload).
#include "upload/upload.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"upload", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<upload::Upload>(env); });
}
