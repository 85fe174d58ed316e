"""Fixtures for the integration suite: it drives the real stack (nginx -> FastCGI handlers -> PostgreSQL)
over HTTPS. scripts/test starts the stack and exports:

  PORTICO_TEST_URL       e.g. https://127.0.0.1:9443 (self-signed certificate)
  PORTICO_TEST_DSN       psycopg2 conninfo, superuser, database portico
  PORTICO_TEST_MAIL_DIR  where the test SMTP server keeps messages
  PORTICO_ADMIN          path of portico-admin (PORTICO_DB, PORTICO_KEY_FILE, PORTICO_SQL_DIR exported)
  PORTICO_TEST_LOG_DIR   handler logs (*.log)

Every org is made through portico-admin and reached by its own Host header. The database is used for
assertions and for time travel only (ageing sessions), never to set up what the product can do itself.
"""
import concurrent.futures
import glob
import os
import re
import secrets
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Optional

import pytest
import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

ENV_VARS = ("PORTICO_TEST_URL", "PORTICO_TEST_DSN", "PORTICO_ADMIN", "PORTICO_TEST_LOG_DIR")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

SESSION_COOKIE = "__Host-portico"
PRE_COOKIE = "__Host-portico-pre"
LOGIN_FAILED = "The username or password is incorrect."
THROTTLED = "Too many failed sign-in attempts. Please wait 15 minutes and try again."
WRONG_CURRENT = "Your current password is not correct."
PASSWORD_CHANGED = "Your password has been changed."
TIMEOUT = 30


def env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        pytest.fail(f"{name} is not set: run the suite through scripts/test, which starts the stack "
                    f"and exports {', '.join(ENV_VARS)}", pytrace=False)
    return value


def base_url() -> str:
    return env("PORTICO_TEST_URL").rstrip("/")


def tls_verify():
    """The stack's self-signed certificate when scripts/test names it (PORTICO_TEST_CA), else no check.
    Passed on every request: a session-level verify=False would lose to REQUESTS_CA_BUNDLE."""
    return os.environ.get("PORTICO_TEST_CA") or False


def strong_password() -> str:
    return secrets.token_urlsafe(18)


def uniq(prefix: str = "") -> str:
    return prefix + secrets.token_hex(5)


# --------------------------------------------------------------------------------------------- admin CLI

def admin(*args: str, stdin: Optional[str] = None, check: bool = True) -> subprocess.CompletedProcess:
    cmd = [env("PORTICO_ADMIN"), *args]
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60)
    if check and p.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} exited {p.returncode}\nstdout: {p.stdout}\nstderr: {p.stderr}",
                    pytrace=False)
    return p


def last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert lines, "portico-admin printed nothing"
    return lines[-1]


# ------------------------------------------------------------------------------------------ HTTP client

_INPUT_RE = re.compile(r"<input\b[^>]*>", re.I | re.S)
_ATTR_RE = re.compile(r'([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+))')


def input_attrs(html: str):
    for tag in _INPUT_RE.findall(html):
        yield {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR_RE.finditer(tag)}


def csrf_from(html: str) -> str:
    """The value of the form's hidden csrf field (name="csrf" value="...")."""
    values = {a.get("value", "") for a in input_attrs(html) if a.get("name") == "csrf"}
    values.discard("")
    assert values, "no csrf field (name=\"csrf\" value=\"...\") in the page:\n" + html[:2000]
    assert len(values) == 1, f"several different csrf tokens on one page: {values}"
    return values.pop()


def field_names(html: str) -> set:
    return {a.get("name") for a in input_attrs(html) if a.get("name")}


def set_cookies(r: requests.Response) -> list:
    """Every Set-Cookie header of the response, unmerged."""
    return r.raw.headers.getlist("Set-Cookie")


@dataclass
class SetCookie:
    name: str
    value: str
    attrs: dict  # lower-cased attribute name -> value ('' for flags)

    @classmethod
    def parse(cls, header: str) -> "SetCookie":
        parts = [p.strip() for p in header.split(";")]
        name, _, value = parts[0].partition("=")
        attrs = {}
        for p in parts[1:]:
            if not p:
                continue
            k, _, v = p.partition("=")
            attrs[k.strip().lower()] = v.strip()
        return cls(name.strip(), value.strip(), attrs)


def cookie_set(r: requests.Response, name: str) -> Optional[SetCookie]:
    found = [c for c in map(SetCookie.parse, set_cookies(r)) if c.name == name]
    assert len(found) <= 1, f"{name} set {len(found)} times: {set_cookies(r)}"
    return found[0] if found else None


def location_path(r: requests.Response) -> str:
    loc = r.headers.get("Location")
    assert loc, f"no Location header on {r.status_code} {r.request.method} {r.request.path_url}"
    return urllib.parse.urlsplit(loc).path


def assert_redirect(r: requests.Response, path: str, status: int = 303):
    assert r.status_code == status, f"expected {status} to {path}, got {r.status_code}: {r.text[:500]}"
    assert location_path(r) == path, f"redirected to {r.headers.get('Location')}, expected {path}"


class Client:
    """A browser for one person at one org: its own cookie jar, the org's Host header on every request."""

    def __init__(self, host: str):
        self.host = host
        self.base = base_url()
        self.s = requests.Session()
        self.s.verify = False

    def request(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"Host": self.host, "User-Agent": "portico-integration-tests"}
        headers.update(kw.pop("headers", None) or {})
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("verify", tls_verify())
        return self.s.request(method, self.base + path, headers=headers, **kw)

    def get(self, path: str, **kw) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, data=None, **kw) -> requests.Response:
        return self.request("POST", path, data=data, **kw)

    # Cookies ------------------------------------------------------------------------------------
    def cookie(self, name: str = SESSION_COOKIE) -> Optional[str]:
        vals = [c.value for c in self.s.cookies if c.name == name]
        return vals[-1] if vals else None

    def set_cookie(self, name: str, value: str):
        self.s.cookies.set(name, value, domain=self.host, path="/", secure=True)

    def clear_cookies(self):
        self.s.cookies.clear()

    # Pages --------------------------------------------------------------------------------------
    def csrf(self, path: str = "/login") -> str:
        r = self.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
        return csrf_from(r.text)

    def login(self, username: str, password: str, headers: Optional[dict] = None) -> requests.Response:
        token = self.csrf("/login")
        return self.post("/login", data={"username": username, "password": password, "csrf": token},
                         headers=headers)

    def login_ok(self, username: str, password: str, to: str = "/") -> requests.Response:
        r = self.login(username, password)
        assert_redirect(r, to)
        assert self.cookie(SESSION_COOKIE), "signed in without a session cookie"
        return r

    def session_csrf(self) -> str:
        """The CSRF token bound to the current session (from the change-password form)."""
        return self.csrf("/account")

    def logout(self) -> requests.Response:
        return self.post("/logout", data={"csrf": self.session_csrf()})

    def signed_in(self) -> bool:
        r = self.get("/")
        if r.status_code == 200:
            return True
        assert_redirect(r, "/login")
        return False


def raw_request(method: str, host: str, path: str, cookies: Optional[dict] = None, **kw) -> requests.Response:
    """One request with no cookie jar, sending exactly the cookies given."""
    headers = {"Host": host, "User-Agent": "portico-integration-tests"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    headers.update(kw.pop("headers", None) or {})
    kw.setdefault("allow_redirects", False)
    kw.setdefault("timeout", TIMEOUT)
    kw.setdefault("verify", tls_verify())
    with requests.Session() as s:
        s.verify = False
        r = s.request(method, base_url() + path, headers=headers, **kw)
        if path.startswith("/api/"):
            API_CALLS.append(ApiCall.of(method, r))
        return r


@dataclass
class ApiCall:
    """One staff API call as test_zz_openapi_responses.py checks it: what came back, for which operation."""
    method: str
    path: str  # as requested, without the query
    status: int
    content_type: str
    size: int
    body: bytes  # JSON bodies only

    @staticmethod
    def of(method: str, r: requests.Response) -> "ApiCall":
        ctype = r.headers.get("Content-Type", "")
        body = r.content if ctype.startswith("application/json") else b""
        return ApiCall(method.upper(), urllib.parse.urlsplit(r.request.url).path, r.status_code, ctype,
                       len(r.content), body)


API_CALLS: list = []


class Api:
    """Staff API client for one org's Host, with a bearer key (or none)."""

    def __init__(self, host: str, key: Optional[str]):
        self.host = host
        self.key = key
        self.base = base_url()
        self.s = requests.Session()
        self.s.verify = False

    def request(self, method: str, path: str, **kw) -> requests.Response:
        headers = {"Host": self.host, "User-Agent": "portico-integration-tests", "Accept": "application/json"}
        if self.key is not None:
            headers["Authorization"] = f"Bearer {self.key}"
        headers.update(kw.pop("headers", None) or {})
        kw.setdefault("allow_redirects", False)
        kw.setdefault("timeout", TIMEOUT)
        kw.setdefault("verify", tls_verify())
        if not path.startswith("/"):
            path = "/api/v1/" + path
        r = self.s.request(method, self.base + path, headers=headers, **kw)
        API_CALLS.append(ApiCall.of(method, r))  # checked against the OpenAPI document at the end of the run
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        if body is not None:
            kw["json"] = body
        return self.request("POST", path, **kw)

    def patch(self, path, body=None, **kw):
        if body is not None:
            kw["json"] = body
        return self.request("PATCH", path, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    # Convenience: expect success ----------------------------------------------------------------
    def create(self, collection: str, body: dict) -> dict:
        r = self.post(collection, body)
        assert r.status_code == 201, f"POST {collection} {body}: {r.status_code} {r.text[:500]}"
        obj = r.json()
        assert isinstance(obj, dict) and isinstance(obj.get("id"), int), f"created object has no id: {obj}"
        return obj

    def read(self, path: str) -> dict:
        r = self.get(path)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
        return r.json()

    def list(self, collection: str, **params) -> dict:
        r = self.get(collection, params=params)
        assert r.status_code == 200, f"GET {collection} {params}: {r.status_code} {r.text[:500]}"
        body = r.json()
        assert set(body) >= {"data", "next_after"}, f"list body lacks data/next_after: {body}"
        return body

    def list_all(self, collection: str, **params) -> list:
        out, after = [], None
        for _ in range(1000):
            p = dict(params)
            if after is not None:
                p["after"] = after
            body = self.list(collection, **p)
            out.extend(body["data"])
            after = body["next_after"]
            if after is None or not body["data"]:
                return out
        raise AssertionError("pagination never ended")


def assert_api_error(r: requests.Response, status, code: Optional[str] = None):
    statuses = status if isinstance(status, (tuple, list, set)) else (status,)
    assert r.status_code in statuses, f"expected {statuses}, got {r.status_code}: {r.text[:500]}"
    assert r.headers.get("Content-Type", "").startswith("application/json"), \
        f"error is not JSON: {r.headers.get('Content-Type')} {r.text[:300]}"
    body = r.json()
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), f"not an error object: {body}"
    err = body["error"]
    assert isinstance(err.get("code"), str) and err["code"], f"error without code: {body}"
    assert isinstance(err.get("message"), str) and err["message"], f"error without message: {body}"
    if code is not None:
        assert err["code"] == code, f"error code {err['code']!r}, expected {code!r}"
    return err


# ---------------------------------------------------------------------------------------- orgs and people

@dataclass
class Org:
    slug: str
    host: str
    id: int

    def client(self) -> Client:
        return Client(self.host)

    def api(self, key: Optional[str]) -> Api:
        return Api(self.host, key)


@dataclass
class Account:
    org: Org
    username: str
    password: str
    email: str
    name: str
    id: int
    contact_id: int = 0
    extra: dict = field(default_factory=dict)

    def client(self) -> Client:
        return self.org.client()

    def signed_in_client(self) -> Client:
        c = self.org.client()
        c.login_ok(self.username, self.password)
        return c


def create_org(db) -> Org:
    slug = uniq("t")
    host = f"{slug}.test"
    admin("org", "create", "--slug", slug, "--name", f"Test org {slug}", "--base-url", f"https://{host}",
          "--contact-email", f"office@{host}")
    admin("org", "host", "add", "--org", slug, "--host", host)
    row = db.one("SELECT id FROM org WHERE slug = %s", (slug,))
    assert row, f"org {slug} not in the database after org create"
    assert db.one("SELECT org_id FROM org_host WHERE host = %s", (host,)) == (row[0],)
    return Org(slug, host, row[0])


def create_account(db, org: Org, username: Optional[str] = None, password: Optional[str] = None,
                   kind: Optional[str] = None, external: bool = False) -> Account:
    username = username or uniq("user")
    password = password or strong_password()
    email = f"{username.lower()}@example.test"
    name = f"Person {username}"
    args = ["account", "create", "--org", org.slug, "--email", email, "--name", name, "--username", username]
    if kind:
        args += ["--kind", kind]
    if external:
        args.append("--external-assignee")
    p = admin(*args, stdin=password + "\n")
    row = db.one("SELECT id, contact_id, state FROM account WHERE org_id = %s AND lower(username) = lower(%s)",
                 (org.id, username))
    assert row, f"account {username} not in the database after account create: {p.stdout} {p.stderr}"
    assert row[2] == "active", f"account created with a password is {row[2]!r}, expected 'active'"
    assert str(row[0]) in p.stdout, f"account create should print the account id {row[0]}: {p.stdout!r}"
    return Account(org, username, password, email, name, row[0], row[1])


def create_apikey(org: Org, permissions: str = "contacts") -> str:
    p = admin("apikey", "create", "--org", org.slug, "--name", uniq("key"), "--permissions", permissions)
    lines = [ln.strip() for ln in p.stdout.splitlines() if ln.strip()]
    keys = [ln for ln in lines if ln.startswith("pk_")]
    key = keys[-1] if keys else last_line(p.stdout)
    assert len(key) >= 32 and " " not in key, f"apikey create printed no key: {p.stdout!r}"
    return key


def run_dir() -> str:
    """The stack's run folder (sockets and pid files), next to its log folder."""
    return os.path.join(os.path.dirname(env("PORTICO_TEST_LOG_DIR").rstrip("/")), "run")


def handler_pids(name: str) -> list:
    """Pids of this stack's running portico-<name> (the children of its supervisor, whose pid file is in
    run_dir(); other checkouts may run stacks of their own)."""
    with open(os.path.join(run_dir(), f"{name}.pid")) as f:
        supervisor = f.read().strip()
    out = subprocess.run(["pgrep", "-P", supervisor, "-f", f"/portico-{name}$"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


# ------------------------------------------------------------------------------------------------ database

class Db:
    def __init__(self, dsn: str):
        self.dsn = dsn
        self.reconnect()

    def reconnect(self):
        """A new connection (after a test restarted the server)."""
        import psycopg2
        self.conn = psycopg2.connect(self.dsn)
        self.conn.autocommit = True

    def run(self, sql: str, args=()) -> int:
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.rowcount

    def all(self, sql: str, args=()) -> list:
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()

    def one(self, sql: str, args=()):
        rows = self.all(sql, args)
        assert len(rows) <= 1, f"expected at most one row from {sql}: {rows}"
        return rows[0] if rows else None

    def value(self, sql: str, args=()):
        row = self.one(sql, args)
        assert row is not None, f"no row from {sql} {args}"
        return row[0]

    def count(self, table: str, org_id: int) -> int:
        return self.value(f"SELECT count(*) FROM {table} WHERE org_id = %s", (org_id,))

    def snapshot(self, org_id: int) -> dict:
        """Every tenant row of an org, to prove that a refused request changed nothing."""
        out = {}
        for t in ("client", "contact", "contact_group", "group_member", "account"):
            out[t] = self.all(f"SELECT to_jsonb(x)::text FROM {t} x WHERE org_id = %s ORDER BY 1", (org_id,))
        return out

    def contains_text(self, needle: str) -> list:
        """Tables of the public schema where some row's text form contains needle."""
        hits = []
        for (t,) in self.all("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"):
            n = self.value(f'SELECT count(*) FROM "{t}" x WHERE strpos(x::text, %s) > 0', (needle,))
            if n:
                hits.append(t)
        return hits

    def close(self):
        self.conn.close()


@pytest.fixture(scope="session")
def db():
    d = Db(env("PORTICO_TEST_DSN"))
    yield d
    d.close()


@pytest.fixture(autouse=True)
def _reset_login_failures(db):
    """Every test comes from 127.0.0.1: forget earlier failures so per-address throttling does not leak."""
    db.run("DELETE FROM login_failure")


@pytest.fixture(scope="module")
def org(db) -> Org:
    return create_org(db)


@pytest.fixture
def new_org(db):
    """Factory for extra fresh orgs within a test."""
    return lambda: create_org(db)


class AccountPool:
    """Accounts of one org made ahead, several portico-admin calls at once: each call costs ~0.4 s under
    the sanitizer build, and most tests only need some fresh account."""

    BATCH = 6

    def __init__(self, db, org: Org):
        self.db, self.org, self.free = db, org, []

    def take(self) -> Account:
        if not self.free:
            with concurrent.futures.ThreadPoolExecutor(self.BATCH) as ex:
                self.free = list(ex.map(lambda _: create_account(self.db, self.org), range(self.BATCH)))
        return self.free.pop()


@pytest.fixture(scope="module")
def account_pool(db, org) -> AccountPool:
    return AccountPool(db, org)


@pytest.fixture
def make_account(db, org, account_pool):
    """make_account() -> a fresh active account of the module's org; with arguments, exactly that one."""
    def make(username=None, password=None, kind=None, in_org: Optional[Org] = None) -> Account:
        if username is None and password is None and kind is None and in_org is None:
            return account_pool.take()
        return create_account(db, in_org or org, username, password, kind)
    return make


@pytest.fixture
def account(make_account) -> Account:
    return make_account()


@pytest.fixture(scope="module")
def apikey(org) -> str:
    """One key with the contacts permission per module's org (portico-admin costs ~0.4 s a call)."""
    return create_apikey(org, "contacts")


@pytest.fixture(scope="module")
def api(org, apikey) -> Api:
    return org.api(apikey)


@pytest.fixture
def client(org) -> Client:
    return org.client()


# -------------------------------------------------------------------------------------------------- logs

def log_files() -> list:
    d = env("PORTICO_TEST_LOG_DIR")
    files = sorted(glob.glob(os.path.join(d, "*.log")))
    assert files, f"no *.log files in {d}"
    return files


NOT_HANDLER_LOGS = ("nginx", "postgres", "pg_ctl", "smtp", "openssl")


def handler_log_files() -> list:
    files = [f for f in log_files() if not os.path.basename(f).startswith(NOT_HANDLER_LOGS)]
    assert files, f"no handler logs among {log_files()}"
    return files


def read_logs(handlers_only: bool = False) -> str:
    out = []
    for f in (handler_log_files() if handlers_only else log_files()):
        with open(f, "rb") as fh:
            out.append(fh.read().decode("utf-8", "replace"))
    return "\n".join(out)


def wait_for_log(predicate, timeout: float = 5.0, handlers_only: bool = True) -> list:
    """Log lines once some line satisfies predicate; fails after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        lines = read_logs(handlers_only).splitlines()
        if any(predicate(ln) for ln in lines):
            return lines
        if time.monotonic() > deadline:
            raise AssertionError("no matching log line appeared")
        time.sleep(0.1)
