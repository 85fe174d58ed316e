"""portico-autocreate and portico-mailer SIGKILLed at random moments, many times over, while they work
through a few hundred contacts and then their e-mails (issue 9, SPEC §8): afterwards every contact has exactly
one account and one welcome e-mail row, and every message reached the SMTP sink — counted by Message-ID
in its .eml files. A mailer killed between the relay's "250" and its own commit sends that one message
again on the retry (SMTP gives no way to make that atomic; the Message-ID stays the same, so receivers
can drop the copy): so at most one copy per kill is allowed, and the copies are reported."""
import concurrent.futures
import email.parser
import glob
import os
import random
import signal
import subprocess
import time

from conftest import create_apikey, env, handler_pids
from test_autocreate import MAINT, assert_exactly_once, contact, enable, job_cmd, put

CONTACTS = 240
KILLS = 20


def message_ids(org) -> list:
    """The Message-IDs of the org's mail in the sink, one entry per .eml file."""
    parser, out = email.parser.BytesHeaderParser(), []
    suffix = f"@{org.host}>"
    for f in glob.glob(os.path.join(env("PORTICO_TEST_MAIL_DIR"), "*.eml")):
        with open(f, "rb") as fh:
            mid = parser.parse(fh)["Message-ID"] or ""
        if mid.startswith(f"<outbox.{org.id}.") and mid.endswith(suffix):
            out.append(mid)
    return out


def extra_mailer(batch=20) -> subprocess.Popen:
    binary = os.path.join(os.path.dirname(env("PORTICO_ADMIN")), "portico-mailer")
    e = dict(os.environ, PORTICO_MAIL_BATCH=str(batch), PORTICO_MAIL_POLL_MS="50")
    log = open(os.path.join(env("PORTICO_TEST_LOG_DIR"), "killed-mailers.log"), "a")
    return subprocess.Popen([binary], env=e, stdin=subprocess.DEVNULL, stdout=log, stderr=log)


def test_autocreate_and_mailer_killed_many_times_lose_nothing_and_repeat_nothing(new_org, db):
    org = new_org()
    api = org.api(create_apikey(org, MAINT))
    with concurrent.futures.ThreadPoolExecutor(6) as ex:
        ids = list(ex.map(lambda _: contact(org.api(api.key))["id"], range(CONTACTS)))
    enable(api, "candidate")

    # The stack's own mailer is paused (SIGSTOP) until both phases are over, so the welcome e-mails wait for the
    # mailers being killed; a claim it held when stopped expires after its lease, as a killed mailer's does.
    [stack_mailer] = handler_pids("mailer")
    os.kill(stack_mailer, signal.SIGSTOP)
    try:
        # 1. Auto-create: one --once run after another, each SIGKILLed at a random moment. Small batches with a
        # pause between them stretch the work; runs are started until KILLS of them were killed with work left
        # (a run that finished first does not count), so a quick machine cannot make the test weaker.
        env_ = dict(os.environ, PORTICO_AUTOCREATE_BATCH="3", PORTICO_AUTOCREATE_PAUSE_MS="50")
        job_kills = []
        for _ in range(3 * KILLS):
            if sum(1 for n in job_kills if n < CONTACTS) >= KILLS or db.count("account", org.id) >= CONTACTS:
                break
            j = subprocess.Popen(job_cmd(), env=env_, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.05, 0.3))
            if j.poll() is None:
                j.send_signal(signal.SIGKILL)
                job_kills.append(db.count("account", org.id))
            j.wait(10)
        # A last run, left to finish, does what is left.
        p = subprocess.run(job_cmd(), env=env_, capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr[-2000:]
        # Wait for the killed jobs' server sessions to end (their open batches roll back).
        deadline = time.monotonic() + 10
        while db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"):
            assert time.monotonic() < deadline, "a killed job's transaction never ended"
            time.sleep(0.05)

        # 2. Mailers, with every welcome e-mail due: one started (one message a claim), SIGKILLed 0.01-0.06 s
        # later, the next started, until KILLS of them were killed with mail still to take (not counting rows
        # that killed mailers' leases hold: nobody can send those until the lease ends).
        mail_kills = []
        for _ in range(3 * KILLS):
            if sum(1 for due in mail_kills if due) >= KILLS:
                break
            m = extra_mailer(batch=1)
            time.sleep(random.uniform(0.01, 0.06))
            due = db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND (state = 'pending' OR "
                           "(state = 'sending' AND lease_until < now()))", (org.id,))
            m.send_signal(signal.SIGKILL)
            m.wait(10)
            mail_kills.append(due)
            if not due:
                break
    finally:
        os.kill(stack_mailer, signal.SIGCONT)

    # The kills landed while there was work: jobs killed before all accounts were there, mailers with mail due.
    working = [n for n in job_kills if n < CONTACTS]
    assert len(working) >= KILLS, f"auto-create killed with work left only {len(working)} times: {job_kills}"
    # (A quick machine may send the whole queue in fewer kills than KILLS: half of them is the floor.)
    assert sum(1 for due in mail_kills if due) >= KILLS // 2, f"mail due at the kills: {mail_kills}"
    print(f"auto-create: {len(job_kills)} runs killed (accounts at each kill: {job_kills}); "
          f"mailer: {len(mail_kills)} killed (rows due at each kill: {mail_kills})")

    assert_exactly_once(db, org, ids)
    # Every row sent (rows the killed mailers held come back after their lease, scripts/test: 3 s).
    deadline = time.monotonic() + 90
    while db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND state <> 'sent'", (org.id,)):
        assert time.monotonic() < deadline, "mail still unsent 90 s after the last kill"
        time.sleep(0.2)
    rows = [r[0] for r in db.all("SELECT id FROM outbox WHERE org_id = %s", (org.id,))]
    assert len(rows) == CONTACTS
    expected = {f"<outbox.{org.id}.{i}@{org.host}>" for i in rows}
    deadline = time.monotonic() + 10   # the sink writes a file once it has answered
    while not expected <= set(message_ids(org)) and time.monotonic() < deadline:
        time.sleep(0.1)
    got = message_ids(org)
    assert set(got) == expected, f"{len(expected - set(got))} messages never arrived"
    copies = len(got) - len(expected)
    print(f"{len(got)} files for {len(expected)} messages: {copies} copies")
    assert copies <= len(mail_kills), f"{copies} duplicate deliveries for {len(mail_kills)} mailer kills"
    put(api, "candidate", {"enabled": False})
