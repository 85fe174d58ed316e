"""CSRF: every state-changing form carries a token bound to the session (or, for login, the pre-session)."""
from conftest import PRE_COOKIE, SESSION_COOKIE, cookie_set, csrf_from, raw_request, strong_password


def assert_refused(r):
    assert r.status_code == 403, f"{r.status_code}: {r.text[:300]}"
    assert cookie_set(r, SESSION_COOKIE) is None


def sessions(db, account):
    return db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (account.org.id, account.id))


def test_login_without_csrf_is_refused_even_with_the_right_password(account, db):
    c = account.client()
    c.get("/login")
    assert_refused(c.post("/login", data={"username": account.username, "password": account.password}))
    assert_refused(c.post("/login", data={"username": account.username, "password": account.password, "csrf": ""}))
    assert sessions(db, account) == 0


def test_login_with_a_wrong_csrf_is_refused(account, db):
    c = account.client()
    token = c.csrf("/login")
    wrong = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert_refused(c.post("/login", data={"username": account.username, "password": account.password,
                                          "csrf": wrong}))
    assert sessions(db, account) == 0


def test_login_csrf_is_bound_to_its_pre_session_cookie(account, db):
    attacker, victim = account.client(), account.client()
    attacker_token = attacker.csrf("/login")
    victim.get("/login")
    assert victim.cookie(PRE_COOKIE) != attacker.cookie(PRE_COOKIE)
    assert_refused(victim.post("/login", data={"username": account.username, "password": account.password,
                                               "csrf": attacker_token}))
    # A token with no pre-session cookie at all.
    r = raw_request("POST", account.org.host, "/login",
                    data={"username": account.username, "password": account.password, "csrf": attacker_token})
    assert_refused(r)
    assert sessions(db, account) == 0


def test_refused_login_does_not_count_as_a_failed_password(account, db):
    c = account.client()
    c.get("/login")
    c.post("/login", data={"username": account.username, "password": "wrong-password-1"})
    assert db.value("SELECT count(*) FROM login_failure WHERE org_id = %s", (account.org.id,)) == 0


def test_change_password_with_a_wrong_csrf_is_refused(account, db):
    c = account.signed_in_client()
    before = db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s",
                      (account.org.id, account.id))
    new = strong_password()
    for token in ("", "A" * 43, "x"):
        r = c.post("/account", data={"current_password": account.password, "new_password": new, "csrf": token})
        assert r.status_code == 403, f"csrf={token!r}: {r.status_code} {r.text[:300]}"
    r = c.post("/account", data={"current_password": account.password, "new_password": new})
    assert r.status_code == 403
    after = db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s",
                     (account.org.id, account.id))
    assert after == before, "password changed despite the CSRF refusal"
    assert c.get("/").status_code == 200, "still signed in"


def test_session_csrf_of_one_person_does_not_work_for_another(org, make_account, db):
    alice, bob = make_account(), make_account()
    a, b = alice.signed_in_client(), bob.signed_in_client()
    bob_before = db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s", (org.id, bob.id))
    r = b.post("/account", data={"current_password": bob.password, "new_password": strong_password(),
                                 "csrf": a.session_csrf()})
    assert r.status_code == 403
    assert db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s", (org.id, bob.id)) == bob_before


def test_pre_session_token_is_not_accepted_for_session_forms(account, db):
    c = account.client()
    pre_token = c.csrf("/login")
    c.post("/login", data={"username": account.username, "password": account.password, "csrf": pre_token})
    assert c.cookie(SESSION_COOKIE)
    r = c.post("/logout", data={"csrf": pre_token})
    assert r.status_code == 403
    assert sessions(db, account) == 1


def test_forms_carry_the_token(account):
    c = account.signed_in_client()
    r = c.get("/account")
    assert r.status_code == 200
    assert csrf_from(r.text)
