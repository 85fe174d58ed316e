#include "fcgi/server.hpp"

#include <fcgiapp.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/password.hpp"
#include "fcgi/fcgi_request.hpp"
#include "fcgi/listen.hpp"
#include "log/log.hpp"
#include "metrics/flusher.hpp"
#include "metrics/request_metrics.hpp"
#include "pg/error.hpp"
#include "tpl/page.hpp"
#include "tpl/templates.hpp"

#ifndef PORTICO_VERSION
#define PORTICO_VERSION "dev"
#endif

namespace portico::fcgi {

namespace {
std::atomic<bool> g_stopping{false};
bool g_have_templates = false;
metrics::RequestMetrics g_metrics;  // this process's request counters (flushed by a metrics::Flusher)
// Written once at stop and never read, so it stays readable and wakes every idle worker. (shutdown() of
// the listening socket would also wake them, but a socket from systemd outlives this process: shut down,
// it would refuse every connection meant for the next start.)
int g_stop_pipe[2] = {-1, -1};

// Waits until a connection is pending (true) or the process stops (false).
bool wait_for_connection(int listen_fd) {
  pollfd fds[2] = {{listen_fd, POLLIN, 0}, {g_stop_pipe[0], POLLIN, 0}};
  while (::poll(fds, 2, -1) < 0)
    if (errno != EINTR) return false;
  return !(fds[1].revents & POLLIN);
}

struct RequestDeleter {
  void operator()(FCGX_Request* r) const {
    FCGX_Free(r, 1);
    delete r;
  }
};

http::Response handle_one(Worker& w, http::Request& req, ErrorFormat fmt, const std::string& name) {
  try {
    return w.handle(req);
  } catch (const http::Error& e) {
    return error_response(e, fmt);
  } catch (const pg::Error& e) {
    if (e.kind == pg::ErrorKind::connection) {
      log::error(name + ": database unavailable: " + e.what());
      return error_response(http::unavailable(), fmt);
    }
    log::error(name + ": database error " + e.sqlstate + ": " + e.what());
  } catch (const std::exception& e) {
    log::error(name + ": unhandled: " + e.what());
  }
  return error_response({500, "internal", "Something went wrong on our side. Please try again."}, fmt);
}

void worker_loop(int listen_fd, const Env& env, const Options& opts, const WorkerFactory& make) {
  std::unique_ptr<Worker> worker;
  try {
    worker = make(env);
  } catch (const std::exception& e) {
    log::error(opts.name + ": worker failed to start: " + e.what());
    ::kill(::getpid(), SIGTERM);  // process-directed, so the signal thread stops the rest
    return;
  }
  std::unique_ptr<FCGX_Request, RequestDeleter> raw(new FCGX_Request);
  FCGX_InitRequest(raw.get(), listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
  while (!g_stopping.load() && wait_for_connection(listen_fd)) {
    // The listening socket is non-blocking: when another worker took the connection first, try again.
    if (int rc = FCGX_Accept_r(raw.get()); rc == -EAGAIN || rc == -EWOULDBLOCK) continue;
    else if (rc < 0) break;
    auto start = std::chrono::steady_clock::now();
    FcgiRequest req(*raw);
    http::Response resp = handle_one(*worker, req, opts.errors, opts.name);
    http::send(req, resp);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::string path = log::redact_path(req.path());
    log::request({req.method(), path, resp.status, ms, req.host()});
    g_metrics.record(resp.status, ms);
    FCGX_Finish_r(raw.get());
  }
}

void usage(const Options& o) {
  std::cout << "portico-" << o.name << " " PORTICO_VERSION " - Portico FastCGI handler\n\n"
            << "Usage: portico-" << o.name << " [--help] [--version]\n\n"
            << "Configured by environment variables:\n"
            << "  PORTICO_DB            libpq conninfo\n"
            << "  PORTICO_KEY_FILE      server key file (portico-admin keygen)\n"
            << "  PORTICO_TEMPLATE_DIR  folder of page templates\n"
            << "  PORTICO_BASE_URL      default base URL of links\n"
            << "  PORTICO_SOCKET        unix socket to listen on (default: the systemd socket on fd 3, else fd 0)\n"
            << "  PORTICO_WORKERS       worker threads (default 4)\n"
            << "  PORTICO_LOG_FORMAT    text or json\n"
            << "  PORTICO_METRICS_FLUSH_MS  how often request counters go to the database (default 10000)\n\n"
            << "Signals: SIGTERM/SIGINT stop after the requests in flight; SIGHUP reloads the templates\n"
            << "(all of them parse, or the ones loaded before keep serving).\n";
}

// SIGHUP: the templates again, swapped in only when every one of them parses.
void reload_templates(const Config& config) {
  if (!g_have_templates) {
    log::info("SIGHUP: this program has no templates to reload");
    return;
  }
  try {
    auto problems = tpl::reload();
    if (problems.empty()) {
      log::info("templates reloaded from " + config.template_dir);
      return;
    }
    for (const auto& p : problems)
      log::error("template reload refused, the templates loaded before keep serving: " + p.str());
  } catch (const std::exception& e) {
    log::error("template reload refused, the templates loaded before keep serving: " + std::string(e.what()));
  }
}

// Freed memory stays for the next request. By default glibc gives a worker arena's free top back to the
// kernel (madvise) once it passes 128 KiB, so a 30 KB page was faulted in again on every request, with a
// TLB shoot-down across cores in between (perf, docs/performance.md). Setting the trim threshold also
// stops glibc's moving mmap threshold, so that one is set too: blocks up to 1 MiB (a document's 256 KiB
// chunks) come from the arenas, not from a fresh mmap each time. At most 2 MiB per arena stays unused.
void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 2 << 20);
}
}  // namespace

http::Response error_response(const http::Error& e, ErrorFormat format) {
  http::Response r;
  if (format == ErrorFormat::json) {
    nlohmann::json j{{"error", {{"code", e.code}, {"message", e.what()}}}};
    if (!e.fields.empty()) j["error"]["fields"] = e.fields;
    r = http::Response::json(j, e.status);
  } else if (g_have_templates) {
    try {
      tpl::Page page("error/error.tpl", {.title = http::reason_phrase(e.status)});
      page.body().SetValue("HEADING", http::reason_phrase(e.status));
      page.body().SetValue("MESSAGE", e.what());
      r = page.render(e.status);
    } catch (const std::exception&) {
      r = http::Response::text(e.what(), "text/plain; charset=utf-8", e.status);
    }
  } else {
    r = http::Response::text(e.what(), "text/plain; charset=utf-8", e.status);
  }
  for (const auto& [k, v] : e.headers) r.set(k, v);
  return r;
}

int serve(int argc, char** argv, const Options& opts, const WorkerFactory& make_worker) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") { usage(opts); return 0; }
    if (a == "--version") { std::cout << "portico-" << opts.name << " " PORTICO_VERSION "\n"; return 0; }
    std::cerr << "portico-" << opts.name << ": unknown argument '" << a << "' (see --help)\n";
    return 2;
  }
  log::set_program("portico-" + opts.name);
  Env env;
  try {
    env.config = load_config(opts.needs);
    log::set_json(env.config.log_json);
    if (opts.needs & kNeedKeys) env.keys = crypto::Keys::load(env.config.key_file);
    if (opts.needs & kNeedTemplates) {
      tpl::init(env.config.template_dir);
      g_have_templates = true;
    }
  } catch (const std::exception& e) {
    std::cerr << "portico-" << opts.name << ": " << e.what() << "\n";
    return 78;  // EX_CONFIG: systemd will not restart in a loop on a config error
  }
  crypto::set_hash_concurrency(std::max(1u, std::thread::hardware_concurrency()));
  keep_freed_memory();
  std::chrono::milliseconds flush_period{0};
  try {
    flush_period = std::chrono::milliseconds(env_int("PORTICO_METRICS_FLUSH_MS", 10000, 50, 3600000));
  } catch (const std::exception& e) {
    std::cerr << "portico-" << opts.name << ": " << e.what() << "\n";
    return 78;
  }

  if (FCGX_Init() != 0) { log::error("FCGX_Init failed"); return 1; }
  ListenSocket listen;
  try {
    listen = listen_socket(env.config.socket);
  } catch (const std::exception& e) {
    std::cerr << "portico-" << opts.name << ": " << e.what() << "\n";
    return 78;
  }
  const int listen_fd = listen.fd;
  // Accepted connections do not inherit O_NONBLOCK (Linux), so only accept() itself stops blocking.
  if (::pipe2(g_stop_pipe, O_CLOEXEC) != 0 || ::fcntl(listen_fd, F_SETFL, ::fcntl(listen_fd, F_GETFL) | O_NONBLOCK) != 0) {
    log::error(std::string("cannot set up the listening socket: ") + std::strerror(errno));
    return 1;
  }

  // Signals go to one thread; workers never see them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::thread signals([&] {
    for (;;) {
      int sig = 0;
      sigwait(&set, &sig);
      if (sig != SIGHUP) break;
      reload_templates(env.config);
    }
    g_stopping = true;
    FCGX_ShutdownPending();
    [[maybe_unused]] auto n = ::write(g_stop_pipe[1], "x", 1);  // wakes every idle worker
  });

  log::info("serving on " + listen.describe + " with " + std::to_string(env.config.workers) + " workers");
  std::optional<metrics::Flusher> flusher;  // destroyed after the workers: a last flush of what they counted
  if (opts.needs & kNeedDb) flusher.emplace(opts.name, env.config.db, g_metrics, flush_period);
  std::vector<std::thread> workers;
  for (int i = 0; i < env.config.workers; ++i)
    workers.emplace_back(worker_loop, listen_fd, std::cref(env), std::cref(opts), std::cref(make_worker));
  for (auto& t : workers) t.join();
  if (!g_stopping.exchange(true)) pthread_kill(signals.native_handle(), SIGTERM);
  signals.join();
  flusher.reset();
  if (listen.owned) ::unlink(env.config.socket.c_str());
  log::info("stopped");
  return 0;
}

}  // namespace portico::fcgi
