#pragma once
// The accept loop every handler shares: N worker threads, each with its own FCGX_Request and its own
// worker object (and so its own database connection); failures are turned into responses in one place;
// SIGTERM/SIGINT stop accepting and let requests in flight finish.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "crypto/keys.hpp"
#include "http/error.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace portico::fcgi {

// What every worker of a process shares, read-only after start.
struct Env {
  Config config;
  std::optional<crypto::Keys> keys;
};

class Worker {
 public:
  virtual ~Worker() = default;
  virtual http::Response handle(http::Request& req) = 0;
};

enum class ErrorFormat { html, json };

struct Options {
  std::string name;         // "login": the program is portico-login
  unsigned needs = 0;       // kNeed* of config.hpp
  ErrorFormat errors = ErrorFormat::html;
};

using WorkerFactory = std::function<std::unique_ptr<Worker>(const Env&)>;

// Parses --help/--version, loads config, keys and templates, then serves until SIGTERM. Returns the exit code.
int serve(int argc, char** argv, const Options& opts, const WorkerFactory& make_worker);

// The one place a failure becomes a response (also used by handlers that catch to add context).
http::Response error_response(const http::Error& e, ErrorFormat format);

}  // namespace portico::fcgi
