// portico-mailer: setup, then deliver until SIGTERM (or, with --once, until nothing is due).
#include <curl/curl.h>
#include <sodium.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <string>

#include "config/config.hpp"
#include "log/log.hpp"
#include "mailer/mailer.hpp"

namespace {
std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

constexpr const char* kUsage =
    "Usage: portico-mailer [--once] [--help] [--version]\n\n"
    "Delivers queued e-mail over SMTP. --once drains what is due and exits.\n\n"
    "Environment: PORTICO_DB, PORTICO_KEY_FILE, PORTICO_SMTP_URL (smtp://host:port[?tls=required] or smtps://),\n"
    "PORTICO_MAIL_FROM, PORTICO_MAIL_MAX_ATTEMPTS (8), PORTICO_MAIL_BACKOFF_SECONDS (30),\n"
    "PORTICO_MAIL_LEASE_SECONDS (300), PORTICO_MAIL_BATCH (20), PORTICO_MAIL_POLL_MS (1000), PORTICO_LOG_FORMAT.\n";
}  // namespace

int main(int argc, char** argv) {
  using namespace portico;
  bool once = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--once") once = true;
    else if (a == "--help" || a == "-h") { std::cout << kUsage; return 0; }
    else if (a == "--version") { std::cout << "portico-mailer " PORTICO_VERSION "\n"; return 0; }
    else { std::cerr << "portico-mailer: unknown argument '" << a << "'\n" << kUsage; return 2; }
  }
  // First, so that a SIGTERM arriving during start-up is a clean stop, not a kill.
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  log::set_program("portico-mailer");
  if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) return 1;
  try {
    Config c = load_config(kNeedDb | kNeedKeys | kNeedSmtp);
    log::set_json(c.log_json);
    auto keys = crypto::Keys::load(c.key_file);
    auto settings = mailer::settings_from_env();
    auto smtp = mail::parse_smtp_url(c.smtp_url);
    pg::Connection db(c.db, {mailer::MailerDb::statements()});
    mailer::Mailer m(db, keys, smtp, settings);
    log::info(once ? "draining due mail" : "delivering mail");
    m.run(g_stop, once);
    log::info("stopped");
  } catch (const ConfigError& e) {
    std::cerr << "portico-mailer: " << e.what() << "\n";
    return 78;
  } catch (const std::exception& e) {
    std::cerr << "portico-mailer: " << e.what() << "\n";
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
