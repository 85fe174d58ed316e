"""/metrics (docs/interfaces.md, "Metrics"): the Prometheus text format from portico-metrics, for the local host
only. Request counters are kept per handler process and added to the database every PORTICO_METRICS_FLUSH_MS
(200 in the test stack), so a test waits for its requests to show, then checks that they moved by exactly that."""
import http.client
import os
import re
import signal
import ssl
import subprocess
import time

import pytest

import fcgi_client
from conftest import create_apikey, env, handler_pids, raw_request, run_dir, uniq

CONTENT_TYPE = "text/plain; version=0.0.4"
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text: str) -> dict:
    """{(name, frozenset of (label, value)): value} of every sample; every line is a comment or a sample."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, f"not a sample line: {line!r}"
        labels = frozenset(LABEL.findall(m.group(2) or ""))
        out[(m.group(1), labels)] = float(m.group(3))
    return out


def scrape() -> dict:
    r = raw_request("GET", "localhost", "/metrics")
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Content-Type"].startswith(CONTENT_TYPE), r.headers["Content-Type"]
    return parse(r.text)


def val(samples: dict, name: str, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        s = scrape()
        if predicate(s):
            return s
        if time.monotonic() > deadline:
            return s
        time.sleep(0.1)


def test_counters_move_by_exactly_the_requests_made(org):
    before = scrape()
    for _ in range(5):
        assert raw_request("GET", org.host, "/c/not-a-real-token").status_code == 404
    for _ in range(3):
        assert raw_request("GET", org.host, "/login").status_code == 200
    for _ in range(2):
        assert raw_request("POST", org.host, "/login", data={"username": "x"}).status_code == 403  # no csrf

    expected = {("complete", "404"): 5, ("login", "200"): 3, ("login", "403"): 2}

    def moved(s):
        return all(val(s, "portico_http_requests_total", handler=h, status=st)
                   - val(before, "portico_http_requests_total", handler=h, status=st) == n
                   for (h, st), n in expected.items())

    after = wait_until(moved)
    assert moved(after), {k: val(after, "portico_http_requests_total", handler=k[0], status=k[1]) for k in expected}
    time.sleep(1.0)  # five flush periods more: nothing else arrives (no double counting)
    settled = scrape()
    assert moved(settled)
    for h, n in (("complete", 5), ("login", 5)):
        # Every status of the handler: only those moved; the latency histogram counted each request once.
        statuses = {dict(k[1])["status"] for k in settled if k[0] == "portico_http_requests_total"
                    and dict(k[1])["handler"] == h}
        total = sum(val(settled, "portico_http_requests_total", handler=h, status=st)
                    - val(before, "portico_http_requests_total", handler=h, status=st) for st in statuses)
        assert total == n, (h, total)
        count = val(settled, "portico_http_request_duration_seconds_count", handler=h)
        assert count - val(before, "portico_http_request_duration_seconds_count", handler=h) == n
        assert val(settled, "portico_http_request_duration_seconds_bucket", handler=h, le="+Inf") == count
        assert val(settled, "portico_http_request_duration_seconds_sum", handler=h) > \
            val(before, "portico_http_request_duration_seconds_sum", handler=h)
        buckets = sorted((float(dict(k[1])["le"]), v) for k, v in settled.items()
                         if k[0] == "portico_http_request_duration_seconds_bucket" and dict(k[1])["handler"] == h)
        assert [v for _, v in buckets] == sorted(v for _, v in buckets), "buckets are not cumulative"


def test_counts_survive_a_restart_of_the_handler(org):
    """A handler stopped with SIGTERM flushes what it counted; the totals do not start again from zero."""
    before = scrape()
    for _ in range(4):
        assert raw_request("GET", org.host, "/c/not-a-real-token").status_code == 404
    [pid] = handler_pids("complete")
    os.kill(pid, signal.SIGTERM)  # the supervisor starts it again, as systemd does
    # Back when a new process listens (no request meanwhile: nginx would answer 503 for the gap).
    sock = os.path.join(run_dir(), "complete.sock")
    deadline = time.monotonic() + 20
    while not (handler_pids("complete") not in ([], [pid]) and os.path.exists(sock)):
        assert time.monotonic() < deadline, "portico-complete did not come back"
        time.sleep(0.1)
    time.sleep(0.5)
    assert raw_request("GET", org.host, "/c/not-a-real-token").status_code == 404
    s = wait_until(lambda s: val(s, "portico_http_requests_total", handler="complete", status="404")
                   - val(before, "portico_http_requests_total", handler="complete", status="404") >= 5)
    assert val(s, "portico_http_requests_total", handler="complete", status="404") \
        - val(before, "portico_http_requests_total", handler="complete", status="404") == 5


def outbox_figures(db):
    return db.one("SELECT count(*) FILTER (WHERE state IN ('pending', 'sending')), "
                  "       EXTRACT(EPOCH FROM now() - min(created_at) FILTER (WHERE state IN ('pending', 'sending'))), "
                  "       count(*) FILTER (WHERE state = 'dead') FROM outbox")


def test_outbox_depth_oldest_age_and_dead_mail_match_the_database(db, org, api):
    # The stack's mailer is paused (SIGSTOP), so that the queued mail stays queued while it is compared.
    [mailer] = handler_pids("mailer")
    os.kill(mailer, signal.SIGSTOP)
    try:
        for _ in range(3):
            c = api.create("contacts", {"kind": "client_contact", "email": f"{uniq('m')}@example.test",
                                        "name": "Metrics Person"})
            assert api.post(f"contacts/{c['id']}/account").status_code == 201  # queues the invitation e-mail
        queued, oldest, dead = outbox_figures(db)
        assert queued >= 3
        s = scrape()
        assert val(s, "portico_outbox_queued") == queued
        assert val(s, "portico_outbox_dead") == dead
        assert abs(val(s, "portico_outbox_oldest_queued_age_seconds") - float(oldest)) < 2.0
    finally:
        os.kill(mailer, signal.SIGCONT)
    # Delivered once the mailer goes on: the depth falls to what the database says.
    deadline = time.monotonic() + 20
    while outbox_figures(db)[0] and time.monotonic() < deadline:
        time.sleep(0.2)
    queued, _, dead = outbox_figures(db)
    s = scrape()
    assert (val(s, "portico_outbox_queued"), val(s, "portico_outbox_dead")) == (queued, dead)
    if queued == 0:
        assert val(s, "portico_outbox_oldest_queued_age_seconds") == 0


def test_autocreate_runs_are_shown_per_org_and_portal(db, new_org):
    o = new_org()
    api = o.api(create_apikey(o, "contacts,maintenance.candidate_portal"))
    r = api.request("PUT", "autocreate/candidate", json={"enabled": True})
    assert r.status_code == 200, r.text
    try:
        for _ in range(2):
            api.create("contacts", {"kind": "candidate", "email": f"{uniq('a')}@example.test", "name": "Candidate"})
        job = [os.path.join(os.path.dirname(env("PORTICO_ADMIN")), "portico-autocreate"), "--once"]
        p = subprocess.run(job, capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr[-2000:]
    finally:
        assert api.request("PUT", "autocreate/candidate", json={"enabled": False}).status_code == 200
    finished_at, duration_ms = db.one("SELECT EXTRACT(EPOCH FROM finished_at), duration_ms FROM autocreate_run "
                                      "WHERE org_id = %s AND portal = 'candidate' AND outcome = 'finished'", (o.id,))
    s = scrape()
    labels = {"org": o.slug, "portal": "candidate"}
    assert val(s, "portico_autocreate_runs_total", outcome="finished", **labels) == 1
    assert val(s, "portico_autocreate_last_run_created", **labels) == 2
    assert val(s, "portico_autocreate_last_run_suspended", **labels) == 0
    assert val(s, "portico_autocreate_last_run_skipped", **labels) == 0
    assert abs(val(s, "portico_autocreate_last_run_timestamp_seconds", **labels) - float(finished_at)) < 0.01
    assert val(s, "portico_autocreate_last_run_duration_seconds", **labels) == pytest.approx(duration_ms / 1000)
    assert (("portico_autocreate_runs_total", frozenset({**labels, "outcome": "finished"}.items())) in s)


def https_from(source: str, path: str, headers: dict = None):
    """A request to the stack's nginx from another loopback source address (127.0.0.2 is not 127.0.0.1)."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    port = int(env("PORTICO_TEST_URL").rsplit(":", 1)[1])
    c = http.client.HTTPSConnection("127.0.0.1", port, source_address=(source, 0), context=ctx, timeout=10)
    try:
        c.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        c.close()


def test_refused_from_any_address_but_loopback_spoofed_headers_too():
    assert https_from("127.0.0.1", "/metrics")[0] == 200
    for headers in ({}, {"X-Forwarded-For": "127.0.0.1"}, {"X-Real-IP": "127.0.0.1", "Forwarded": "for=127.0.0.1"}):
        status, body = https_from("127.0.0.2", "/metrics", headers)
        assert status == 403, (headers, status)
        assert "portico_" not in body
    # The handler checks as well, whatever reaches its socket: REMOTE_ADDR decides, X-Forwarded-For never.
    sock = os.path.join(run_dir(), "metrics.sock")
    for addr in ("203.0.113.7", "10.0.0.1", "127.0.0.2", "::ffff:10.0.0.1"):
        r = fcgi_client.request(sock, "GET", "/metrics",
                                params={"REMOTE_ADDR": addr, "HTTP_X_FORWARDED_FOR": "127.0.0.1"})
        assert r.status == 403, (addr, r.status)
        assert "portico_" not in r.text
    ok = fcgi_client.request(sock, "GET", "/metrics", params={"REMOTE_ADDR": "::1"})
    assert ok.status == 200 and "portico_http_requests_total" in ok.text


def test_only_get_on_the_one_path():
    assert raw_request("POST", "localhost", "/metrics").status_code == 405
    assert raw_request("HEAD", "localhost", "/metrics").status_code == 200
    assert raw_request("GET", "localhost", "/metrics/x").status_code != 200
