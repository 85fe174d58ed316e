"""The .deb, installed and run as production runs it: CPack packs the test build (no rebuild; scripts/package
makes the Release package the same way), the package is unpacked into a fresh root (dpkg-deb -x: nothing lands
in this machine's /usr or /etc) and its postinst runs with DPKG_ROOT pointing there (it makes the `portico`
user on the machine, /etc/portico/portico.env and the key file in the root). Then, from the root only: the
INSTALLED portico-admin migrates a fresh database in the test cluster and makes an org and an account, each
INSTALLED handler is started the way its INSTALLED units say (systemd-socket-activate on the .socket's
ListenStream, owner and mode, the .service's ExecStart and EnvironmentFile), the INSTALLED nginx site serves
them on a free port, and a person signs in over HTTPS. Everything started is stopped at the end.

Adapted for the test, and only this: every absolute path of the env file, units and site gets the root's
prefix; the port; the TLS certificate (the test stack's); the database (a fresh one in the test cluster,
whose unix socket only root and postgres may use, which is why the handlers run as root here and not as
`portico` (the units' User=): that the `portico` user can read what it needs is checked separately)."""
import configparser
import glob
import hashlib
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time

import psycopg2
import pytest
import requests

from conftest import csrf_from, env, strong_password, tls_verify

BUILD = None


def run(cmd, **kw):
    kw.setdefault("timeout", 300)
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert p.returncode == 0, f"{' '.join(map(str, cmd))} exited {p.returncode}\n{p.stdout}\n{p.stderr}"
    return p.stdout


def unit(path: str) -> configparser.ConfigParser:
    c = configparser.ConfigParser(strict=False, interpolation=None)
    c.optionxform = str
    c.read(path)
    return c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(what: str, test, seconds: float = 30):
    end = time.time() + seconds
    while time.time() < end:
        if test():
            return
        time.sleep(0.1)
    pytest.fail(f"{what}: not after {seconds} s", pytrace=False)


class Installed:
    def __init__(self):
        self.procs = []
        self.nginx_pid_file = None
        self.created_user = False
        self.dbname = None
        self.root = None


@pytest.fixture(scope="module")
def deb() -> str:
    build = os.path.dirname(os.path.dirname(env("PORTICO_ADMIN")))
    for old in glob.glob(os.path.join(build, "deb", "*.deb")):
        os.unlink(old)
    # zstd: the test build's binaries are large (sanitizers) and zstd packs them fastest; scripts/package
    # uses CPack's default, gzip, which every dpkg reads.
    run(["cpack", "-G", "DEB", "-D", "CPACK_DEBIAN_COMPRESSION_TYPE=zstd"], cwd=build, timeout=600)
    debs = glob.glob(os.path.join(build, "deb", "portico_*_amd64.deb"))
    assert len(debs) == 1, debs
    return debs[0]


@pytest.fixture(scope="module")
def installed(deb, db):
    inst = Installed()
    inst.root = root = tempfile.mkdtemp(prefix="portico-pkg-")
    os.chmod(root, 0o755)
    inst.created_user = subprocess.run(["getent", "passwd", "portico"], capture_output=True).returncode != 0
    try:
        run(["dpkg-deb", "-x", deb, root])
        run(["dpkg-deb", "-e", deb, os.path.join(root, "DEBIAN")])
        run([os.path.join(root, "DEBIAN", "postinst"), "configure"], env={**os.environ, "DPKG_ROOT": root})
        yield inst
    finally:
        for p in inst.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in inst.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        if inst.nginx_pid_file and os.path.exists(inst.nginx_pid_file):
            pid = int(open(inst.nginx_pid_file).read().strip())
            os.kill(pid, signal.SIGQUIT)
            wait("nginx of the package test to stop", lambda: not os.path.exists(f"/proc/{pid}"), 10)
        if inst.dbname:
            db.run(f'DROP DATABASE IF EXISTS "{inst.dbname}" WITH (FORCE)')
        if inst.created_user:
            subprocess.run(["deluser", "--system", "portico"], capture_output=True)
            subprocess.run(["delgroup", "--system", "portico"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def test_package_metadata_and_layout(deb, installed):
    info = run(["dpkg-deb", "-f", deb, "Package", "Version", "Architecture", "Depends"])
    assert os.path.basename(deb) == "portico_0.1.0_amd64.deb"
    # dpkg-shlibdeps found the libraries the binaries link.
    for lib in ("libpq5", "libsodium23", "libfcgi0ldbl", "libctemplate3", "libcurl4", "libmagic1", "adduser"):
        assert lib in info, info
    root = installed.root
    handlers = sorted(os.path.basename(os.path.dirname(m)) for m in glob.glob(
        os.path.join(os.path.dirname(__file__), "..", "..", "handlers", "*", "main.cpp")))
    for name in handlers:
        assert os.access(f"{root}/usr/sbin/portico-{name}", os.X_OK), name
    for path in ("usr/share/portico/templates/static", "usr/share/portico/sql/001_core.sql",
                 "usr/share/portico/portico.env.example", "etc/nginx/sites-available/portico",
                 "etc/nginx/snippets/portico-fastcgi.conf", "etc/nginx/snippets/portico-security-headers.conf",
                 "usr/share/doc/portico/operations.md", "lib/systemd/system/portico-mailer.service",
                 "lib/systemd/system/portico-autocreate.timer"):
        assert os.path.exists(f"{root}/{path}"), path
    conffiles = open(f"{root}/DEBIAN/conffiles").read().split()
    assert "/etc/nginx/sites-available/portico" in conffiles


def fcgi_handlers(root: str) -> list:
    return sorted(re.sub(r"^portico-|\.socket$", "", os.path.basename(p))
                  for p in glob.glob(f"{root}/lib/systemd/system/portico-*.socket"))


def test_units_cover_every_handler_and_are_hardened(installed):
    root = installed.root
    stack = open(os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "lib", "stack.sh")).read()
    handlers = re.search(r"^HANDLERS=\(([^)]*)\)", stack, re.M).group(1).split()
    assert fcgi_handlers(root) == sorted(handlers)
    for name in handlers:
        sock = unit(f"{root}/lib/systemd/system/portico-{name}.socket")["Socket"]
        assert sock["ListenStream"] == f"/run/portico/{name}.sock"
        assert (sock["SocketUser"], sock["SocketMode"]) == ("www-data", "0660")
        svc = unit(f"{root}/lib/systemd/system/portico-{name}.service")["Service"]
        assert svc["ExecStart"] == f"/usr/sbin/portico-{name}"
        assert svc["ExecReload"] == "/bin/kill -HUP $MAINPID"
        for key, value in (("User", "portico"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                           ("PrivateTmp", "yes"), ("ProtectHome", "yes"), ("Restart", "on-failure"),
                           ("EnvironmentFile", "/etc/portico/portico.env")):
            assert svc.get(key) == value, (name, key, svc.get(key))
        assert svc.get("MemoryMax"), name
    mailer = unit(f"{root}/lib/systemd/system/portico-mailer.service")["Service"]
    assert mailer["ExecStart"] == "/usr/sbin/portico-mailer" and mailer["User"] == "portico"


def test_units_pass_systemd_analyze_verify(installed, tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.fail("systemd-analyze is missing (scripts/install-deps installs systemd)")
    root = installed.root
    # The binaries are in the root, not in /usr/sbin: verify copies whose ExecStart points there.
    names = []
    for src in glob.glob(f"{root}/lib/systemd/system/portico-*"):
        text = open(src).read().replace("=/usr/sbin/", f"={root}/usr/sbin/")
        (tmp_path / os.path.basename(src)).write_text(text)
        names.append(str(tmp_path / os.path.basename(src)))
    p = subprocess.run(["systemd-analyze", "verify", *sorted(names)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and not p.stderr.strip() and not p.stdout.strip(), p.stdout + p.stderr


def test_postinst_made_keys_and_env_once_and_never_overwrites(installed):
    root = installed.root
    keys, envf = f"{root}/etc/portico/portico.keys", f"{root}/etc/portico/portico.env"
    for path in (keys, envf):
        st = os.stat(path)
        assert stat.S_IMODE(st.st_mode) == 0o640, (path, oct(st.st_mode))
        assert st.st_uid == 0 and st.st_gid == int(run(["getent", "group", "portico"]).split(":")[2])
    before = hashlib.sha256(open(keys, "rb").read()).hexdigest()
    with open(envf, "a") as f:
        f.write("# edited by the admin\n")
    run([f"{root}/DEBIAN/postinst", "configure", "0.1.0"], env={**os.environ, "DPKG_ROOT": root})
    assert hashlib.sha256(open(keys, "rb").read()).hexdigest() == before
    assert open(envf).read().endswith("# edited by the admin\n")
    # What the units' User=portico needs to read.
    for path in (keys, envf, f"{root}/usr/share/portico/templates/layout", f"{root}/usr/sbin/portico-login"):
        assert subprocess.run(["runuser", "-u", "portico", "--", "test", "-r", path]).returncode == 0, path


def adapt_env(root: str, dsn: str, base_url: str) -> dict:
    """The installed env file, sourced as a shell would (it is also valid for systemd), then adapted."""
    out = run(["bash", "-c", 'set -a; . "$0"; env -0', f"{root}/etc/portico/portico.env"], env={})
    values = dict(item.split("=", 1) for item in out.split("\0") if item.startswith("PORTICO_"))
    for k, v in values.items():
        if v.startswith("/"):
            values[k] = root + v
    values["PORTICO_DB"] = dsn
    values["PORTICO_BASE_URL"] = base_url
    return values


def test_installed_package_migrates_serves_and_signs_in_over_https(installed, db):
    root = installed.root
    port = free_port()
    base = f"https://127.0.0.1:{port}"
    installed.dbname = dbname = f"portico_pkg_{os.getpid()}"
    db.run(f'CREATE DATABASE "{dbname}" OWNER portico')
    dsn = re.sub(r"dbname=\S+", f"dbname={dbname}", os.environ["PORTICO_DB"])
    penv = adapt_env(root, dsn, base)
    run_env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", **penv,
               "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", ""), "UBSAN_OPTIONS": os.environ.get("UBSAN_OPTIONS", "")}
    admin = f"{root}/usr/sbin/portico-admin"

    out = run([admin, "migrate"], env=run_env)
    assert "001_core.sql" in out
    run([admin, "org", "create", "--slug", "pkg", "--name", "Package test", "--base-url", base], env=run_env)
    run([admin, "org", "host", "add", "--org", "pkg", "--host", "127.0.0.1"], env=run_env)
    password = strong_password()
    run([admin, "account", "create", "--org", "pkg", "--email", "first@example.test", "--name", "First Person",
         "--username", "first"], env=run_env, input=password + "\n")

    # Each handler as its units say: the socket's path, owner and mode; the service's program and env file.
    logs = f"{root}/var/log/portico"
    os.makedirs(logs)
    for name in fcgi_handlers(root):
        sock = unit(f"{root}/lib/systemd/system/portico-{name}.socket")["Socket"]
        svc = unit(f"{root}/lib/systemd/system/portico-{name}.service")["Service"]
        assert svc["EnvironmentFile"] == "/etc/portico/portico.env"
        path = root + sock["ListenStream"]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        cmd = ["systemd-socket-activate", "-l", path]
        for k in run_env:
            cmd += ["-E", k]
        cmd += ["--", root + svc["ExecStart"]]
        log = open(f"{logs}/{name}.log", "ab")
        installed.procs.append(subprocess.Popen(cmd, env=run_env, stdin=subprocess.DEVNULL, stdout=log,
                                                stderr=log, start_new_session=True))
        wait(f"socket of portico-{name}", lambda: os.path.exists(path))
        shutil.chown(path, sock["SocketUser"], sock["SocketGroup"])
        os.chmod(path, int(sock["SocketMode"], 8))

    # The installed site, with the root's paths, a free port and the test stack's certificate.
    site = open(f"{root}/etc/nginx/sites-available/portico").read()
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{port} ")
    for prefix in ("/run/portico/", "/usr/share/portico/", "/var/log/nginx/"):
        site = site.replace(prefix, root + prefix)
    site = site.replace("include snippets/", f"include {root}/etc/nginx/snippets/")
    ca = tls_verify()
    assert ca, "PORTICO_TEST_CA is not set"
    site = site.replace("/etc/ssl/certs/portico.crt", ca).replace(
        "/etc/ssl/private/portico.key", os.path.join(os.path.dirname(ca), "tls.key"))
    os.makedirs(f"{root}/etc/nginx/sites-enabled")
    os.makedirs(f"{root}/var/log/nginx", exist_ok=True)
    open(f"{root}/etc/nginx/sites-enabled/portico", "w").write(site)
    installed.nginx_pid_file = f"{root}/run/nginx.pid"
    tmp = f"{root}/var/lib/nginx"
    os.makedirs(tmp)
    shutil.chown(tmp, "www-data")
    # The http block of Debian's /etc/nginx/nginx.conf, reduced to what the site needs.
    open(f"{root}/etc/nginx/nginx.conf", "w").write(f"""
user www-data;
worker_processes 1;
pid {installed.nginx_pid_file};
error_log {root}/var/log/nginx/error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body;
    fastcgi_temp_path {tmp}/fastcgi;
    proxy_temp_path {tmp}/proxy;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    access_log {root}/var/log/nginx/access.log;
    include {root}/etc/nginx/sites-enabled/*;
}}
""")
    run(["nginx", "-t", "-q", "-c", f"{root}/etc/nginx/nginx.conf", "-p", f"{root}/etc/nginx/"])
    run(["nginx", "-c", f"{root}/etc/nginx/nginx.conf", "-p", f"{root}/etc/nginx/"])

    def healthy():
        try:
            return requests.get(f"{base}/healthz", verify=ca, timeout=5).status_code == 200
        except requests.RequestException:
            return False
    wait("the installed stack's /healthz", healthy, 60)

    s = requests.Session()
    r = s.get(f"{base}/login", verify=ca, timeout=30)
    assert r.status_code == 200, r.text[:500]
    r = s.post(f"{base}/login", data={"username": "first", "password": password, "csrf": csrf_from(r.text)},
               verify=ca, timeout=30, allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].endswith("/"), (r.status_code, r.text[:500])
    r = s.get(f"{base}/", verify=ca, timeout=30)
    assert r.status_code == 200 and ("First Person" in r.text or "first" in r.text), r.text[:1000]
    assert r.headers.get("Strict-Transport-Security"), r.headers
    r = s.get(f"{base}/static/portico.css", verify=ca, timeout=30)
    assert r.status_code == 200 and "text/css" in r.headers["Content-Type"]

    # Socket activation happened: the handlers that served took systemd's socket on fd 3.
    for name in ("login", "portal"):
        text = open(f"{logs}/{name}.log", errors="replace").read()
        assert "the socket from systemd (fd 3)" in text, text[-2000:]
    access = open(f"{root}/var/log/nginx/portico-access.log").read()
    assert '"POST /login HTTP' in access and " 303 " in access, access[-2000:]
    for f in glob.glob(f"{logs}/*.log"):
        text = open(f, errors="replace").read()
        assert "AddressSanitizer" not in text and "runtime error" not in text, text[-3000:]
