// The FastCGI baselines of scripts/bench/run: the least a libfcgi responder behind the same
// nginx can do. Same shape as Portico's accept loop (N threads, each with its own FCGX_Request and, in
// 1q mode, its own PostgreSQL connection), none of its work.
//   noop: answers a fixed small page.
//   1q:   runs one prepared primary-key query per request and prints its row.
// Usage: bench-fcgi-baseline noop|1q SOCKET [THREADS]   (1q reads the libpq conninfo from PORTICO_DB)
#include <fcgiapp.h>
#include <libpq-fe.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

bool g_query = false;
int g_fd = -1;

void fail(const std::string& what) {
  std::fprintf(stderr, "bench-fcgi-baseline: %s\n", what.c_str());
  std::exit(1);
}

void worker(unsigned n) {
  PGconn* db = nullptr;
  if (g_query) {
    const char* dsn = std::getenv("PORTICO_DB");
    db = PQconnectdb(dsn ? dsn : "");
    if (PQstatus(db) != CONNECTION_OK) fail(std::string("connect: ") + PQerrorMessage(db));
    PGresult* r = PQprepare(db, "pk", "SELECT id, slug, display_name FROM org WHERE id = $1", 1, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fail(std::string("prepare: ") + PQerrorMessage(db));
    PQclear(r);
  }
  FCGX_Request req;
  FCGX_InitRequest(&req, g_fd, 0);
  std::string body;
  while (FCGX_Accept_r(&req) == 0) {
    body = "<!doctype html><title>noop</title><p>worker " + std::to_string(n);
    if (db) {
      const char* id = FCGX_GetParam("QUERY_STRING", req.envp);
      const char* params[1] = {id && *id ? id : "1"};
      PGresult* r = PQexecPrepared(db, "pk", 1, params, nullptr, nullptr, 0);
      if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
        body += " org " + std::string(PQgetvalue(r, 0, 1)) + " " + PQgetvalue(r, 0, 2);
      } else {
        body += " no row";
      }
      PQclear(r);
    }
    body += "\n";
    FCGX_FPrintF(req.out, "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n",
                 static_cast<int>(body.size()));
    FCGX_PutStr(body.data(), static_cast<int>(body.size()), req.out);
    FCGX_Finish_r(&req);
  }
  if (db) PQfinish(db);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || (std::strcmp(argv[1], "noop") != 0 && std::strcmp(argv[1], "1q") != 0))
    fail("usage: bench-fcgi-baseline noop|1q SOCKET [THREADS]");
  g_query = std::strcmp(argv[1], "1q") == 0;
  unsigned threads = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 4;
  if (threads < 1 || threads > 256) fail("THREADS must be 1..256");
  FCGX_Init();
  // libfcgi catches SIGTERM and only ends after the next request: the default action lets a stop end it.
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGPIPE, SIG_IGN);
  g_fd = FCGX_OpenSocket(argv[2], 128);
  if (g_fd < 0) fail(std::string("cannot listen on ") + argv[2]);
  ::chmod(argv[2], 0660);  // like the handlers: nginx's workers reach it through the run folder's group
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker, i);
  for (auto& t : pool) t.join();
}
