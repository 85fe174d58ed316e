"""Login throttling: at most 10 failures per username in 15 minutes, at most 50 per client address."""
import time

from conftest import LOGIN_FAILED, SESSION_COOKIE, THROTTLED, cookie_set, strong_password, uniq


def assert_throttled_by_portico(r):
    assert r.status_code == 429, f"{r.status_code}: {r.text[:300]}"
    assert THROTTLED in r.text, r.text[:500]
    retry = r.headers.get("Retry-After")
    assert retry is not None and retry.isdigit() and 0 < int(retry) <= 15 * 60, f"Retry-After: {retry!r}"
    assert cookie_set(r, SESSION_COOKIE) is None


def test_eleventh_failure_for_a_username_is_refused_even_with_the_right_password(org, account, db):
    c = org.client()
    for i in range(10):
        r = c.login(account.username, account.password + str(i))
        assert r.status_code == 401, f"attempt {i + 1}: {r.status_code} {r.text[:300]}"
        assert LOGIN_FAILED in r.text
    r = c.login(account.username, account.password + "x")
    assert_throttled_by_portico(r)
    # Now even the correct password is refused, from a fresh browser too, whatever the case of the name.
    r = org.client().login(account.username.upper(), account.password)
    assert_throttled_by_portico(r)
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (org.id, account.id)) == 0


def test_throttle_of_one_username_does_not_lock_out_another(org, make_account):
    victim, other = make_account(), make_account()
    c = org.client()
    for i in range(11):
        c.login(victim.username, "wrong-" + str(i))
    assert_throttled_by_portico(c.login(victim.username, victim.password))
    # The per-address count (11 < 50) does not stop someone else from signing in.
    org.client().login_ok(other.username, other.password)


def test_failures_expire_after_fifteen_minutes(org, account, db):
    c = org.client()
    for i in range(11):
        c.login(account.username, "wrong-" + str(i))
    assert_throttled_by_portico(c.login(account.username, account.password))
    db.run("UPDATE login_failure SET at = at - interval '16 minutes' WHERE org_id = %s", (org.id,))
    org.client().login_ok(account.username, account.password)


def test_per_address_limit_across_many_usernames(org, account, db):
    """More than 50 failures from one address (spread over usernames) -> 429 for everyone from there.
    Each attempt carries a different spoofed X-Forwarded-For, which must not split the count. nginx's
    limit_req may answer part of the flood with its own 429 first; then we slow down and carry on, so that
    Portico's own count is still what is tested."""
    c = org.client()
    statuses, nginx_429 = [], 0
    deadline = time.monotonic() + 90
    while len(statuses) < 51 and time.monotonic() < deadline:
        i = len(statuses)
        spoof = {"X-Forwarded-For": f"198.51.100.{i}", "X-Real-IP": f"198.51.100.{i}"}
        r = c.login(uniq("ghost"), strong_password(), headers=spoof)
        if r.status_code == 429 and THROTTLED not in r.text:
            nginx_429 += 1  # nginx limit_req, not a counted failure
            time.sleep(1.0)
            continue
        statuses.append(r.status_code)
        if r.status_code == 429:
            break
    assert len(statuses) == 51, f"flood did not finish in time: {statuses} (nginx 429s: {nginx_429})"
    assert statuses[:50] == [401] * 50, statuses
    assert statuses[50] == 429, f"the 51st failure from one address was not refused: {statuses}"
    assert_throttled_by_portico(r)
    # The address is now blocked even for a real account with the right password.
    r = org.client().login(account.username, account.password)
    assert_throttled_by_portico(r)
    ips = {row[0] for row in db.all("SELECT DISTINCT host(ip) FROM login_failure WHERE org_id = %s", (org.id,))}
    assert ips == {"127.0.0.1"}, f"failures recorded against spoofed addresses: {ips}"
