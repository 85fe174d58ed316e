// portico-autocreate: setup, then one pass (--once, as the systemd timer runs it hourly) or a pass every
// PORTICO_AUTOCREATE_PERIOD_SECONDS until SIGTERM (scripts/run, so the demo shows it working).
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

#include "autocreate/autocreate.hpp"
#include "config/config.hpp"
#include "log/log.hpp"
#include "mail/outbox.hpp"
#include "tpl/templates.hpp"

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

constexpr const char* kUsage =
    "Usage: portico-autocreate [--once] [--help] [--version]\n\n"
    "Creates portal accounts for active candidates and client contacts of every org that enabled it, queues\n"
    "their e-mail, and suspends the accounts of contacts that became inactive. --once: one pass, then exit.\n\n"
    "Environment: PORTICO_DB, PORTICO_KEY_FILE, PORTICO_TEMPLATE_DIR, PORTICO_AUTOCREATE_PERIOD_SECONDS (3600),\n"
    "PORTICO_AUTOCREATE_BATCH (500), PORTICO_AUTOCREATE_PAUSE_MS (0), PORTICO_LOG_FORMAT.\n";
}  // namespace

int main(int argc, char** argv) {
  using namespace portico;
  bool once = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--once") once = true;
    else if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
    else if (a == "--version") { std::cout << "portico-autocreate " PORTICO_VERSION "\n"; return 0; }
    else { std::cerr << "portico-autocreate: unknown argument '" << a << "'\n" << kUsage; return 2; }
  }
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  log::set_program("portico-autocreate");
  if (sodium_init() < 0) return 1;
  try {
    Config c = load_config(kNeedDb | kNeedKeys | kNeedTemplates);
    log::set_json(c.log_json);
    tpl::init(c.template_dir);
    auto keys = crypto::Keys::load(c.key_file);
    auto settings = autocreate::settings_from_env();
    int period_s = settings.period_s;
    pg::Connection db(c.db, {autocreate::AutocreateDb::statements(), mail::Outbox::statements()});
    autocreate::Job job(db, keys, settings);
    if (once) {
      auto t = job.run_once(g_stop);
      log::info("done: created " + std::to_string(t.created) + ", suspended " + std::to_string(t.suspended) +
                ", skipped " + std::to_string(t.skipped) + ", busy " + std::to_string(t.busy));
      return 0;
    }
    log::info("running every " + std::to_string(period_s) + "s");
    while (!g_stop.load()) {
      try {
        job.run_once(g_stop);
      } catch (const pg::Error& e) {
        log::error(std::string("database: ") + e.what());  // reconnects on the next pass
      }
      for (int waited = 0; waited < period_s * 1000 && !g_stop.load(); waited += 100)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    log::info("stopped");
  } catch (const ConfigError& e) {
    std::cerr << "portico-autocreate: " << e.what() << "\n";
    return 78;
  } catch (const std::exception& e) {
    std::cerr << "portico-autocreate: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
