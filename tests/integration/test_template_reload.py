"""Templates reload on SIGHUP (docs/interfaces.md, "Signals"): an edited template serves after the signal; one
that does not parse is refused with its file and line in the log, and the old ones keep serving; requests
that run through reloads all succeed. A portico-login of the test's own, on a copy of the templates and its own
socket (driven over FastCGI), so the checkout's templates are never touched."""
import concurrent.futures
import os
import shutil
import signal
import subprocess
import threading
import time

import pytest

import fcgi_client
from conftest import env, uniq


class Instance:
    def __init__(self, tmp_path):
        self.templates = tmp_path / "templates"
        shutil.copytree(env("PORTICO_TEMPLATE_DIR"), self.templates)
        self.sock = str(tmp_path / "login.sock")
        self.log = os.path.join(env("PORTICO_TEST_LOG_DIR"), f"reload-{uniq()}.log")
        binary = os.path.join(os.path.dirname(env("PORTICO_ADMIN")), "portico-login")
        e = dict(os.environ, PORTICO_TEMPLATE_DIR=str(self.templates), PORTICO_SOCKET=self.sock, PORTICO_WORKERS="4")
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen([binary], env=e, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        deadline = time.monotonic() + 20
        while not os.path.exists(self.sock):
            assert self.proc.poll() is None, self.log_text()
            assert time.monotonic() < deadline, "the handler did not start"
            time.sleep(0.05)

    def log_text(self) -> str:
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def page(self) -> fcgi_client.FcgiResponse:
        """The 404 page (error/error.tpl in layout/page.tpl) of a path portico-login does not serve."""
        return fcgi_client.request(self.sock, "GET", "/no-such-page")

    def write(self, name: str, text: str):
        # Written aside and renamed in, as editors and deploy tools do, so a reload never reads half a file.
        path = self.templates / name
        tmp = path.with_suffix(".new")
        tmp.write_text(text)
        os.replace(tmp, path)

    def reload_and_wait(self, marker: str, timeout=10.0):
        """SIGHUP, then wait for the log line that answers it."""
        n = self.log_text().count(marker)
        self.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + timeout
        while self.log_text().count(marker) <= n:
            assert time.monotonic() < deadline, f"no {marker!r} in the log after SIGHUP:\n{self.log_text()[-2000:]}"
            time.sleep(0.05)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        assert self.proc.wait(timeout=20) == 0, self.log_text()[-2000:]


@pytest.fixture
def login(tmp_path):
    i = Instance(tmp_path)
    yield i
    if i.proc.poll() is None:
        i.stop()



def test_an_edited_template_serves_after_sighup_and_a_broken_one_is_refused(login):
    original = (login.templates / "error/error.tpl").read_text()
    r = login.page()
    assert r.status == 404 and "Go to the home page" in r.text
    mark = uniq("edited-")
    login.write("error/error.tpl", original.replace("Go to the home page", f"Go home {mark}"))
    assert mark not in login.page().text  # loaded at start only
    login.reload_and_wait("templates reloaded")
    r = login.page()
    assert r.status == 404 and mark in r.text and r.headers["content-type"].startswith("text/html")

    # Broken on line 4: a section that is never closed. Refused, named with file and line; the edited page stays.
    lines = original.splitlines()
    lines.insert(3, "{{#UNCLOSED}}<p>oops</p>")
    login.write("error/error.tpl", "\n".join(lines) + "\n")
    login.reload_and_wait("template reload refused")
    refusal = [ln for ln in login.log_text().splitlines() if "template reload refused" in ln]
    assert "error/error.tpl:4:" in refusal[-1] and "UNCLOSED" in refusal[-1], refusal[-1]
    assert "keep serving" in refusal[-1]
    r = login.page()
    assert r.status == 404 and mark in r.text

    # A section closed by the wrong name, in the layout, line by line.
    page = (login.templates / "layout/page.tpl").read_text()
    login.write("error/error.tpl", original)
    login.write("layout/page.tpl", page.replace("</body>", "{{#A}}{{/B}}\n</body>", 1))
    line = page[:page.index("</body>")].count("\n") + 1
    login.reload_and_wait("template reload refused")
    refusal = [ln for ln in login.log_text().splitlines() if "template reload refused" in ln]
    assert f"layout/page.tpl:{line}:" in refusal[-1], refusal[-1]
    assert mark in login.page().text  # still the page of the last good reload

    # Repaired: the next SIGHUP takes the files as they are now.
    login.write("layout/page.tpl", page)
    login.reload_and_wait("templates reloaded")
    r = login.page()
    assert r.status == 404 and "Go to the home page" in r.text and mark not in r.text


def test_requests_during_reloads_all_succeed(login):
    original = (login.templates / "error/error.tpl").read_text()
    stop = threading.Event()
    counts = {"ok": 0, "bad": []}
    lock = threading.Lock()

    def hammer():
        while not stop.is_set():
            try:
                r = login.page()
                good = r.status == 404 and r.headers.get("content-type", "").startswith("text/html") \
                    and "</html>" in r.text
                problem = None if good else f"{r.status} {r.text[:200]}"
            except Exception as e:  # a dropped or refused connection is a failure too
                problem = repr(e)
            with lock:
                if problem:
                    counts["bad"].append(problem)
                else:
                    counts["ok"] += 1

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(hammer) for _ in range(4)]
        try:
            for i in range(10):
                text = original.replace("Go to the home page", f"Go home {i}") if i % 3 else original + "{{#X}}\n"
                login.write("error/error.tpl", text)
                login.reload_and_wait("templates reloaded" if i % 3 else "template reload refused")
                time.sleep(0.05)
        finally:
            stop.set()
            for f in futures:
                f.result()
    assert not counts["bad"], counts["bad"][:5]
    assert counts["ok"] >= 50, counts
