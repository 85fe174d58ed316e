#include "log/log.hpp"

#include <cstdio>
#include <ctime>
#include <mutex>

#include <nlohmann/json.hpp>

namespace portico::log {
namespace {
bool g_json = false;
std::string g_program = "portico";
std::mutex g_mutex;

std::string now_iso() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  tm t{};
  gmtime_r(&ts.tv_sec, &t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", t.tm_year + 1900, t.tm_mon + 1,
                t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, ts.tv_nsec / 1000000);
  return buf;
}

void emit(const std::string& line) {
  std::lock_guard lock(g_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

void message(std::string_view level, std::string_view text) {
  if (g_json) {
    nlohmann::json j{{"ts", now_iso()}, {"program", g_program}, {"level", level}, {"msg", text}};
    emit(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    emit(now_iso() + " " + g_program + " " + std::string(level) + " " + std::string(text));
  }
}

bool token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}
}  // namespace

void set_json(bool json) { g_json = json; }
void set_program(std::string_view name) { g_program = name; }
void info(std::string_view m) { message("info", m); }
void error(std::string_view m) { message("error", m); }

std::string redact_path(std::string_view path) {
  // A segment of 20+ token characters is a secret (link tokens are far longer than any id or slug).
  std::string out;
  out.reserve(path.size());
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { out += '/'; ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    bool all_token = true;
    for (char c : seg) all_token = all_token && token_char(c);
    out += (seg.size() >= 20 && all_token) ? std::string_view("[token]") : seg;
    i = j;
  }
  return out;
}

void request(const RequestLine& r) {
  if (g_json) {
    nlohmann::json j{{"ts", now_iso()},        {"program", g_program}, {"method", r.method},
                     {"path", r.path},         {"status", r.status},   {"ms", r.duration_ms},
                     {"host", r.host}};
    emit(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.2f", r.duration_ms);
    emit(now_iso() + " " + g_program + " " + std::string(r.method) + " " + std::string(r.path) + " " +
         std::to_string(r.status) + " " + ms + "ms" + (r.host.empty() ? "" : " host=" + std::string(r.host)));
  }
}

}  // namespace portico::log
