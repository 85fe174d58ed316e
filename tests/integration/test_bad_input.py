"""Bad input to the HTML forms and odd paths: always a clear 4xx, never a 5xx, never a session."""
import pytest

from conftest import LOGIN_FAILED, SESSION_COOKIE, cookie_set, create_account, raw_request, uniq


def post_form(client, body: bytes, ctype="application/x-www-form-urlencoded", **kw):
    return client.post("/login", data=body, headers={"Content-Type": ctype}, **kw)


def assert_clean_refusal(r, sessions_before, db, org):
    assert 400 <= r.status_code < 500, f"{r.status_code}: {r.text[:300]}"
    assert cookie_set(r, SESSION_COOKIE) is None
    assert db.count("session", org.id) == sessions_before


def enc(s: str) -> str:
    from urllib.parse import quote_plus
    return quote_plus(s)


CASES = {
    "overlong-username": lambda a, t: f"username={'u' * 255}&password=x&csrf={t}",
    "very-long-username": lambda a, t: f"username={'u' * 70000}&password=x&csrf={t}",
    "overlong-password": lambda a, t: f"username={a.username}&password={'p' * 70000}&csrf={t}",
    "nul-in-username": lambda a, t: f"username={a.username}%00&password={enc(a.password)}&csrf={t}",
    "control-in-username": lambda a, t: f"username={a.username}%01&password={enc(a.password)}&csrf={t}",
    "newline-in-username": lambda a, t: f"username={a.username}%0d%0aX-Injected:1&password=x&csrf={t}",
    "invalid-utf8-username": lambda a, t: f"username=%ff%fe{a.username}&password=x&csrf={t}",
    "overlong-utf8": lambda a, t: f"username=%c0%af&password=x&csrf={t}",
    "invalid-utf8-password": lambda a, t: f"username={a.username}&password=%ff%fe%fd&csrf={t}",
    "bad-percent": lambda a, t: f"username=%zz&password=x&csrf={t}",
    "truncated-percent": lambda a, t: f"username=abc&password=x&csrf={t}&x=%4",
    "lone-percent": lambda a, t: f"username=%&password=x&csrf={t}",
    "missing-username": lambda a, t: f"password={enc(a.password)}&csrf={t}",
    "missing-password": lambda a, t: f"username={a.username}&csrf={t}",
    "empty-username": lambda a, t: f"username=&password={enc(a.password)}&csrf={t}",
    "empty-password": lambda a, t: f"username={a.username}&password=&csrf={t}",
    "duplicate-username": lambda a, t: f"username={a.username}&username=other&password={enc(a.password)}&csrf={t}",
    "duplicate-password": lambda a, t: f"username={a.username}&password={enc(a.password)}&password=x&csrf={t}",
    "duplicate-csrf": lambda a, t: f"username={a.username}&password={enc(a.password)}&csrf={t}&csrf={t}",
    "many-fields": lambda a, t: "&".join(f"f{i}=1" for i in range(500)) + f"&username=a&password=b&csrf={t}",
    "long-field-name": lambda a, t: f"{'k' * 5000}=1&username={a.username}&password=x&csrf={t}",
    "garbage": lambda a, t: "\x00\x01\x02&&&===",
}


@pytest.fixture(scope="module")
def shared_account(db, org):
    return create_account(db, org)


@pytest.mark.parametrize("case", list(CASES))
def test_login_form_bad_input(org, shared_account, db, case):
    account = shared_account
    c = org.client()
    token = c.csrf("/login")
    before = db.count("session", org.id)
    r = post_form(c, CASES[case](account, token).encode("latin-1"))
    assert_clean_refusal(r, before, db, org)
    assert "X-Injected" not in r.headers


def test_unicode_username_is_just_a_failed_login(org):
    c = org.client()
    r = c.login("zoë-" + uniq(), "whatever-password")
    assert r.status_code == 401 and LOGIN_FAILED in r.text


def test_login_json_body_is_refused(org, account, db):
    c = org.client()
    token = c.csrf("/login")
    before = db.count("session", org.id)
    r = c.post("/login", json={"username": account.username, "password": account.password, "csrf": token})
    assert_clean_refusal(r, before, db, org)


def test_login_multipart_body_is_refused_or_handled(org, account, db):
    c = org.client()
    token = c.csrf("/login")
    r = c.post("/login", files={"username": (None, account.username), "password": (None, account.password),
                                "csrf": (None, token)})
    assert r.status_code < 500, r.status_code
    assert r.status_code in (303, 400, 415), r.status_code


def test_login_huge_body_413(org, db):
    c = org.client()
    token = c.csrf("/login")
    before = db.count("session", org.id)
    body = f"csrf={token}&username=a&password=".encode() + b"p" * (3 * 1024 * 1024)
    r = post_form(c, body)
    assert r.status_code == 413, r.status_code
    assert db.count("session", org.id) == before


@pytest.mark.parametrize("path", [
    "/login%00", "/%00", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/login/../../etc/passwd",
    "/" + "a" * 6000, "/login?" + "q=" + "x" * 6000, "/%ff%fe", "/login;jsessionid=1", "//login", "/login/",
    "/LOGIN", "/api/v1/../../login", "/api/v1/contacts/%00", "/api/v1/%2e%2e/%2e%2e/login", "/?a=%zz",
    "/login?username=%ff", "/static/%00.css", "/healthz/../account",
])
def test_weird_paths_never_5xx(org, path):
    r = raw_request("GET", org.host, path)
    assert r.status_code < 500, f"{path}: {r.status_code}"
    assert "root:x:" not in r.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "FOO"])
def test_odd_methods_on_login(org, method):
    r = raw_request(method, org.host, "/login")
    assert r.status_code in (400, 405, 501), f"{method}: {r.status_code}"


def test_bad_cookies_are_ignored(org):
    for cookie in ("x" * 43, "", "!!!", "A" * 4000, "\u00e9" * 43):
        r = raw_request("GET", org.host, "/", headers={"Cookie": f"{SESSION_COOKIE}={cookie}".encode("utf-8")})
        assert r.status_code in (303, 400), r.status_code
    r = raw_request("GET", org.host, "/login", headers={"Cookie": "; ;;=;" + "a=b;" * 200})
    assert r.status_code in (200, 400), r.status_code
