// portico-public: public portals (/p/{slug}) where anyone starts a process, and the applicant's
// applications (/applications).
#include "public/public.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"public", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<public_portal::Public>(env); });
}
