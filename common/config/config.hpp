#pragma once
// Process configuration: PORTICO_* environment variables, checked once at start.
#include <string>
#include <vector>

namespace portico {

struct Config {
  std::string db;            // PORTICO_DB: libpq conninfo
  std::string key_file;      // PORTICO_KEY_FILE: signing and hashing keys
  std::string base_url;      // PORTICO_BASE_URL: fallback for links when an org has none
  std::string smtp_url;      // PORTICO_SMTP_URL: smtp:// or smtps://
  std::string template_dir;  // PORTICO_TEMPLATE_DIR
  std::string socket;        // PORTICO_SOCKET: unix socket path; empty = inherited fd 0
  int workers = 4;           // PORTICO_WORKERS: worker threads, one DB connection each
  bool log_json = false;     // PORTICO_LOG_FORMAT=json
};

// What a program needs; anything listed must be present and valid.
enum Need : unsigned {
  kNeedDb = 1, kNeedKeys = 2, kNeedBaseUrl = 4, kNeedSmtp = 8, kNeedTemplates = 16,
};

// A whole number from the environment within [min, max], or fallback when unset; throws ConfigError.
int env_int(const char* name, int fallback, int min, int max);

// Reads the environment; throws ConfigError listing every problem found.
Config load_config(unsigned needs);

struct ConfigError : std::exception {
  std::vector<std::string> problems;
  std::string text;
  explicit ConfigError(std::vector<std::string> p);
  const char* what() const noexcept override { return text.c_str(); }
};

}  // namespace portico
