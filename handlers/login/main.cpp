// portico-login: sign in, sign out, My Account.
#include "login/login.hpp"

int main(int argc, char** argv) {
  using namespace portico;
  return fcgi::serve(argc, argv, {"login", kNeedDb | kNeedKeys | kNeedTemplates, fcgi::ErrorFormat::html},
                     [](const fcgi::Env& env) { return std::make_unique<login::Login>(env); });
}
