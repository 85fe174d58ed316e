"""Security headers on every kind of response (pages, redirects, errors, API, static files), no server
version, no TRACE, no dotfiles, and the client address taken from the connection only."""
import os
import re

import pytest

from conftest import (REPO, Api, assert_redirect, create_account, create_apikey, raw_request, strong_password,
                      uniq)


def static_path(client) -> str:
    """A file under /static/: the stylesheet the login page links, else any shipped static file."""
    r = client.get("/login")
    m = re.search(r'(?:href|src)="(/static/[^"?#]+)', r.text)
    if m:
        return m.group(1)
    d = os.path.join(REPO, "templates", "static")
    files = sorted(f for f in os.listdir(d) if os.path.isfile(os.path.join(d, f))) if os.path.isdir(d) else []
    assert files, "the login page links no /static/ file and templates/static/ is empty"
    return "/static/" + files[0]


def one_header(r, name):
    values = r.raw.headers.getlist(name)
    assert len(values) == 1, f"{name} sent {len(values)} times on {r.request.method} {r.request.path_url} " \
                             f"({r.status_code}): {values}"
    return values[0]


def check_security_headers(r):
    where = f"{r.request.method} {r.request.path_url} -> {r.status_code}"
    hsts = one_header(r, "Strict-Transport-Security")
    m = re.search(r"max-age=(\d+)", hsts)
    assert m and int(m.group(1)) >= 86400 * 365, f"{where}: HSTS {hsts!r}"  # ASVS V3.4.1: a year at least
    csp = one_header(r, "Content-Security-Policy")
    directives = {d.strip().split()[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert directives.get("default-src") == "default-src 'self'", f"{where}: CSP {csp!r}"
    assert directives.get("frame-ancestors") == "frame-ancestors 'none'", f"{where}: CSP {csp!r}"
    assert directives.get("object-src") == "object-src 'none'", f"{where}: CSP {csp!r}"
    assert directives.get("base-uri") == "base-uri 'none'", f"{where}: CSP {csp!r}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, f"{where}: CSP {csp!r}"
    assert one_header(r, "X-Content-Type-Options").lower() == "nosniff", where
    assert one_header(r, "Referrer-Policy").lower() == "no-referrer", where
    server = r.headers.get("Server", "")
    assert not re.search(r"\d", server), f"{where}: Server header gives a version: {server!r}"
    for h in ("X-Powered-By", "X-Portico-Version"):
        assert h not in r.headers, f"{where}: {h} leaks"


@pytest.fixture(scope="module")
def signed_in(org, db):
    acc = create_account(db, org)
    return acc.signed_in_client()


def test_login_page(client):
    r = client.get("/login")
    assert r.status_code == 200
    check_security_headers(r)
    assert "no-store" in r.headers.get("Cache-Control", "")


def test_home_redirect_and_page(client, signed_in):
    r = client.get("/")
    assert_redirect(r, "/login")
    check_security_headers(r)
    r = signed_in.get("/")
    assert r.status_code == 200
    check_security_headers(r)
    assert "no-store" in r.headers.get("Cache-Control", "")


def test_account_page(signed_in):
    r = signed_in.get("/account")
    assert r.status_code == 200
    check_security_headers(r)
    assert "no-store" in r.headers.get("Cache-Control", "")


def test_failed_login_and_csrf_refusal(client):
    r = client.login(uniq("nobody"), strong_password())
    assert r.status_code == 401
    check_security_headers(r)
    assert "no-store" in r.headers.get("Cache-Control", "")
    r = client.post("/login", data={"username": "x", "password": "y"})
    assert r.status_code == 403
    check_security_headers(r)


def test_unknown_host_is_404_with_headers():
    host = uniq("nohost") + ".test"
    for path in ("/login", "/", "/account"):
        r = raw_request("GET", host, path)
        assert r.status_code == 404, f"{host}{path}: {r.status_code}"
        check_security_headers(r)


def test_unknown_route_is_404_html(signed_in):
    r = signed_in.get("/" + uniq("no-such-page-"))
    assert r.status_code == 404
    assert r.headers.get("Content-Type", "").startswith("text/html")
    check_security_headers(r)


def test_api_errors_and_data(org):
    r = Api(org.host, None).get("contacts")
    assert r.status_code == 401
    check_security_headers(r)
    r = Api(org.host, create_apikey(org)).get("contacts")
    assert r.status_code == 200
    check_security_headers(r)
    assert "no-store" in r.headers.get("Cache-Control", "")


def test_static_file(client):
    path = static_path(client)
    r = client.get(path)
    assert r.status_code == 200, f"{path}: {r.status_code}"
    check_security_headers(r)
    r = client.get("/static/" + uniq("missing-") + ".css")
    assert r.status_code == 404
    check_security_headers(r)


def test_static_has_no_directory_listing_or_traversal(client):
    r = client.get("/static/")
    assert r.status_code in (403, 404), r.status_code
    assert "Index of" not in r.text
    r = client.get("/static/../../etc/passwd")
    assert "root:" not in r.text
    r = client.get("/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd")
    assert r.status_code in (400, 403, 404), r.status_code
    assert "root:" not in r.text


def test_trace_is_not_allowed(client):
    r = client.request("TRACE", "/login")
    assert r.status_code == 405, r.status_code
    assert "portico-integration-tests" not in r.text, "TRACE echoed the request"


@pytest.mark.parametrize("path", ["/.git/config", "/.env", "/.htaccess", "/static/.gitkeep"])
def test_dotfiles_are_not_served(client, path):
    r = client.get(path)
    assert r.status_code == 404, f"{path}: {r.status_code}"
    assert "[core]" not in r.text
    check_security_headers(r)


def test_spoofed_forwarded_for_is_ignored(org, db):
    acc = create_account(db, org)
    c = org.client()
    spoof = {"X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9", "Forwarded": "for=203.0.113.9"}
    r = c.login(acc.username, acc.password + "x", headers=spoof)
    assert r.status_code == 401
    ips = db.all("SELECT host(ip) FROM login_failure WHERE org_id = %s", (org.id,))
    assert ips == [("127.0.0.1",)], f"throttling keyed on a spoofed address: {ips}"
    assert_redirect(c.login(acc.username, acc.password, headers=spoof), "/")
    r = c.request("GET", "/", headers=spoof)
    assert r.status_code == 200
    ip = db.value("SELECT host(ip) FROM session WHERE org_id = %s AND account_id = %s", (org.id, acc.id))
    assert ip == "127.0.0.1", f"session recorded a spoofed address: {ip}"


def test_errors_made_by_nginx_carry_the_headers(client):
    # 413: body over nginx's client_max_body_size.
    r = client.post("/login", data=b"x" * (2 * 1024 * 1024),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413
    check_security_headers(r)
    # 405: a method nginx refuses itself.
    r = client.request("TRACE", "/")
    assert r.status_code == 405
    check_security_headers(r)
    # 404 for a dotfile.
    r = client.get("/.git/HEAD")
    assert r.status_code == 404
    check_security_headers(r)


# Every route of every handler, as a stranger and as a signed-in person: pages, redirects and errors
# alike carry the headers, HTML pages are never cached, and nothing answers TRACE or serves dotfiles.
EVERY_ROUTE = ["/", "/login", "/account", "/history", "/approvals", "/tasks", "/tasks?list=new", "/tasks/1",
               "/tasks/1/take", "/files", "/files/1", "/upload", "/contact", "/applications", "/applications/1",
               "/p/no-such-portal", "/p/no-such-portal/login", "/password/forgot",
               "/password/set/v1.k0.AAAA.BBBB", "/c/v1.k0.AAAA.BBBB", "/d/v1.k0.AAAA.BBBB", "/org.css",
               "/healthz", "/api/v1/contacts", "/api/v1/tasks/1", "/api/v1/openapi.json", "/nope"]


@pytest.mark.parametrize("who", ["stranger", "signed_in"])
def test_every_route_carries_the_headers(client, signed_in, who):
    c = client if who == "stranger" else signed_in
    for path in EVERY_ROUTE:
        for method in ("GET", "POST", "HEAD"):
            r = c.request(method, path)
            assert r.status_code < 500 or path == "/healthz", f"{method} {path}: {r.status_code}"
            check_security_headers(r)
            if r.headers.get("Content-Type", "").startswith("text/html") and path != "/org.css":
                assert "no-store" in r.headers.get("Cache-Control", ""), f"{method} {path}: cacheable page"
        assert c.request("TRACE", path).status_code == 405, path
    for path in ("/.git/config", "/.env", "/static/.htaccess", "/static/.git/config", "/x/.git/HEAD"):
        assert c.get(path).status_code == 404, path
    assert c.get("/api/v1/.git/HEAD").status_code in (401, 404)  # the API answers for its own paths


def test_pages_declare_html_in_utf_8(client, signed_in):
    """ASVS V4.1.1: a body's Content-Type names what it is and, for text, its character set."""
    pages = [client.get("/login"), client.login(uniq("nobody"), strong_password()), signed_in.get("/"),
             signed_in.get("/" + uniq("no-such-page-")),
             client.post("/login", data=b"x" * (2 * 1024 * 1024),
                         headers={"Content-Type": "application/x-www-form-urlencoded"})]
    for r in pages:
        ctype = r.headers.get("Content-Type", "").replace(" ", "").lower()
        assert ctype == "text/html;charset=utf-8", f"{r.request.method} {r.request.path_url} -> {r.status_code}: {ctype}"


def test_no_cross_origin_access_is_granted(org, signed_in):
    """ASVS V3.4.2: no CORS at all, so another site's scripts can never read a page or an API answer."""
    key = create_apikey(org)
    evil = {"Origin": "https://evil.example"}
    answers = [signed_in.get("/", headers=evil), signed_in.request("OPTIONS", "/", headers=evil),
               Api(org.host, key).get("contacts", headers=evil),
               Api(org.host, key).request("OPTIONS", "contacts", headers={
                   **evil, "Access-Control-Request-Method": "POST",
                   "Access-Control-Request-Headers": "authorization, content-type"})]
    for r in answers:
        granted = [h for h in r.headers if h.lower().startswith("access-control-")]
        assert not granted, f"{r.request.method} {r.request.path_url} -> {r.status_code}: {granted}"
