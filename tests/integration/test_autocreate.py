"""Auto-create portal users (SPEC §8): settings through the staff API, and portico-autocreate --once against
the real stack (accounts, e-mail through the mailer and SMTP sink, sign-in with what the e-mail gives)."""
import os
import signal
import subprocess
import time
import urllib.parse

import pytest

from conftest import assert_api_error, create_apikey, csrf_from, env, uniq
from mail_files import mail_to, wait_for_mail

MAINT = "contacts,maintenance.candidate_portal,maintenance.client_portal"


def job_cmd():
    return [os.path.join(os.path.dirname(env("PORTICO_ADMIN")), "portico-autocreate"), "--once"]


def run_job(**extra) -> subprocess.CompletedProcess:
    e = dict(os.environ, **{k: str(v) for k, v in extra.items()})
    p = subprocess.run(job_cmd(), env=e, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, f"portico-autocreate --once failed ({p.returncode}): {p.stderr[-2000:]}"
    return p


def start_job(**extra) -> subprocess.Popen:
    e = dict(os.environ, **{k: str(v) for k, v in extra.items()})
    return subprocess.Popen(job_cmd(), env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def site(new_org):
    """A fresh org and a key with every permission this feature needs. The job works over every org, so
    each test switches its portals off again: a run then only ever finds the current test's work."""
    o = new_org()
    api = o.api(create_apikey(o, MAINT))
    yield o, api
    for portal in ("candidate", "client"):
        assert put(api, portal, {"enabled": False}).status_code == 200


def put(api, portal, body):
    return api.request("PUT", f"autocreate/{portal}", json=body)


def enable(api, portal, **fields):
    r = put(api, portal, {"enabled": True, **fields})
    assert r.status_code == 200, r.text
    return r.json()


def contact(api, kind="candidate", email=None, **more):
    email = email or f"{uniq('p')}@example.test"
    return api.create("contacts", {"kind": kind, "email": email, "name": f"Person {email.split('@')[0]}", **more})


def runs(api, portal):
    r = api.get("autocreate/runs", params={"portal": portal, "limit": 200})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def mails_for(db, org_id, contact_id):
    return db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND contact_id = %s AND folder = "
                    "'auto_create_portal_user'", (org_id, contact_id))


def set_password(client, path, password):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    return client.post(path, data={"csrf": csrf_from(r.text), "new_password": password})


def test_settings_need_the_matching_permission_and_bad_values_change_nothing(site):
    org, api = site
    r = api.get("autocreate/candidate")
    assert r.status_code == 200
    assert r.json() | {"problems": []} == {
        "portal": "candidate", "enabled": False, "username_format": "email", "template": "auto_create_portal_user",
        "credential_mode": "set_password_link", "updated_at": None, "problems": []}

    only_contacts = org.api(create_apikey(org, "contacts"))
    assert_api_error(put(only_contacts, "candidate", {"enabled": True}), 403)
    assert_api_error(only_contacts.get("autocreate/candidate"), 403)
    client_only = org.api(create_apikey(org, "maintenance.client_portal"))
    err = assert_api_error(put(client_only, "candidate", {"enabled": True}), 403)
    assert "maintenance.candidate_portal" in err["message"]
    assert put(client_only, "client", {"enabled": True, "username_format": "record_id"}).status_code == 200

    for bad in ({"enabled": "yes"}, {"username_format": "phone"}, {"credential_mode": "plain"},
                {"template": "new_action"}, {"colour": "red"}):
        assert_api_error(put(api, "candidate", bad), 422)
    assert_api_error(api.request("PUT", "autocreate/candidate", data="{", headers={"Content-Type": "application/json"}), 400)
    assert api.get("autocreate/candidate").json()["enabled"] is False
    assert api.get("autocreate/client").json()["username_format"] == "record_id"
    assert_api_error(api.get("autocreate/target"), 404)
    assert_api_error(api.delete("autocreate/client"), 405)


def test_link_mode_with_email_usernames_end_to_end(site, db):
    org, api = site
    enable(api, "candidate")
    active = contact(api, email=f"{uniq('Cand')}@Example.test")
    sleeping = contact(api, status="inactive")
    client_contact = contact(api, kind="client_contact")  # the client portal is not enabled
    target = contact(api, kind="target")
    run_job()

    acc = api.read(f"contacts/{active['id']}/account")
    assert acc["username"] == active["email"].lower()
    assert acc["state"] == "invited" and acc["must_change_password"] is False
    for c in (sleeping, client_contact, target):
        assert api.get(f"contacts/{c['id']}/account").status_code == 404

    [m] = wait_for_mail(active["email"])
    assert acc["username"] in m.text
    path = urllib.parse.urlsplit(m.link("/password/set/")).path
    c = org.client()
    r = set_password(c, path, "copper lantern meadow autumn")
    assert r.status_code in (200, 303), r.text[:500]
    c2 = org.client()
    c2.login_ok(acc["username"], "copper lantern meadow autumn")
    assert api.read(f"contacts/{active['id']}/account")["state"] == "active"

    [run] = runs(api, "candidate")
    assert run["outcome"] == "finished" and run["created"] == 1 and run["skipped"] == 0
    assert run["finished_at"] and isinstance(run["duration_ms"], int)

    run_job()  # nothing new: no second account or e-mail
    assert mails_for(db, org.id, active["id"]) == 1
    assert [r["created"] for r in runs(api, "candidate")] == [1, 0]
    time.sleep(0.5)
    assert len(mail_to(active["email"])) == 1


def test_generated_password_mode_with_record_ids_forces_a_change(site, db):
    org, api = site
    enable(api, "client", username_format="record_id", credential_mode="generated_password")
    ref = uniq("R-")
    person = contact(api, kind="client_contact", record_ref=ref)
    no_ref = contact(api, kind="client_contact")
    run_job()

    acc = api.read(f"contacts/{person['id']}/account")
    assert acc["username"] == ref and acc["state"] == "active" and acc["must_change_password"] is True
    [m] = wait_for_mail(person["email"])
    password = m.text.split("Your temporary password:")[1].split()[0]
    assert len(password) >= 22  # at least 128 bits
    assert db.contains_text(password) == []  # never stored in clear (the sent body is dropped; it was sealed)
    stored = db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s", (org.id, acc["id"]))
    assert stored.startswith("$portico-keyed$") and password not in stored

    c = org.client()
    r = c.login(ref, password)
    assert r.status_code == 303 and r.headers["Location"].endswith("/account")
    assert c.get("/").headers.get("Location", "").endswith("/account")  # the change is forced
    r = c.post("/account", data={"csrf": c.session_csrf(), "current_password": password,
                                  "new_password": "violet harbour lantern seven"})
    assert r.status_code == 200, r.text[:500]
    stored = db.value("SELECT password_hash FROM account WHERE org_id = %s AND id = %s", (org.id, acc["id"]))
    assert stored.startswith("$argon2id$")
    assert org.client().login(ref, password).status_code == 401
    org.client().login_ok(ref, "violet harbour lantern seven")

    [run] = runs(api, "client")
    assert run["created"] == 1 and run["skipped"] == 1
    assert run["problems"][0]["contact_id"] == no_ref["id"] and run["problems"][0]["reason"] == "no_record_ref"
    assert [p["contact_id"] for p in api.read("autocreate/client")["problems"]] == [no_ref["id"]]


def test_clashes_are_reported_not_fatal(site, db):
    org, api = site
    enable(api, "candidate")
    shared = f"{uniq('twin')}@example.test"
    a = contact(api, email=shared)
    b = contact(api, email=shared.upper())
    holder = contact(api, kind="target")
    taken = f"{uniq('taken')}@example.test"
    assert api.post(f"contacts/{holder['id']}/account", {"username": taken}).status_code == 201
    late = contact(api, email=taken.capitalize())
    fine = contact(api)
    run_job()

    assert api.get(f"contacts/{fine['id']}/account").status_code == 200
    for c in (a, b, late):
        assert api.get(f"contacts/{c['id']}/account").status_code == 404
    [run] = runs(api, "candidate")
    reasons = {p["contact_id"]: p["reason"] for p in run["problems"]}
    assert reasons == {a["id"]: "duplicate_email", b["id"]: "duplicate_email", late["id"]: "username_taken"}
    assert run["skipped"] == 3 and run["created"] == 1
    assert {p["contact_id"] for p in api.read("autocreate/candidate")["problems"]} == set(reasons)

    # Fixing the clash lets the next run create the account; the problems are tried again each run.
    assert api.patch(f"contacts/{b['id']}", {"email": f"{uniq('fixed')}@example.test"}).status_code == 200
    run_job()
    assert api.get(f"contacts/{a['id']}/account").status_code == 200
    assert api.get(f"contacts/{b['id']}/account").status_code == 200
    assert {p["contact_id"] for p in api.read("autocreate/candidate")["problems"]} == {late["id"]}


def test_inactive_contacts_are_suspended(site, db):
    org, api = site
    enable(api, "candidate")
    person = contact(api)
    run_job()
    assert api.read(f"contacts/{person['id']}/account")["state"] == "invited"
    assert api.patch(f"contacts/{person['id']}", {"status": "inactive"}).status_code == 200
    run_job()
    assert api.read(f"contacts/{person['id']}/account")["state"] == "suspended"
    assert runs(api, "candidate")[-1]["suspended"] == 1
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'account.autosuspend'",
                    (org.id,)) == 1
    # The welcome link died with the suspension.
    assert db.value("SELECT count(*) FROM password_link l JOIN account a ON a.org_id = l.org_id AND a.id = l.account_id "
                    "WHERE a.org_id = %s AND a.contact_id = %s AND l.revoked_at IS NULL", (org.id, person["id"])) == 0


def many(api, n, kind="candidate"):
    return [contact(api, kind=kind)["id"] for _ in range(n)]


def assert_exactly_once(db, org, ids):
    rows = db.all("SELECT contact_id, count(*) FROM account WHERE org_id = %s GROUP BY contact_id", (org.id,))
    assert {r[0]: r[1] for r in rows} == {i: 1 for i in ids}
    rows = db.all("SELECT contact_id, count(*) FROM outbox WHERE org_id = %s AND folder = 'auto_create_portal_user' "
                  "GROUP BY contact_id", (org.id,))
    assert {r[0]: r[1] for r in rows} == {i: 1 for i in ids}


def test_two_concurrent_runs_create_each_account_once(site, db):
    org, api = site
    enable(api, "candidate", credential_mode="generated_password")
    ids = many(api, 120)
    jobs = [start_job(PORTICO_AUTOCREATE_BATCH=10) for _ in range(2)]
    for j in jobs:
        out, err = j.communicate(timeout=120)
        assert j.returncode == 0, err[-2000:]
    assert_exactly_once(db, org, ids)
    rs = runs(api, "candidate")
    assert len(rs) == 2 and sum(r["created"] for r in rs) == 120
    assert {r["outcome"] for r in rs} <= {"finished", "busy"}


def test_a_run_killed_mid_way_loses_nothing_and_repeats_nothing(site, db):
    org, api = site
    enable(api, "candidate")
    ids = many(api, 40)

    # The first batch commits; the second is killed inside its transaction, after it wrote accounts,
    # links and e-mails: the test takes a lock (during the pause between batches) that the batch needs at
    # its very end, waits until the batch is stuck on it, and kills the job.
    import psycopg2
    j = start_job(PORTICO_AUTOCREATE_BATCH=10, PORTICO_AUTOCREATE_PAUSE_MS=2000)
    deadline = time.monotonic() + 30
    while db.count("account", org.id) == 0:
        assert time.monotonic() < deadline and j.poll() is None, "no batch committed"
        time.sleep(0.02)
    blocker = psycopg2.connect(env("PORTICO_TEST_DSN"))
    blocker.cursor().execute("LOCK TABLE autocreate_queue IN SHARE MODE")
    deadline = time.monotonic() + 30
    while True:
        stuck = db.all("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                       ("DELETE FROM autocreate_queue%",))
        if stuck:
            break
        assert time.monotonic() < deadline, "the job never reached the end of its second batch"
        assert j.poll() is None, j.communicate()[1][-2000:]
        time.sleep(0.02)
    wrote = {r[0] for r in db.all("SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                  "WHERE l.pid = %s AND l.mode = 'RowExclusiveLock'", (stuck[0][0],))}
    assert {"account", "password_link", "outbox"} <= wrote  # the open batch had written them
    j.send_signal(signal.SIGKILL)
    j.wait(timeout=10)
    blocker.rollback()
    blocker.close()
    # The killed job's server process ends (rolling back) once it finds its client gone.
    deadline = time.monotonic() + 10
    while db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"):
        assert time.monotonic() < deadline, "the killed job's transaction never ended"
        time.sleep(0.05)
    assert db.count("account", org.id) == 10
    assert db.value("SELECT count(*) FROM outbox WHERE org_id = %s", (org.id,)) == 10
    [killed] = runs(api, "candidate")
    assert killed["outcome"] == "running" and killed["finished_at"] is None and killed["created"] == 10

    run_job()
    assert_exactly_once(db, org, ids)
    last = runs(api, "candidate")[-1]
    assert last["outcome"] == "finished" and last["created"] == 30
