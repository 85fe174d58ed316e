"""Every built program answers --help and --version (exit 0, naming itself and the version), and a FastCGI
handler takes its listening socket from systemd (LISTEN_FDS, fd 3) and leaves it usable for the next start,
as portico-<name>.socket needs: a restart must lose no connection."""
import glob
import os
import re
import signal
import socket
import subprocess
import tempfile
import time

import pytest

from conftest import env


def bin_dir() -> str:
    return os.path.dirname(env("PORTICO_ADMIN"))


def programs() -> list:
    return sorted(p for p in glob.glob(os.path.join(bin_dir(), "portico-*")) if os.access(p, os.X_OK))


def project_version() -> str:
    text = open(os.path.join(os.path.dirname(__file__), "..", "..", "CMakeLists.txt")).read()
    return re.search(r"project\(portico VERSION ([0-9.]+)", text).group(1)


def test_every_handler_job_and_the_cli_are_built():
    names = {os.path.basename(p) for p in programs()}
    handlers = {os.path.basename(os.path.dirname(m)) for m in glob.glob(
        os.path.join(os.path.dirname(__file__), "..", "..", "handlers", "*", "main.cpp"))}
    assert names == {f"portico-{h}" for h in handlers}, names


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_every_program_has_help_and_version(flag):
    version = project_version()
    for prog in programs():
        name = os.path.basename(prog)
        # No PORTICO_* environment: both flags must work before (and without) any configuration.
        clean = {k: v for k, v in os.environ.items() if not k.startswith("PORTICO_")}
        p = subprocess.run([prog, flag], capture_output=True, text=True, timeout=30, env=clean)
        assert p.returncode == 0, f"{name} {flag} exited {p.returncode}: {p.stderr}"
        assert name in p.stdout, f"{name} {flag} does not name the program: {p.stdout!r}"
        if flag == "--version":
            assert p.stdout.strip() == f"{name} {version}", p.stdout
        else:
            assert "Usage:" in p.stdout and len(p.stdout.splitlines()) >= 3, p.stdout


def fcgi_get(sock_path: str, path: str) -> str:
    """One GET through cgi-fcgi (libfcgi-bin), the FastCGI client of the same library."""
    params = {"REQUEST_METHOD": "GET", "DOCUMENT_URI": path, "REQUEST_URI": path, "SCRIPT_NAME": path,
              "QUERY_STRING": "", "PORTICO_HOST": "nobody.invalid", "HTTPS": "on", "REMOTE_ADDR": "127.0.0.1",
              "SERVER_PROTOCOL": "HTTP/1.1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    p = subprocess.run(["cgi-fcgi", "-bind", "-connect", sock_path], env=params, capture_output=True,
                       timeout=30, stdin=subprocess.DEVNULL)
    return p.stdout.decode("utf-8", "replace")


class SystemdLikeSocket:
    """What systemd does for portico-<name>.socket: it owns the listening socket and starts the service with
    it on fd 3, LISTEN_FDS=1 and LISTEN_PID set to the service's own pid."""

    def __init__(self, path: str):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(16)

    def start(self, program: str, log) -> subprocess.Popen:
        fd = self.sock.fileno()
        # bash: $$ is the pid that exec keeps, so LISTEN_PID names the handler itself.
        script = f'exec 3<&{fd}; LISTEN_PID=$$ LISTEN_FDS=1 exec "$0"'
        return subprocess.Popen(["bash", "-c", script, program], pass_fds=(fd,), stdin=subprocess.DEVNULL,
                                stdout=log, stderr=log, start_new_session=True,
                                env={k: v for k, v in os.environ.items() if k != "PORTICO_SOCKET"})


def stop(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    return proc.wait(timeout=20)


def test_handler_takes_the_systemd_socket_and_leaves_it_usable_after_a_restart():
    env("PORTICO_DB")
    with tempfile.TemporaryDirectory(prefix="portico-sd-") as tmp:
        path = os.path.join(tmp, "portal.sock")
        holder = SystemdLikeSocket(path)
        log_path = os.path.join(tmp, "portal.log")
        with open(log_path, "ab") as log:
            first = holder.start(os.path.join(bin_dir(), "portico-portal"), log)
            try:
                answer = fcgi_get(path, "/healthz")
            finally:
                first_rc = stop(first)
            assert "Status: 200" in answer, answer
            assert first_rc == 0, "the handler did not stop cleanly on SIGTERM"
            # A request that arrives while the handler is down waits in the socket's backlog (systemd would
            # start the service for it) and is served by the next start: the socket was not shut down.
            client = subprocess.Popen(["cgi-fcgi", "-bind", "-connect", path], env={
                "REQUEST_METHOD": "GET", "DOCUMENT_URI": "/healthz", "REQUEST_URI": "/healthz",
                "SCRIPT_NAME": "/healthz", "QUERY_STRING": "", "PORTICO_HOST": "x.invalid", "HTTPS": "on",
                "REMOTE_ADDR": "127.0.0.1"}, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
            time.sleep(0.3)
            assert client.poll() is None, "the connection was refused while the handler was down"
            second = holder.start(os.path.join(bin_dir(), "portico-portal"), log)
            try:
                out, _ = client.communicate(timeout=30)
            finally:
                second_rc = stop(second)
            assert b"Status: 200" in out, out
            assert second_rc == 0
        text = open(log_path, encoding="utf-8", errors="replace").read()
        assert text.count("the socket from systemd (fd 3)") == 2, text
        assert "AddressSanitizer" not in text and "runtime error" not in text, text


def test_a_handler_without_a_listening_socket_says_so():
    p = subprocess.run([os.path.join(bin_dir(), "portico-portal")], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL, env={k: v for k, v in os.environ.items() if k != "PORTICO_SOCKET"})
    assert p.returncode == 78, (p.returncode, p.stderr)
    assert "no listening socket" in p.stderr, p.stderr
