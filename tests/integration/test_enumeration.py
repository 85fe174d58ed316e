"""Enumeration (issue 9): whether a name or an e-mail address is known must not show in the status, the
body or the time of an answer — at sign-in, at forgot-password and at public registration.

Timing: SAMPLES interleaved pairs (the order inside each pair drawn at random, so drift in the machine's
load hits both kinds alike), and the medians compared. Only the POST is timed (requests' elapsed: until
the answer's headers arrive). The tolerance is 25% of the slower median plus 4 ms: loose enough for a
loaded 2-core machine, and still far too tight for a login that skipped Argon2 for an unknown name — the
hash is most of a sign-in's cost (the test prints the medians), so such a login answers an unknown name
in a fraction of the time of a known one. Between samples the throttling rows of the test's own org are
aged out (time travel), so every sample takes the full path instead of the quick "too many" answer."""
import random
import re
import statistics

from conftest import LOGIN_FAILED, create_apikey, csrf_from, location_path, strong_password, uniq
from test_public_portal import make_portal, make_process

SAMPLES = 30


def median_ms(times) -> float:
    return statistics.median(times) * 1000


def assert_similar_timing(what: str, a_name: str, a: list, b_name: str, b: list):
    ma, mb = median_ms(a), median_ms(b)
    print(f"{what}: median {a_name} {ma:.1f} ms, {b_name} {mb:.1f} ms over {len(a)} samples each")
    assert abs(ma - mb) <= 0.25 * max(ma, mb) + 4, \
        f"{what}: {a_name} answers in {ma:.1f} ms (median), {b_name} in {mb:.1f} ms: timing tells them apart"


def interleaved(n: int, first, second):
    """n pairs (first(i), second(i)), each pair in a random order; returns the two lists of results."""
    out_a, out_b = [], []
    for i in range(n):
        if random.random() < 0.5:
            out_a.append(first(i))
            out_b.append(second(i))
        else:
            out_b.append(second(i))
            out_a.append(first(i))
    return out_a, out_b


def no_tokens(html: str) -> str:
    return re.sub(r'name="csrf" value="[^"]*"', 'name="csrf" value=""', html)


def test_sign_in_with_an_unknown_name_looks_and_takes_like_a_wrong_password(db, new_org, make_account):
    org = new_org()
    known = make_account(in_org=org, username=uniq("known"))
    c_known, c_ghost = org.client(), org.client()

    def attempt(client, username):
        def run(i):
            db.run("DELETE FROM login_failure WHERE org_id = %s", (org.id,))
            token = client.csrf("/login")
            r = client.post("/login", data={"username": username(i), "password": f"not-it-{i}", "csrf": token})
            return r, username(i)
        return run

    ghosts = [uniq("ghost") for _ in range(SAMPLES)]
    k, g = interleaved(SAMPLES, attempt(c_known, lambda i: known.username), attempt(c_ghost, lambda i: ghosts[i]))
    for (rk, name_k), (rg, name_g) in zip(k, g):
        assert rk.status_code == rg.status_code == 401
        assert LOGIN_FAILED in rk.text
        # The form gives back the name as typed: take it out, with the CSRF token, then they are the same.
        assert no_tokens(rk.text).replace(name_k, "NAME") == no_tokens(rg.text).replace(name_g, "NAME")
    assert_similar_timing("sign-in", "known name", [r.elapsed.total_seconds() for r, _ in k],
                          "unknown name", [r.elapsed.total_seconds() for r, _ in g])


def test_forgot_password_for_a_known_and_an_unknown_name_alike(db, new_org, make_account):
    org = new_org()
    known = make_account(in_org=org, username=uniq("known"))
    c_known, c_ghost = org.client(), org.client()

    def ask(client, username):
        def run(i):
            db.run("DELETE FROM throttle_event WHERE org_id = %s AND kind IN ('forgot_user', 'forgot_ip')", (org.id,))
            token = client.csrf("/password/forgot")
            return client.post("/password/forgot", data={"csrf": token, "username": username(i)})
        return run

    k, g = interleaved(SAMPLES, ask(c_known, lambda i: known.username), ask(c_ghost, lambda i: uniq("ghost")))
    for rk, rg in zip(k, g):
        assert rk.status_code == rg.status_code == 200
        assert no_tokens(rk.text) == no_tokens(rg.text)
    # Every known sample took the whole path: a link and an e-mail each (none was cut short by throttling).
    assert db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND contact_id = %s",
                    (org.id, known.contact_id)) == SAMPLES
    assert_similar_timing("forgot password", "known name", [r.elapsed.total_seconds() for r in k],
                          "unknown name", [r.elapsed.total_seconds() for r in g])


def test_registration_with_a_new_and_a_known_email_alike(db, new_org):
    """A new address and a known one (with its password: SPEC §7, the same password for every process) both
    land on a new application, after one Argon2 computation each (a hash, or a verify). A known address
    with another password gets the generic refusal (test_public_portal), which a new address cannot get:
    what stays observable by design is that a fresh address registers — at the price of a real, audited
    and throttled account."""
    org = new_org()
    papi = org.api(create_apikey(org, "contacts,tasks,portals"))
    portal = make_portal(papi, [make_process(papi)], allow_duplicates=True)
    mail, pw = f"{uniq('known')}@example.test", strong_password()

    def register(address, password):
        def run(i):
            db.run("DELETE FROM throttle_event WHERE org_id = %s AND kind = 'register_ip'", (org.id,))
            c = org.client()
            page = c.get(f"/p/{portal['slug']}")
            hidden = re.search(r'name="process_id" value="(\d+)"', page.text).group(1)
            data = {"csrf": csrf_from(page.text), "name": "Ann Applicant", "email": address(i),
                    "password": password, "process_id": hidden}
            return c.post(f"/p/{portal['slug']}/register", data=data)
        return run

    assert register(lambda i: mail, pw)(0).status_code == 303  # now the address is known
    k, n = interleaved(SAMPLES, register(lambda i: mail, pw),
                       register(lambda i: f"{uniq('new')}@example.test", pw))
    for rk, rn in zip(k, n):
        assert rk.status_code == rn.status_code == 303
        assert re.fullmatch(r"/applications/\d+", location_path(rk)) and re.fullmatch(r"/applications/\d+", location_path(rn))
        assert re.sub(r"\d+", "N", rk.text) == re.sub(r"\d+", "N", rn.text)
        assert sorted(c.split("=", 1)[0] for c in rk.raw.headers.getlist("Set-Cookie")) == \
            sorted(c.split("=", 1)[0] for c in rn.raw.headers.getlist("Set-Cookie"))
    assert_similar_timing("registration", "known e-mail", [r.elapsed.total_seconds() for r in k],
                          "new e-mail", [r.elapsed.total_seconds() for r in n])
