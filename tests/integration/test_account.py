"""GET/POST /account: change password (current + new), ASVS password rules, other sessions end."""
import secrets
from urllib.parse import quote_plus

import pytest

from conftest import (LOGIN_FAILED, PASSWORD_CHANGED, WRONG_CURRENT, assert_redirect, field_names,
                      strong_password)


def password_hash(db, account):
    return db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s", (account.org.id, account.id))


def change(c, current, new):
    return c.post("/account", data={"current_password": current, "new_password": new, "csrf": c.session_csrf()})


def test_account_page_has_the_form(account):
    c = account.signed_in_client()
    r = c.get("/account")
    assert r.status_code == 200
    assert {"current_password", "new_password", "csrf"} <= field_names(r.text)
    assert "no-store" in r.headers.get("Cache-Control", "")


def test_wrong_current_password(account, db):
    c = account.signed_in_client()
    before = password_hash(db, account)
    r = change(c, account.password + "x", strong_password())
    assert r.status_code == 422, f"{r.status_code} {r.text[:300]}"
    assert WRONG_CURRENT in r.text
    assert password_hash(db, account) == before


@pytest.mark.parametrize("new_password", [
    pytest.param("Sh0rt-pass!", id="11-characters"),
    pytest.param("", id="empty"),
    pytest.param("password1234", id="common-password1234"),
    pytest.param("qwertyuiop123", id="keyboard-walk"),
    pytest.param("aaaaaaaaaaaaaaaa", id="repeated"),
    pytest.param(secrets.token_urlsafe(97)[:129], id="129-characters"),
    pytest.param("Correct\x01Horse\x02Battery", id="control-characters"),
])
def test_weak_or_bad_new_password_is_refused(account, db, new_password):
    c = account.signed_in_client()
    before = password_hash(db, account)
    r = change(c, account.password, new_password)
    assert r.status_code == 422, f"{new_password!r}: {r.status_code} {r.text[:300]}"
    assert PASSWORD_CHANGED not in r.text
    assert {"current_password", "new_password"} <= field_names(r.text), "the form is shown again"
    assert password_hash(db, account) == before


def test_password_equal_to_username_is_refused(make_account, db):
    acc = make_account(username="gardenerwaterlily" + secrets.token_hex(2))
    c = acc.signed_in_client()
    before = password_hash(db, acc)
    r = change(c, acc.password, acc.username)
    assert r.status_code == 422
    assert password_hash(db, acc) == before


def test_128_characters_is_allowed(account, db):
    c = account.signed_in_client()
    new = secrets.token_urlsafe(96)[:128]
    r = change(c, account.password, new)
    assert r.status_code == 200, f"{r.status_code} {r.text[:300]}"
    account.org.client().login_ok(account.username, new)


def test_successful_change_ends_other_sessions(account, db):
    me = account.signed_in_client()
    other = account.signed_in_client()
    before = password_hash(db, account)
    new = strong_password()
    r = change(me, account.password, new)
    assert r.status_code == 200, f"{r.status_code} {r.text[:300]}"
    assert PASSWORD_CHANGED in r.text
    after = password_hash(db, account)
    assert after != before and after.startswith("$argon2id$"), after[:20]
    assert new not in after
    # This session continues; the other one is over.
    assert me.get("/").status_code == 200
    assert_redirect(other.get("/"), "/login")
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (account.org.id, account.id)) == 1
    # Old password no longer works; the new one does.
    r = account.org.client().login(account.username, account.password)
    assert r.status_code == 401 and LOGIN_FAILED in r.text
    account.org.client().login_ok(account.username, new)
    assert db.contains_text(new) == []


def test_changing_clears_must_change_password(account, db):
    db.run("UPDATE account SET must_change_password = true WHERE org_id = %s AND id = %s",
           (account.org.id, account.id))
    c = account.client()
    assert_redirect(c.login(account.username, account.password), "/account")
    r = change(c, account.password, strong_password())
    assert r.status_code == 200, f"{r.status_code} {r.text[:300]}"
    assert db.value("SELECT must_change_password FROM account WHERE org_id = %s AND id = %s",
                    (account.org.id, account.id)) is False
    assert c.get("/").status_code == 200


def test_missing_fields_change_nothing(account, db):
    c = account.signed_in_client()
    before = password_hash(db, account)
    token = c.session_csrf()
    for data in ({"csrf": token}, {"csrf": token, "current_password": account.password},
                 {"csrf": token, "new_password": strong_password()}):
        r = c.post("/account", data=data)
        assert 400 <= r.status_code < 500, f"{data.keys()}: {r.status_code}"
    assert password_hash(db, account) == before


def test_signed_out_post_is_refused(client, db, account):
    before = password_hash(db, account)
    r = client.post("/account", data={"current_password": account.password, "new_password": strong_password(),
                                      "csrf": client.csrf("/login")})
    assert r.status_code in (303, 403), r.status_code
    if r.status_code == 303:
        assert_redirect(r, "/login")
    assert password_hash(db, account) == before


ACCOUNT_BAD_BODIES = {
    "overlong-current": lambda a, t: f"csrf={t}&current_password={'p' * 1025}&new_password=Some-long-unusual-phrase-9",
    "overlong-new": lambda a, t: f"csrf={t}&current_password={quote_plus(a.password)}&new_password={'q' * 1025}",
    "invalid-utf8-new": lambda a, t: f"csrf={t}&current_password={quote_plus(a.password)}&new_password=%ff%fe%fd%fc%fb%fa%f9%f8%f7%f6%f5%f4",
    "nul-in-new": lambda a, t: f"csrf={t}&current_password={quote_plus(a.password)}&new_password=Correct%00Horse%00Battery%00Staple",
    "duplicate-new": lambda a, t: f"csrf={t}&current_password={quote_plus(a.password)}&new_password=Amber-lantern-quietly-77&new_password=Other-lantern-quietly-88",
    "duplicate-current": lambda a, t: f"csrf={t}&current_password={quote_plus(a.password)}&current_password=x&new_password=Amber-lantern-quietly-77",
    "bad-percent": lambda a, t: f"csrf={t}&current_password=%zz&new_password=Amber-lantern-quietly-77",
    "too-many-fields": lambda a, t: "&".join(f"f{i}=1" for i in range(100)) + f"&csrf={t}",
}


@pytest.fixture(scope="module")
def steady(db, org):
    """One account and signed-in browser for refusals that must leave everything as it was."""
    from conftest import create_account
    acc = create_account(db, org)
    return acc, acc.signed_in_client()


@pytest.mark.parametrize("case", list(ACCOUNT_BAD_BODIES))
def test_account_form_bad_input(steady, db, case):
    acc, c = steady
    before = password_hash(db, acc)
    body = ACCOUNT_BAD_BODIES[case](acc, c.session_csrf())
    r = c.post("/account", data=body.encode("latin-1"), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= r.status_code < 500, f"{case}: {r.status_code} {r.text[:300]}"
    assert PASSWORD_CHANGED not in r.text
    assert password_hash(db, acc) == before
    assert c.get("/").status_code == 200, "still signed in"


def test_password_is_used_exactly_as_typed(account):
    """ASVS V6.2.8: a password is never trimmed, truncated or changed in case, at change or at sign-in."""
    c = account.signed_in_client()
    new = "  Copper Lantern Meadow " + secrets.token_urlsafe(72)[:72] + "  "
    assert change(c, account.password, new).status_code == 200
    for near in (new.strip(), new.lstrip(), new.rstrip(), new.swapcase(), new[:72], new[:64]):
        r = account.org.client().login(account.username, near)
        assert r.status_code == 401 and LOGIN_FAILED in r.text, f"{near!r} signed in"
    account.org.client().login_ok(account.username, new)
