#include "fcgi/listen.hpp"

#include <fcgiapp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "config/config.hpp"

namespace portico::fcgi {

namespace {
constexpr int kSdListenFdsStart = 3;  // SD_LISTEN_FDS_START

bool is_listening_stream(int fd) {
  int type = 0, listening = 0;
  socklen_t len = sizeof type;
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) return false;
  len = sizeof listening;
  return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

// The sd_listen_fds(3) protocol, read by hand: it is three environment variables, and libsystemd would be
// a dependency for ten lines. Returns -1 when the variables are absent or meant for another process.
int systemd_socket() {
  const char* pid = std::getenv("LISTEN_PID");
  const char* fds = std::getenv("LISTEN_FDS");
  if (!pid || !fds || std::to_string(::getpid()) != pid) return -1;
  std::string n = fds;
  // Never passed on: anything this process starts must not take the socket for its own.
  ::unsetenv("LISTEN_PID");
  ::unsetenv("LISTEN_FDS");
  ::unsetenv("LISTEN_FDNAMES");
  if (n != "1")
    throw ConfigError({"systemd passed " + n + " sockets (LISTEN_FDS); a handler listens on exactly one"});
  ::fcntl(kSdListenFdsStart, F_SETFD, FD_CLOEXEC);
  return kSdListenFdsStart;
}
}  // namespace

ListenSocket listen_socket(const std::string& configured_path) {
  ListenSocket s;
  if (int fd = systemd_socket(); fd >= 0) {
    s = {fd, false, "the socket from systemd (fd 3)"};
  } else if (!configured_path.empty()) {
    ::unlink(configured_path.c_str());
    s.fd = FCGX_OpenSocket(configured_path.c_str(), 128);
    if (s.fd < 0) throw ConfigError({"cannot listen on " + configured_path + ": " + std::strerror(errno)});
    ::chmod(configured_path.c_str(), 0660);
    s.owned = true;
    s.describe = configured_path;
  } else {
    s = {0, false, "the inherited socket on fd 0"};
  }
  if (!is_listening_stream(s.fd))
    throw ConfigError({"no listening socket: " + s.describe +
                       " is not one (set PORTICO_SOCKET, or start through portico-<name>.socket)"});
  return s;
}

}  // namespace portico::fcgi
