"""Faults under load (issue 9), near the end of the suite because they restart parts of the stack.
- PostgreSQL stopped and started again while requests run: meanwhile every request gets a 503 (never a
  500, never a hang), the handlers recover by themselves within a second of the database being back, and
  no request leaves a partial change.
- A handler killed with SIGKILL is started again by its supervisor (scripts/lib/supervise here, systemd's
  Restart= in production) and serves again within two seconds.
The orgs' hosts start with fault-, so the log check of test_zz allows their 502/503s."""
import concurrent.futures
import os
import subprocess
import threading
import time

import pytest

from conftest import Account, Org, admin, create_account, create_apikey, csrf_from, env, handler_pids, uniq


def pg_ctl(*args: str):
    cmd = ["runuser", "-u", "postgres", "--", os.path.join(env("PORTICO_TEST_PG_BIN"), "pg_ctl"),
           "-D", env("PORTICO_TEST_PGDATA"), *args]
    # The server must not inherit pytest's output: everything to /dev/null, in a session of its own.
    subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, start_new_session=True, cwd="/", timeout=90)


@pytest.fixture
def fault_org(db) -> Org:
    slug = uniq("fault-")
    host = f"{slug}.test"
    admin("org", "create", "--slug", slug, "--name", "Fault org", "--base-url", f"https://{host}")
    admin("org", "host", "add", "--org", slug, "--host", host)
    return Org(slug, host, db.value("SELECT id FROM org WHERE slug = %s", (slug,)))


@pytest.fixture
def restartable(db):
    """Makes sure the cluster runs again after the test, whatever happened."""
    yield
    try:
        pg_ctl("status")
    except subprocess.CalledProcessError:
        pg_ctl("-l", env("PORTICO_TEST_PG_LOG"), "-w", "-t", "60", "start")
    db.reconnect()


def consistent(db, org_id: int, task_id: int) -> str:
    """'completed' or 'open', and never a mix: a completed task has its event, its audit row and no live link."""
    t = db.one("SELECT state FROM task WHERE org_id = %s AND id = %s", (org_id, task_id))[0]
    events = db.value("SELECT count(*) FROM task_event WHERE org_id = %s AND task_id = %s AND kind = 'completed'",
                      (org_id, task_id))
    audits = db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND object_id = %s AND action = 'task.complete'",
                      (org_id, task_id))
    if t == "completed":
        assert (events, audits) == (1, 1), f"task {task_id} completed with {events} events and {audits} audit rows"
        return "completed"
    assert (t, events, audits) == ("new", 0, 0), f"task {task_id} half done: {t}, {events} events, {audits} audits"
    return "open"


def test_a_database_restart_under_load_gives_503_then_recovers_and_loses_nothing(db, fault_org, restartable):
    acc: Account = create_account(db, fault_org)
    api = fault_org.api(create_apikey(fault_org, "contacts,tasks"))
    tasks = []
    for _ in range(24):
        r = api.post("tasks", {"type": "single_select", "title": uniq("Q "), "contact_id": acc.contact_id,
                               "spec": {"options": ["Yes", "No"]}})
        assert r.status_code == 201, r.text
        tasks.append(r.json()["id"])
    c = acc.signed_in_client()
    token = csrf_from(c.get("/").text)

    # Load: four threads read pages and complete tasks until told to stop; every answer is recorded.
    results, lock, stop = [], threading.Lock(), threading.Event()
    todo = list(tasks)

    def load(n: int):
        while not stop.is_set():
            with lock:
                tid = todo.pop() if todo and n % 2 == 0 else None
            t0 = time.monotonic()
            try:
                if tid:
                    r = c.post(f"/tasks/{tid}", data={"option": "Yes", "csrf": token}, timeout=10)
                else:
                    r = c.get("/", timeout=10) if n % 4 == 1 else api.get("tasks?state=new", timeout=10)
                status = r.status_code
            except Exception as e:  # a hang or a dropped connection is a failure of its own kind
                status = f"{type(e).__name__}"
            with lock:
                results.append((t0, time.monotonic(), status, tid))
            time.sleep(0.02)

    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        futures = [ex.submit(load, n) for n in range(4)]
        time.sleep(1.0)
        stopped_at = time.monotonic()
        pg_ctl("-w", "-t", "30", "stop", "-m", "fast")
        down_at = time.monotonic()
        time.sleep(2.0)
        starting_at = time.monotonic()  # pg_ctl start returns a little after the server accepts work
        pg_ctl("-l", env("PORTICO_TEST_PG_LOG"), "-w", "-t", "60", "start")
        back_at = time.monotonic()
        time.sleep(2.0)
        stop.set()
        for f in futures:
            f.result()

    statuses = {s for _, _, s, _ in results}
    assert statuses <= {200, 303, 503}, f"unexpected answers under the outage: {statuses}"
    during = [s for t0, t1, s, _ in results if t0 > down_at and t1 < starting_at]
    assert during and set(during) == {503}, f"while the database was down: {set(during)}"
    # Recovery: from one second after the database is back, nothing but success.
    late = [s for t0, _, s, _ in results if t0 > back_at + 1.0]
    assert late and 503 not in late, f"still failing a second after the restart: {late.count(503)} of {len(late)}"
    assert any(s == 200 for t0, _, s, _ in results if t0 < stopped_at), "no success before the outage"

    db.reconnect()
    outcome = {tid: consistent(db, fault_org.id, tid) for tid in tasks}
    for _, _, s, tid in results:
        if tid and s == 303:
            assert outcome[tid] == "completed", f"task {tid} answered 303 but is not completed"
    # What the outage refused can be done now.
    for tid in [t for t, o in outcome.items() if o == "open"][:3]:
        r = c.post(f"/tasks/{tid}", data={"option": "No", "csrf": token})
        assert r.status_code == 303, r.text[:300]
        assert consistent(db, fault_org.id, tid) == "completed"


def test_a_handler_killed_under_load_is_started_again(db, fault_org):
    acc = create_account(db, fault_org)
    c = acc.signed_in_client()
    assert c.get("/").status_code == 200
    [pid] = handler_pids("portal")
    results = []
    os.kill(pid, 9)
    killed_at = time.monotonic()
    while time.monotonic() - killed_at < 4.0:
        try:
            results.append((time.monotonic() - killed_at, c.get("/", timeout=5).status_code))
        except Exception as e:
            results.append((time.monotonic() - killed_at, type(e).__name__))
        time.sleep(0.02)
    statuses = {s for _, s in results}
    # nginx answers for a handler it cannot reach with its own "unavailable" page (502 shown as 503).
    assert statuses <= {200, 503}, f"answers while the portal restarted: {statuses}"
    first_ok = min(t for t, s in results if s == 200)
    assert first_ok < 2.0, f"the portal served again only after {first_ok:.1f} s"
    assert all(s == 200 for t, s in results if t > first_ok), "failures after the restart"
    [new_pid] = handler_pids("portal")
    assert new_pid != pid
    # The session survived: it lives in the database, not in the process.
    assert "Sign out" in c.get("/").text


def test_link_tokens_stay_out_of_every_log_even_when_the_handler_is_down(fault_org):
    """nginx's error lines quote the request line: for paths that carry tokens it logs only critical ones."""
    import secrets
    token = f"v1.k0.{secrets.token_urlsafe(32)}.{secrets.token_urlsafe(32)}"
    reset = f"v1.k0.{secrets.token_urlsafe(32)}.{secrets.token_urlsafe(32)}"
    [pid] = handler_pids("complete")
    os.kill(pid, 9)
    c = fault_org.client()
    started = time.monotonic()
    answers = set()
    while time.monotonic() - started < 1.5:
        answers.add(c.get(f"/c/{token}").status_code)
        time.sleep(0.02)
    assert 503 in answers, f"the complete handler was never found down: {answers}"
    c.get(f"/password/set/{reset}")
    from conftest import read_logs
    logs = read_logs()
    assert token not in logs and token[6:40] not in logs, "a completion token reached a log"
    assert reset not in logs and reset[6:40] not in logs, "a set-password token reached a log"
