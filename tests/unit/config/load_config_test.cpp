#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/config.hpp"

using namespace portico;

namespace {
const char* const kVars[] = {"PORTICO_DB",      "PORTICO_KEY_FILE", "PORTICO_BASE_URL",  "PORTICO_SMTP_URL",
                             "PORTICO_TEMPLATE_DIR", "PORTICO_SOCKET", "PORTICO_WORKERS", "PORTICO_LOG_FORMAT"};

// Each test starts from an environment with no PORTICO_* variable (ctest sets PORTICO_TEMPLATE_DIR).
struct CleanEnv {
  CleanEnv() {
    for (const char* v : kVars) unsetenv(v);
  }
  ~CleanEnv() {
    for (const char* v : kVars) unsetenv(v);
  }
};

std::vector<std::string> problems(unsigned needs) {
  try {
    load_config(needs);
  } catch (const ConfigError& e) {
    return e.problems;
  }
  return {};
}

bool mentions(const std::vector<std::string>& ps, const std::string& what) {
  for (const auto& p : ps)
    if (p.find(what) != std::string::npos) return true;
  return false;
}
}  // namespace

BOOST_FIXTURE_TEST_SUITE(config, CleanEnv)

BOOST_AUTO_TEST_CASE(defaults_when_nothing_needed) {
  Config c = load_config(0);
  BOOST_CHECK_EQUAL(c.workers, 4);
  BOOST_CHECK(!c.log_json);
  BOOST_CHECK(c.db.empty());
  BOOST_CHECK(c.socket.empty());
}

BOOST_AUTO_TEST_CASE(values_read) {
  setenv("PORTICO_DB", "host=/run/postgresql dbname=portico", 1);
  setenv("PORTICO_BASE_URL", "https://portal.example.com", 1);
  setenv("PORTICO_SMTP_URL", "smtp://127.0.0.1:2525", 1);
  setenv("PORTICO_TEMPLATE_DIR", std::filesystem::temp_directory_path().c_str(), 1);
  setenv("PORTICO_SOCKET", "/run/portico/login.sock", 1);
  setenv("PORTICO_WORKERS", "8", 1);
  setenv("PORTICO_LOG_FORMAT", "json", 1);
  Config c = load_config(kNeedDb | kNeedBaseUrl | kNeedSmtp | kNeedTemplates);
  BOOST_CHECK_EQUAL(c.db, "host=/run/postgresql dbname=portico");
  BOOST_CHECK_EQUAL(c.base_url, "https://portal.example.com");
  BOOST_CHECK_EQUAL(c.smtp_url, "smtp://127.0.0.1:2525");
  BOOST_CHECK_EQUAL(c.socket, "/run/portico/login.sock");
  BOOST_CHECK_EQUAL(c.workers, 8);
  BOOST_CHECK(c.log_json);
  setenv("PORTICO_LOG_FORMAT", "text", 1);
  BOOST_CHECK(!load_config(0).log_json);
}

BOOST_AUTO_TEST_CASE(missing_db_reported) {
  auto ps = problems(kNeedDb);
  BOOST_REQUIRE_EQUAL(ps.size(), 1u);
  BOOST_CHECK(mentions(ps, "PORTICO_DB"));
  BOOST_CHECK_THROW(load_config(kNeedDb), ConfigError);
  BOOST_CHECK(problems(0).empty());  // not needed, not missing
  try {
    load_config(kNeedDb);
  } catch (const ConfigError& e) {
    BOOST_CHECK_NE(std::string(e.what()).find("PORTICO_DB"), std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(workers_checked) {
  for (const char* bad : {"0", "abc", "-1", "257", "4x", " 4", "1.5", "99999999999"}) {
    setenv("PORTICO_WORKERS", bad, 1);
    auto ps = problems(0);
    BOOST_CHECK_MESSAGE(ps.size() == 1 && mentions(ps, "PORTICO_WORKERS") && mentions(ps, bad), bad);
  }
  setenv("PORTICO_WORKERS", "1", 1);
  BOOST_CHECK_EQUAL(load_config(0).workers, 1);
  setenv("PORTICO_WORKERS", "256", 1);
  BOOST_CHECK_EQUAL(load_config(0).workers, 256);
}

BOOST_AUTO_TEST_CASE(files_and_urls_checked) {
  auto dir = std::filesystem::temp_directory_path() / ("portico-config-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "keys") << "k1 x\n";
  setenv("PORTICO_KEY_FILE", (dir / "missing").c_str(), 1);
  BOOST_CHECK(mentions(problems(kNeedKeys), "PORTICO_KEY_FILE"));
  setenv("PORTICO_KEY_FILE", dir.c_str(), 1);  // a directory is not a key file
  BOOST_CHECK(mentions(problems(kNeedKeys), "PORTICO_KEY_FILE"));
  setenv("PORTICO_KEY_FILE", (dir / "keys").c_str(), 1);
  BOOST_CHECK(problems(kNeedKeys).empty());

  setenv("PORTICO_TEMPLATE_DIR", (dir / "keys").c_str(), 1);  // a file is not a template folder
  BOOST_CHECK(mentions(problems(kNeedTemplates), "PORTICO_TEMPLATE_DIR"));
  setenv("PORTICO_TEMPLATE_DIR", dir.c_str(), 1);
  BOOST_CHECK(problems(kNeedTemplates).empty());

  for (const char* bad : {"", "ftp://x", "portal.example.com", "javascript:alert(1)"}) {
    setenv("PORTICO_BASE_URL", bad, 1);
    BOOST_CHECK_MESSAGE(mentions(problems(kNeedBaseUrl), "PORTICO_BASE_URL"), bad);
  }
  setenv("PORTICO_SMTP_URL", "http://mail", 1);
  BOOST_CHECK(mentions(problems(kNeedSmtp), "PORTICO_SMTP_URL"));
  setenv("PORTICO_SMTP_URL", "smtps://mail.example.com:465", 1);
  BOOST_CHECK(problems(kNeedSmtp).empty());
  setenv("PORTICO_LOG_FORMAT", "xml", 1);
  BOOST_CHECK(mentions(problems(0), "PORTICO_LOG_FORMAT"));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(all_problems_reported_together) {
  setenv("PORTICO_WORKERS", "abc", 1);
  setenv("PORTICO_LOG_FORMAT", "xml", 1);
  auto ps = problems(kNeedDb | kNeedKeys | kNeedBaseUrl | kNeedSmtp | kNeedTemplates);
  BOOST_CHECK_EQUAL(ps.size(), 7u);
  for (const char* v : {"PORTICO_DB", "PORTICO_KEY_FILE", "PORTICO_BASE_URL", "PORTICO_SMTP_URL",
                        "PORTICO_TEMPLATE_DIR", "PORTICO_WORKERS", "PORTICO_LOG_FORMAT"})
    BOOST_CHECK_MESSAGE(mentions(ps, v), v);
  try {
    load_config(kNeedDb | kNeedKeys);
    BOOST_ERROR("no throw");
  } catch (const ConfigError& e) {
    std::string text = e.what();
    BOOST_CHECK_NE(text.find("PORTICO_DB"), std::string::npos);
    BOOST_CHECK_NE(text.find("PORTICO_KEY_FILE"), std::string::npos);
    BOOST_CHECK_NE(text.find("PORTICO_WORKERS"), std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(env_int_range) {
  unsetenv("PORTICO_TEST_INT");
  BOOST_CHECK_EQUAL(env_int("PORTICO_TEST_INT", 7, 1, 10), 7);
  setenv("PORTICO_TEST_INT", "10", 1);
  BOOST_CHECK_EQUAL(env_int("PORTICO_TEST_INT", 7, 1, 10), 10);
  for (const char* bad : {"0", "11", "x", "5 "}) {
    setenv("PORTICO_TEST_INT", bad, 1);
    try {
      env_int("PORTICO_TEST_INT", 7, 1, 10);
      BOOST_ERROR("no throw for " << bad);
    } catch (const ConfigError& e) {
      BOOST_CHECK(mentions(e.problems, "PORTICO_TEST_INT"));
    }
  }
  unsetenv("PORTICO_TEST_INT");
}

BOOST_AUTO_TEST_SUITE_END()
