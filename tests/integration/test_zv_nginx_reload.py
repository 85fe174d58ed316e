"""nginx reloaded under load drops no request (issue 9): clients send a few thousand requests across the
handlers while the test stack's nginx is reloaded several times (what a certificate renewal or a
configuration change does in production). Every request must get its usual answer.

Half the clients open a new connection per request: they get no second try. The other half keep their
connections alive, as browsers do: an old worker closes its idle kept-alive connections when it leaves,
and a request sent on one at that very moment meets a closed connection before any answer — the race
every HTTP/1.1 client meets, which clients answer by sending an idempotent request again on a new
connection (RFC 9112 §9.3.1; browsers do it silently). Those clients do that, once, and the test counts it.
Near the end of the suite: it replaces the stack's nginx workers."""
import os
import subprocess
import threading
import time

import requests

from conftest import create_account, create_apikey, env
from test_public_portal import make_portal, make_process

CLIENTS = 8
RELOADS = 4


def nginx_files():
    var = os.path.dirname(env("PORTICO_TEST_LOG_DIR").rstrip("/"))
    return var, os.path.join(var, "nginx")


def workers() -> set:
    var, prefix = nginx_files()
    with open(os.path.join(prefix, "nginx.pid")) as f:
        master = f.read().strip()
    out = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def reload_nginx():
    var, prefix = nginx_files()
    subprocess.run(["nginx", "-e", os.path.join(var, "log", "nginx-error.log"), "-c",
                    os.path.join(prefix, "nginx.conf"), "-p", prefix + "/", "-s", "reload"],
                   check=True, capture_output=True, timeout=30)


def test_reloads_under_load_drop_no_request(db, new_org):
    org = new_org()
    acc = create_account(db, org)
    api_key = create_apikey(org, "contacts,tasks,portals")
    portal = make_portal(org.api(api_key), [make_process(org.api(api_key))])
    routes = [  # (handler, path, the answer a signed-in client gets)
        ("login", "/login", 303), ("portal", "/", 200), ("login", "/account", 200),
        ("contact", "/contact", 200), ("public", f"/p/{portal['slug']}", 200), ("upload", "/files", 200),
        ("api", "/api/v1/contacts", 200), ("healthz", "/healthz", 200), ("login", "/password/forgot", 200),
    ]
    results, lock, stop = [], threading.Lock(), threading.Event()

    retried = []

    def load(n: int):
        c = acc.signed_in_client()
        keep_alive = n % 2 == 0
        i = n
        while not stop.is_set():
            handler, path, expected = routes[i % len(routes)]
            i += 1
            headers = {"Authorization": f"Bearer {api_key}"} if handler == "api" else {}
            if not keep_alive:
                headers["Connection"] = "close"
            try:
                try:
                    status = c.get(path, headers=headers, timeout=10).status_code
                except requests.ConnectionError:
                    if not keep_alive:
                        raise
                    with lock:
                        retried.append((handler, path))
                    status = c.get(path, headers=headers, timeout=10).status_code
            except Exception as e:  # a reset or dropped connection is exactly what this test looks for
                status = type(e).__name__
            with lock:
                results.append((handler, path, status, expected, keep_alive))

    threads = [threading.Thread(target=load, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        generations = [workers()]
        for _ in range(RELOADS):
            reload_nginx()
            time.sleep(0.6)
            generations.append(workers())
        time.sleep(0.5)
    finally:
        stop.set()
        for t in threads:
            t.join(30)

    # Each reload really replaced the workers (the old ones finish their requests, then leave).
    for before, after in zip(generations, generations[1:]):
        assert after - before, "a reload started no new nginx workers"
    failed = [r for r in results if r[2] != r[3]]
    handlers = {r[0] for r in results}
    print(f"{len(results)} requests ({sum(1 for r in results if not r[4])} on a connection each) across "
          f"{sorted(handlers)} during {RELOADS} reloads; {len(failed)} failed; "
          f"{len(retried)} sent again after meeting a kept-alive connection closed by a leaving worker")
    assert len(results) >= 300, f"only {len(results)} requests: the load was too light to prove anything"
    assert not failed, f"{len(failed)} of {len(results)} requests failed during reloads: {failed[:10]}"
