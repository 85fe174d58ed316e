"""Sessions: sign-in required, idle and absolute expiry enforced in the database, logout."""
import pytest

from conftest import SESSION_COOKIE, assert_redirect, cookie_set, raw_request

TABS = ("Tasks", "History", "Your Files and Documents", "Send us Stuff", "Get in touch", "My Account")


def sessions_of(db, account):
    return db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (account.org.id, account.id))


@pytest.mark.parametrize("path", ["/", "/history", "/files", "/upload", "/contact", "/account"])
def test_pages_need_a_session(client, path):
    assert_redirect(client.get(path), "/login")


def test_home_page_has_the_tab_bar(account):
    c = account.signed_in_client()
    r = c.get("/")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/html")
    for tab in TABS:
        assert tab in r.text, f"tab {tab!r} missing from the home page"
    assert account.name in r.text or account.username in r.text, "the page does not say who is signed in"


@pytest.mark.parametrize("path", ["/history", "/files", "/upload", "/contact"])
def test_tab_pages_answer_when_signed_in(account, path):
    c = account.signed_in_client()
    r = c.get(path)
    assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"


def test_idle_session_expires_after_30_minutes(account, db):
    c = account.signed_in_client()
    db.run("UPDATE session SET last_seen_at = now() - interval '29 minutes' WHERE org_id = %s AND account_id = %s",
           (account.org.id, account.id))
    assert c.get("/").status_code == 200, "a session idle for 29 minutes must still work"
    # That request counted as activity.
    assert db.value("SELECT last_seen_at > now() - interval '1 minute' FROM session "
                    "WHERE org_id = %s AND account_id = %s", (account.org.id, account.id))
    db.run("UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE org_id = %s AND account_id = %s",
           (account.org.id, account.id))
    assert_redirect(c.get("/"), "/login")
    assert_redirect(c.get("/account"), "/login")
    # Expired stays expired: the failed request did not revive it.
    assert_redirect(c.get("/"), "/login")


def test_absolute_expiry(account, db):
    c = account.signed_in_client()
    # Created with a 12 hour limit.
    hours = db.value("SELECT extract(epoch FROM expires_at - created_at) / 3600 FROM session "
                     "WHERE org_id = %s AND account_id = %s", (account.org.id, account.id))
    assert 11.9 < float(hours) <= 12.01, f"absolute limit is {hours} hours, expected 12"
    db.run("UPDATE session SET expires_at = now() - interval '1 second' WHERE org_id = %s AND account_id = %s",
           (account.org.id, account.id))
    assert_redirect(c.get("/"), "/login")


def test_suspending_an_account_ends_its_sessions(account, db):
    c = account.signed_in_client()
    db.run("UPDATE account SET state = 'suspended' WHERE org_id = %s AND id = %s", (account.org.id, account.id))
    assert_redirect(c.get("/"), "/login")


def test_logout_ends_the_session_everywhere(account, db):
    c = account.signed_in_client()
    old = c.cookie()
    assert sessions_of(db, account) == 1
    token = c.session_csrf()
    r = c.post("/logout", data={"csrf": token})
    assert_redirect(r, "/login")
    cleared = cookie_set(r, SESSION_COOKIE)
    assert cleared is not None, f"logout does not clear the cookie: {r.headers.get('Set-Cookie')}"
    assert cleared.attrs.get("max-age") == "0", cleared.attrs
    assert cleared.value in ("", '""'), "logout must not hand out a cookie value"
    assert cleared.attrs.get("path") == "/" and "secure" in cleared.attrs
    assert sessions_of(db, account) == 0, "logout left the session row"
    assert c.cookie() is None
    # Replaying the old cookie gets nothing.
    r = raw_request("GET", account.org.host, "/", cookies={SESSION_COOKIE: old})
    assert_redirect(r, "/login")
    r = raw_request("GET", account.org.host, "/account", cookies={SESSION_COOKIE: old})
    assert_redirect(r, "/login")


def test_logout_without_csrf_is_refused(account, db):
    c = account.signed_in_client()
    r = c.post("/logout", data={"next": "/"})
    assert r.status_code == 403, f"{r.status_code} {r.text[:300]}"
    r = c.post("/logout", data={"csrf": "A" * 43})
    assert r.status_code == 403, f"{r.status_code} {r.text[:300]}"
    assert cookie_set(r, SESSION_COOKIE) is None
    assert sessions_of(db, account) == 1
    assert c.get("/").status_code == 200, "a refused logout must leave the person signed in"


def test_logout_by_get_changes_nothing(account, db):
    c = account.signed_in_client()
    r = c.get("/logout")
    assert r.status_code in (404, 405), f"GET /logout: {r.status_code}"
    assert sessions_of(db, account) == 1
    assert c.get("/").status_code == 200


def test_logout_token_of_another_session_is_refused(account, db):
    a = account.signed_in_client()
    b = account.signed_in_client()
    r = a.post("/logout", data={"csrf": b.session_csrf()})
    assert r.status_code == 403
    assert sessions_of(db, account) == 2
