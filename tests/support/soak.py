"""Soak load for Portico (issue 9), used by scripts/soak (ten minutes, by hand) and by
tests/integration/test_zw_soak.py (a short run inside scripts/test).

Against a running stack (the PORTICO_TEST_* environment of scripts/test), it sets up one org of its own
(accounts, an API key, a one-time-link contact) and then:
  1. measures capacity: WORKERS clients, each sending the mix as fast as answers come, for a few seconds;
  2. runs the mix open-loop at a fixed rate (by default half the measured capacity) for the given time;
  3. prints requests by kind and status, p50/p99, 5xx, unexpected answers, and each handler's RSS at the
     start and the end of the run, and says whether it passed.
The mix: signed-in pages, sign-ins, one-time link completions (links read from the mails the tasks
created through the API bring), uploads, API reads and writes, and intended 4xx (a forged link: 404, a
used link: 410). Anything but a kind's expected answers is an error; any 5xx fails the run, and so does
a handler whose memory grew beyond the tolerance."""
import argparse
import collections
import concurrent.futures
import glob
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "integration"))

from conftest import Db, create_account, create_apikey, create_org, csrf_from, env, uniq  # noqa: E402
from mail_files import Mail  # noqa: E402
from test_complete import one_time_contact  # noqa: E402
from test_documents import PDF  # noqa: E402

WORKERS = 8
PAGES = ["/", "/account", "/files", "/contact", "/upload"]
# kind -> (weight, expected statuses)
MIX = {
    "page": (40, {200}),
    "login": (8, {200, 303}),       # GET the form (200), POST it (303)
    "complete": (8, {200, 303}),    # GET the link page (200), POST the answer (303)
    "upload": (5, {200, 303}),      # GET the form (200), POST one PDF (303)
    "api_read": (25, {200}),
    "api_task": (8, {201}),         # a new task for the one-time contact: its mail feeds the link pool
    "dead_link": (6, {404, 410}),   # intended: a forged token (404) or a used link (410)
}


class Soak:
    def __init__(self, run_dir: str):
        self.run_dir = run_dir
        self.db = Db(env("PORTICO_TEST_DSN"))
        self.org = create_org(self.db)
        self.accounts = [create_account(self.db, self.org) for _ in range(4)]
        self.key = create_apikey(self.org, "contacts,tasks")
        self.contact = one_time_contact(self.org.api(self.key))
        self.lock = threading.Lock()
        self.links, self.used = [], []
        self.seen_mail = set()
        self.records = []       # (kind, status, seconds)
        self.local = threading.local()
        self.recording = False

    # --- one request, recorded ------------------------------------------------------------------
    def req(self, kind, fn, *a, **kw):
        t0 = time.perf_counter()
        try:
            status = fn(*a, timeout=30, **kw)
            code = status.status_code
        except Exception as e:  # a dropped connection or a timeout is an error of its own kind
            status, code = None, type(e).__name__
        if self.recording:
            with self.lock:
                self.records.append((kind, code, time.perf_counter() - t0))
        return status

    def client(self):
        c = getattr(self.local, "client", None)
        if c is None:
            acc = random.choice(self.accounts)
            c = acc.signed_in_client()
            self.local.client, self.local.csrf = c, None
        return c

    # --- the kinds of traffic -------------------------------------------------------------------
    def page(self):
        self.req("page", self.client().get, random.choice(PAGES))

    def login(self):
        acc = random.choice(self.accounts)
        c = self.org.client()
        r = self.req("login", c.get, "/login")
        if r is not None and r.status_code == 200:
            self.req("login", c.post, "/login", data={"username": acc.username, "password": acc.password,
                                                     "csrf": csrf_from(r.text)})

    def complete(self):
        with self.lock:
            path = self.links.pop() if self.links else None
        if path is None:
            return self.api_task()
        c = self.org.client()
        r = self.req("complete", c.get, path)
        if r is not None and r.status_code == 200:
            self.req("complete", c.post, path, data={"option": "Yes", "csrf": csrf_from(r.text)})
        with self.lock:
            self.used.append(path)

    def upload(self):
        c = self.client()
        r = self.req("upload", c.get, "/upload")
        if r is not None and r.status_code == 200:
            self.req("upload", c.post, "/upload", data={"csrf": csrf_from(r.text)},
                     files=[("files", (f"{uniq('soak ')}.pdf", PDF, "application/pdf"))])

    def api(self):
        a = getattr(self.local, "api", None)
        if a is None:
            a = self.local.api = self.org.api(self.key)
        return a

    def api_read(self):
        self.req("api_read", self.api().get, random.choice(["contacts", "tasks?state=new", "groups"]))

    def api_task(self):
        body = {"type": "single_select", "title": uniq("Soak "), "contact_id": self.contact["id"],
                "spec": {"options": ["Yes", "No"]}}
        self.req("api_task", self.api().post, "tasks", body)

    def dead_link(self):
        with self.lock:
            path = random.choice(self.used) if self.used and random.random() < 0.5 else None
        path = path or f"/c/v1.k0.{uniq()}{uniq()}.{uniq()}{uniq()}"
        self.req("dead_link", self.client().get, path)

    def one(self):
        kinds = list(MIX)
        getattr(self, random.choices(kinds, [MIX[k][0] for k in kinds])[0])()

    # --- the link pool, fed by the mails of the tasks made through the API ------------------------
    def scan_mail(self):
        address = self.contact["email"].lower()
        for f in glob.glob(os.path.join(env("PORTICO_TEST_MAIL_DIR"), "*.eml")):
            if f in self.seen_mail:
                continue
            self.seen_mail.add(f)
            try:
                with open(f, "rb") as fh:
                    head = fh.read(4096)
                if address.encode() not in head.lower():
                    continue
                import email
                import email.policy
                with open(f, "rb") as fh:
                    m = Mail(f, email.message_from_binary_file(fh, policy=email.policy.default))
                path = urllib.parse.urlsplit(m.link("/c/")).path
            except Exception:
                continue
            with self.lock:
                self.links.append(path)

    def feeder(self, stop: threading.Event):
        while not stop.is_set():
            self.scan_mail()
            stop.wait(0.5)

    # --- memory -------------------------------------------------------------------------------
    def rss(self) -> dict:
        """RSS in kB of every portico process started by a supervisor in the run folder."""
        out = {}
        for f in sorted(glob.glob(os.path.join(self.run_dir, "*.pid"))):
            name = os.path.basename(f)[:-4]
            try:
                sup = open(f).read().strip()
                kids = subprocess.run(["pgrep", "-P", sup, "-f", f"portico-{name}"], capture_output=True,
                                      text=True).stdout.split()
                for k in kids:
                    for line in open(f"/proc/{k}/status"):
                        if line.startswith("VmRSS:"):
                            out[name] = int(line.split()[1])
            except (OSError, ValueError):
                continue
        return out

    # --- phases -------------------------------------------------------------------------------
    def closed_loop(self, seconds: float) -> float:
        """Requests per second WORKERS clients get through, each sending as soon as its answer came."""
        stop = time.monotonic() + seconds
        n0 = len(self.records)

        def worker():
            while time.monotonic() < stop:
                self.one()
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as ex:
            for f in [ex.submit(worker) for _ in range(WORKERS)]:
                f.result()
        return (len(self.records) - n0) / seconds

    def open_loop(self, seconds: float, rate: float):
        """Starts one piece of the mix every 1/rate seconds (a piece is one or two requests) for `seconds`,
        whatever the answers do. Returns (pieces due, pieces that began over 1 s after they were due)."""
        interval = 1.0 / rate
        start = time.monotonic()
        late = []

        def piece(due):
            if time.monotonic() - due > 1.0:
                late.append(due)
            self.one()

        n = 0
        with concurrent.futures.ThreadPoolExecutor(WORKERS * 4) as ex:
            pending = collections.deque()
            while start + n * interval < start + seconds:
                due = start + n * interval
                now = time.monotonic()
                if due > now:
                    time.sleep(due - now)
                pending.append(ex.submit(piece, due))
                n += 1
                while pending and pending[0].done():
                    pending.popleft().result()
            for f in pending:
                f.result()
        return n, len(late)


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else 0.0


def run(seconds: float, run_dir: str, rate: float = 0.0, measure_seconds: float = 8.0,
        rss_tolerance_pct: float = 25.0, rss_slack_kb: int = 8192, out=print) -> bool:
    s = Soak(run_dir)
    stop = threading.Event()
    feeder = threading.Thread(target=s.feeder, args=(stop,), daemon=True)
    feeder.start()
    try:
        s.recording = True
        # Warm-up and capacity: also fills the link pool and brings every handler to its working size.
        capacity = s.closed_loop(measure_seconds)
        warm = s.records
        s.records = []
        target = rate or capacity / 2
        # A piece of the mix is 1 to 2 requests: start pieces at the rate that gives `target` requests/s.
        doubles = sum(1 for k, _, _ in warm if k in ("login", "complete", "upload"))
        mean_requests = len(warm) / max(1, len(warm) - doubles / 2)
        rss_start = s.rss()
        t0 = time.monotonic()
        pieces, late = s.open_loop(seconds, target / mean_requests)
        elapsed = time.monotonic() - t0
        rss_end = s.rss()
    finally:
        stop.set()
        feeder.join(5)

    recs = s.records
    ok = True
    out(f"capacity (closed loop, {WORKERS} clients, {measure_seconds:.0f} s): {capacity:.1f} requests/s")
    out(f"run: {elapsed:.0f} s at a target of {target:.1f} requests/s ({pieces} pieces of the mix): "
        f"{len(recs)} requests, {len(recs) / elapsed:.1f}/s")
    if late:
        out(f"note: {late} pieces ({100 * late / max(1, pieces):.1f}%) began over 1 s after they were due: the stack, "
            f"or this machine (the load generator shares it), did not keep up with the rate")
    by = collections.Counter((k, c) for k, c, _ in recs)
    out("requests by kind and status:")
    for (k, c), n in sorted(by.items(), key=lambda x: (x[0][0], str(x[0][1]))):
        out(f"  {k:<10} {c!s:<18} {n:>7}")
    times = [t for _, _, t in recs]
    out(f"latency: p50 {percentile(times, 50) * 1000:.1f} ms, p99 {percentile(times, 99) * 1000:.1f} ms, "
        f"max {max(times, default=0) * 1000:.1f} ms")
    for k in MIX:
        kt = [t for kk, _, t in recs if kk == k]
        if kt:
            out(f"  {k:<10} p50 {percentile(kt, 50) * 1000:7.1f} ms   p99 {percentile(kt, 99) * 1000:7.1f} ms")
    five = sum(n for (k, c), n in by.items() if isinstance(c, int) and c >= 500)
    unexpected = {(k, c): n for (k, c), n in by.items() if c not in MIX[k][1]}
    out(f"5xx: {five}")
    out(f"unexpected answers (not the kind's intended statuses): {sum(unexpected.values())} {unexpected or ''}")
    if five or unexpected:
        ok = False
    if not recs:
        out("no requests were made")
        ok = False
    out(f"handler RSS (kB), start -> end (tolerance: +{rss_tolerance_pct:.0f}% + {rss_slack_kb} kB):")
    for name in sorted(set(rss_start) | set(rss_end)):
        a, b = rss_start.get(name, 0), rss_end.get(name, 0)
        grew = a and b > a * (1 + rss_tolerance_pct / 100) + rss_slack_kb
        out(f"  {name:<11} {a:>9} -> {b:>9}  {'GREW' if grew else 'ok'}")
        if grew or not a or not b:
            ok = False
    out("soak: PASSED" if ok else "soak: FAILED")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--rate", type=float, default=0.0, help="requests/s (default: half the measured capacity)")
    ap.add_argument("--measure-seconds", type=float, default=10)
    ap.add_argument("--run-dir", required=True, help="the stack's run folder (supervisor pid files)")
    ap.add_argument("--rss-tolerance-pct", type=float, default=25.0)
    ap.add_argument("--rss-slack-kb", type=int, default=8192)
    a = ap.parse_args()
    ok = run(a.seconds, a.run_dir, a.rate, a.measure_seconds, a.rss_tolerance_pct, a.rss_slack_kb,
             out=lambda s: print(s, flush=True))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
