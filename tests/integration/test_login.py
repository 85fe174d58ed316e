"""POST /login: success, the session cookie, how the session is stored, and failures that reveal nothing."""
import base64
import hashlib

from conftest import (LOGIN_FAILED, PRE_COOKIE, SESSION_COOKIE, assert_redirect, cookie_set, csrf_from,
                      field_names, input_attrs, raw_request, strong_password, uniq)


def test_login_form_has_fields_csrf_and_pre_session_cookie(client):
    r = client.get("/login")
    assert r.status_code == 200, r.text[:500]
    assert r.headers["Content-Type"].startswith("text/html")
    assert {"username", "password", "csrf"} <= field_names(r.text)
    token = csrf_from(r.text)
    assert len(token) >= 32
    pre = cookie_set(r, PRE_COOKIE)
    assert pre is not None, f"GET /login must set {PRE_COOKIE}: {r.headers.get('Set-Cookie')}"
    assert len(pre.value) == 43
    assert "secure" in pre.attrs, f"pre-session cookie flags: {pre.attrs}"
    assert pre.attrs.get("path") == "/" and "domain" not in pre.attrs
    assert cookie_set(r, SESSION_COOKIE) is None, "GET /login must not create a session"
    # The password field is a password input, not text.
    pw = [a for a in input_attrs(r.text) if a.get("name") == "password"]
    assert pw and pw[0].get("type") == "password"


def test_login_success_sets_session_cookie_with_strict_flags(client, account, db):
    r = client.login(account.username, account.password)
    assert_redirect(r, "/")
    c = cookie_set(r, SESSION_COOKIE)
    assert c is not None, f"no {SESSION_COOKIE} cookie: {r.headers.get('Set-Cookie')}"
    assert len(c.value) == 43 and all(ch.isalnum() or ch in "-_" for ch in c.value), c.value
    a = c.attrs
    assert "secure" in a, a
    assert "httponly" in a, a
    assert a.get("samesite", "").lower() == "lax", a
    assert a.get("path") == "/", a
    assert "domain" not in a, f"__Host- cookies must not carry Domain: {a}"
    assert "max-age" not in a and "expires" not in a, f"session cookie must be a browser-session cookie: {a}"
    # The home page now answers.
    home = client.get("/")
    assert home.status_code == 200, home.text[:500]


def test_session_is_stored_only_as_a_keyed_hash(client, account, db):
    client.login_ok(account.username, account.password)
    raw = client.cookie()
    rows = db.all("SELECT id_hash, kind, contact_id, host(ip) FROM session WHERE org_id = %s AND account_id = %s",
                  (account.org.id, account.id))
    assert len(rows) == 1, rows
    id_hash, kind, contact_id, ip = rows[0]
    id_hash = bytes(id_hash)
    assert len(id_hash) == 32
    assert kind == "full" and contact_id == account.contact_id
    assert ip == "127.0.0.1"
    decoded = base64.urlsafe_b64decode(raw + "=")
    assert id_hash != decoded, "the raw session id is stored"
    for h in (hashlib.sha256(raw.encode()).digest(), hashlib.blake2b(raw.encode(), digest_size=32).digest(),
              hashlib.sha256(decoded).digest(), hashlib.blake2b(decoded, digest_size=32).digest()):
        assert id_hash != h, "the session id is stored as an unkeyed hash"
    assert db.contains_text(raw) == [], "the raw session id appears in the database"
    assert db.contains_text(decoded.hex()) == [], "the raw session id (hex) appears in the database"
    assert db.contains_text(account.password) == [], "the password appears in the database"


def test_wrong_password_unknown_user_suspended_and_invited_all_look_the_same(org, make_account, db):
    good = make_account()
    suspended = make_account()
    db.run("UPDATE account SET state = 'suspended' WHERE org_id = %s AND id = %s", (org.id, suspended.id))
    invited = make_account()
    db.run("UPDATE account SET state = 'invited' WHERE org_id = %s AND id = %s", (org.id, invited.id))
    attempts = [
        (good.username, good.password + "x"),          # wrong password
        (uniq("nobody"), strong_password()),           # unknown user
        (suspended.username, suspended.password),      # right password, suspended
        (invited.username, invited.password),          # right password, invited
    ]
    for username, password in attempts:
        c = org.client()
        r = c.login(username, password)
        assert r.status_code == 401, f"{username}: {r.status_code} {r.text[:300]}"
        assert LOGIN_FAILED in r.text, f"{username}: generic message missing"
        assert cookie_set(r, SESSION_COOKIE) is None
        assert {"username", "password", "csrf"} <= field_names(r.text), "the form is shown again"
    n = db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id IN (%s, %s, %s)",
                 (org.id, good.id, suspended.id, invited.id))
    assert n == 0, "a failed sign-in created a session"
    # The failures were recorded for throttling, the username lower-cased.
    n = db.value("SELECT count(*) FROM login_failure WHERE org_id = %s AND username = %s",
                 (org.id, good.username.lower()))
    assert n >= 1


def test_username_is_case_insensitive(make_account, org):
    acc = make_account(username=uniq("MixedCase"))
    org.client().login_ok(acc.username.upper(), acc.password)
    org.client().login_ok(acc.username.lower(), acc.password)


def test_password_is_case_sensitive(account):
    r = account.client().login(account.username, account.password.swapcase())
    assert r.status_code == 401 and LOGIN_FAILED in r.text


def test_each_login_gets_a_new_session_id(account, db):
    c1 = account.signed_in_client()
    c2 = account.signed_in_client()
    assert c1.cookie() != c2.cookie()
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (account.org.id, account.id)) == 2
    # Both sessions work independently.
    assert c1.get("/").status_code == 200 and c2.get("/").status_code == 200


def test_planted_session_id_is_never_adopted(account, db):
    """Session fixation: a cookie value chosen by an attacker before login must not become the session."""
    c = account.client()
    planted = "A" * 43
    c.set_cookie(SESSION_COOKIE, planted)
    r = c.login(account.username, account.password)
    assert_redirect(r, "/")
    new = cookie_set(r, SESSION_COOKIE)
    assert new is not None and new.value != planted
    # The planted value gives no access.
    r = raw_request("GET", account.org.host, "/", cookies={SESSION_COOKIE: planted})
    assert_redirect(r, "/login")


def test_signed_in_visitor_on_login_page_goes_home(account):
    c = account.signed_in_client()
    assert_redirect(c.get("/login"), "/")


def test_must_change_password_lands_on_account_page(account, db):
    db.run("UPDATE account SET must_change_password = true WHERE org_id = %s AND id = %s",
           (account.org.id, account.id))
    c = account.client()
    r = c.login(account.username, account.password)
    assert_redirect(r, "/account")
    assert cookie_set(r, SESSION_COOKIE) is not None
    # Every portal page sends them back to /account until the password is changed.
    assert_redirect(c.get("/"), "/account")
    assert c.get("/account").status_code == 200


def normalised(html: str, username: str) -> str:
    """The failure page with what legitimately differs (the typed name, the form token) blanked."""
    html = html.replace(username, "USERNAME")
    token = csrf_from(html)
    return html.replace(token, "TOKEN")


def test_unknown_user_and_wrong_password_are_indistinguishable(org, make_account):
    """Same page, and an unknown name costs a password hash too (DESIGN: dummy verify)."""
    acc = make_account()
    ghost = uniq("ghost")
    known_times, ghost_times = [], []
    for i in range(4):
        c = org.client()
        r1 = c.login(acc.username, f"wrong-password-{i}")
        r2 = c.login(ghost, f"wrong-password-{i}")
        assert r1.status_code == r2.status_code == 401
        assert normalised(r1.text, acc.username) == normalised(r2.text, ghost)
        assert sorted(set_cookie_names(r1)) == sorted(set_cookie_names(r2))
        known_times.append(r1.elapsed.total_seconds())
        ghost_times.append(r2.elapsed.total_seconds())
    known, unknown = sorted(known_times)[1], sorted(ghost_times)[1]
    assert unknown > 0.5 * known, f"unknown user answered in {unknown:.3f}s, known user in {known:.3f}s"


def set_cookie_names(r):
    return [c.split("=", 1)[0] for c in r.raw.headers.getlist("Set-Cookie")]
