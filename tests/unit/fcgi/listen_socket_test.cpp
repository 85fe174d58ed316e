#include <boost/test/unit_test.hpp>

#include <fcgiapp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "config/config.hpp"
#include "fcgi/listen.hpp"

using namespace portico;

namespace {
std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".sock")).string();
}

// Puts a listening unix socket (or, with listen_too = false, a bound one) on fd 3, as systemd would.
struct SystemdFd3 {
  std::string path = temp_path("listen-test-fd3");
  explicit SystemdFd3(bool listen_too = true) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    path.copy(a.sun_path, sizeof a.sun_path - 1);
    ::unlink(path.c_str());
    BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    if (listen_too) BOOST_REQUIRE(::listen(fd, 8) == 0);
    if (fd != 3) {
      BOOST_REQUIRE(::dup2(fd, 3) == 3);
      ::close(fd);
    }
  }
  ~SystemdFd3() {
    ::close(3);
    ::unlink(path.c_str());
    ::unsetenv("LISTEN_PID");
    ::unsetenv("LISTEN_FDS");
  }
};

void set_listen_env(const std::string& pid, const std::string& fds) {
  ::setenv("LISTEN_PID", pid.c_str(), 1);
  ::setenv("LISTEN_FDS", fds.c_str(), 1);
}
}  // namespace

BOOST_AUTO_TEST_CASE(takes_fd_3_from_systemd_and_clears_the_variables) {
  SystemdFd3 fd3;
  set_listen_env(std::to_string(::getpid()), "1");
  auto s = fcgi::listen_socket("");
  BOOST_TEST(s.fd == 3);
  BOOST_TEST(!s.owned);
  BOOST_TEST(std::getenv("LISTEN_FDS") == nullptr);
  BOOST_TEST(std::getenv("LISTEN_PID") == nullptr);
}

BOOST_AUTO_TEST_CASE(systemd_socket_wins_over_the_configured_path) {
  SystemdFd3 fd3;
  set_listen_env(std::to_string(::getpid()), "1");
  std::string path = temp_path("listen-test-unused");
  BOOST_TEST(fcgi::listen_socket(path).fd == 3);
  BOOST_TEST(!std::filesystem::exists(path));
}

BOOST_AUTO_TEST_CASE(variables_for_another_process_are_ignored) {
  SystemdFd3 fd3;
  set_listen_env(std::to_string(::getpid() + 1), "1");
  std::string path = temp_path("listen-test-own");
  auto s = fcgi::listen_socket(path);
  BOOST_TEST(s.fd != 3);
  BOOST_TEST(s.owned);
  BOOST_TEST(std::filesystem::is_socket(path));
  ::close(s.fd);
  ::unlink(path.c_str());
}

BOOST_AUTO_TEST_CASE(more_than_one_socket_is_a_config_error) {
  SystemdFd3 fd3;
  set_listen_env(std::to_string(::getpid()), "2");
  BOOST_CHECK_EXCEPTION(fcgi::listen_socket(""), ConfigError,
                        [](const ConfigError& e) { return std::string(e.what()).find("exactly one") != std::string::npos; });
}

BOOST_AUTO_TEST_CASE(a_socket_that_does_not_listen_is_a_config_error) {
  SystemdFd3 fd3(false);
  set_listen_env(std::to_string(::getpid()), "1");
  BOOST_CHECK_THROW(fcgi::listen_socket(""), ConfigError);
}

BOOST_AUTO_TEST_CASE(fd_0_that_is_no_socket_is_a_config_error) {
  // ctest gives the test no socket on fd 0 (a terminal, a pipe or /dev/null).
  ::unsetenv("LISTEN_PID");
  ::unsetenv("LISTEN_FDS");
  BOOST_CHECK_EXCEPTION(fcgi::listen_socket(""), ConfigError,
                        [](const ConfigError& e) { return std::string(e.what()).find("no listening socket") != std::string::npos; });
}
