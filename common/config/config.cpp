#include "config/config.hpp"

#include <sys/stat.h>

#include <charconv>
#include <cstdlib>

namespace portico {

ConfigError::ConfigError(std::vector<std::string> p) : problems(std::move(p)) {
  text = "configuration error:";
  for (const auto& s : problems) text += "\n  - " + s;
}

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
bool is_dir(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool is_readable_file(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}
}  // namespace

int env_int(const char* name, int fallback, int min, int max) {
  std::string v = env(name);
  if (v.empty()) return fallback;
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || p != v.data() + v.size() || n < min || n > max)
    throw ConfigError({std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                       std::to_string(max) + " (got '" + v + "')"});
  return n;
}

Config load_config(unsigned needs) {
  Config c;
  std::vector<std::string> bad;
  c.db = env("PORTICO_DB");
  c.key_file = env("PORTICO_KEY_FILE");
  c.base_url = env("PORTICO_BASE_URL");
  c.smtp_url = env("PORTICO_SMTP_URL");
  c.template_dir = env("PORTICO_TEMPLATE_DIR");
  c.socket = env("PORTICO_SOCKET");

  if ((needs & kNeedDb) && c.db.empty())
    bad.push_back("PORTICO_DB is not set (a libpq conninfo such as 'host=/run/postgresql dbname=portico')");
  if (needs & kNeedKeys) {
    if (c.key_file.empty()) bad.push_back("PORTICO_KEY_FILE is not set (create one with 'portico-admin keygen FILE')");
    else if (!is_readable_file(c.key_file)) bad.push_back("PORTICO_KEY_FILE '" + c.key_file + "' is not a readable file");
  }
  if (needs & kNeedBaseUrl) {
    if (c.base_url.rfind("https://", 0) != 0 && c.base_url.rfind("http://", 0) != 0)
      bad.push_back("PORTICO_BASE_URL must start with https:// or http:// (got '" + c.base_url + "')");
  }
  if ((needs & kNeedSmtp) && c.smtp_url.rfind("smtp://", 0) != 0 && c.smtp_url.rfind("smtps://", 0) != 0)
    bad.push_back("PORTICO_SMTP_URL must start with smtp:// or smtps:// (got '" + c.smtp_url + "')");
  if (needs & kNeedTemplates) {
    if (c.template_dir.empty()) bad.push_back("PORTICO_TEMPLATE_DIR is not set");
    else if (!is_dir(c.template_dir)) bad.push_back("PORTICO_TEMPLATE_DIR '" + c.template_dir + "' is not a directory");
  }
  if (auto w = env("PORTICO_WORKERS"); !w.empty()) {
    int n = 0;
    auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), n);
    if (ec != std::errc{} || p != w.data() + w.size() || n < 1 || n > 256)
      bad.push_back("PORTICO_WORKERS must be a whole number from 1 to 256 (got '" + w + "')");
    else c.workers = n;
  }
  if (auto f = env("PORTICO_LOG_FORMAT"); !f.empty()) {
    if (f == "json") c.log_json = true;
    else if (f != "text") bad.push_back("PORTICO_LOG_FORMAT must be 'text' or 'json' (got '" + f + "')");
  }
  if (!bad.empty()) throw ConfigError(std::move(bad));
  return c;
}

}  // namespace portico
