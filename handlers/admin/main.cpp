// portico-admin: setup and dispatch. Failures print one clear line and exit non-zero.
#include <sodium.h>

#include <iostream>

#include "admin/admin.hpp"
#include "config/config.hpp"
#include "pg/error.hpp"

int main(int argc, char** argv) {
  using namespace portico::admin;
  if (sodium_init() < 0) return 1;
  try {
    Args a = parse_args(argc, argv);
    if (a.has("version")) { std::cout << "portico-admin " PORTICO_VERSION "\n"; return 0; }
    if (a.has("help") || a.words.empty()) { std::cout << kUsage; return a.words.empty() && !a.has("help") ? 2 : 0; }
    return run(a, std::cin, std::cout);
  } catch (const UsageError& e) {
    std::cerr << "portico-admin: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const portico::ConfigError& e) {
    std::cerr << "portico-admin: " << e.what() << "\n";
    return 78;
  } catch (const portico::pg::Error& e) {
    std::cerr << "portico-admin: database: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "portico-admin: " << e.what() << "\n";
    return 1;
  }
}
