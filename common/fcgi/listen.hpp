#pragma once
// Where a handler's FastCGI listening socket comes from, in this order:
//  1. systemd socket activation (sd_listen_fds(3)): LISTEN_PID is this process and LISTEN_FDS=1, so the
//     socket is fd 3 (portico-<name>.socket in production);
//  2. PORTICO_SOCKET: a unix socket this process creates, 0660, and removes at exit (scripts/run, tests);
//  3. fd 0, the classic FastCGI convention (spawn-fcgi, systemd StandardInput=socket).
// A socket that is not listening is a configuration error, not a silent exit.
#include <string>

namespace portico::fcgi {

struct ListenSocket {
  int fd = -1;
  bool owned = false;  // created from PORTICO_SOCKET: ours to unlink at exit
  std::string describe;  // for the start-up log line
};

// configured_path: PORTICO_SOCKET (may be empty). Throws ConfigError when no usable socket is found.
ListenSocket listen_socket(const std::string& configured_path);

}  // namespace portico::fcgi
