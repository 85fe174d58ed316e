"""Handler logs: one line per request with method, path, status and duration; secrets never appear."""
import json
import re

from conftest import SESSION_COOKIE, PRE_COOKIE, read_logs, uniq, wait_for_log

# "<time> portico-<handler> <METHOD> <path> <status> <duration>ms [key=value ...]"
TEXT_LINE = re.compile(r"^\S+ (portico-\S+) ([A-Z]+) (/\S*) (\d{3}) (\d+(?:\.\d+)?)ms((?: \w+=\S*)*)$")


def parse(line: str):
    """(method, path, status, ms, org) of a request line, or None for other lines."""
    line = line.strip()
    if line.startswith("{"):
        try:
            j = json.loads(line)
        except ValueError:
            return None
        if "method" not in j:
            return None
        return j.get("method"), j.get("path"), j.get("status"), j.get("ms"), j.get("org")
    m = TEXT_LINE.match(line)
    if not m:
        return None
    return m.group(2), m.group(3), int(m.group(4)), float(m.group(5)), m.group(6).strip()


def test_each_request_is_logged_with_method_path_status_duration(org, account, api):
    marker = "/" + uniq("lm-")  # short: segments of 20+ token characters are logged as [token]
    c = org.client()
    c.login(account.username, account.password + "x")
    c.login_ok(account.username, account.password)
    assert c.get(marker).status_code == 404
    api.get("contacts")
    lines = wait_for_log(lambda ln: marker in ln)
    lines = wait_for_log(lambda ln: "/api/v1/contacts" in ln and org.host in ln)
    mine = [ln for ln in lines if org.host in ln or org.slug in ln]
    parsed = [parse(ln) for ln in mine]
    assert mine, "no log line names the org's host"
    unparsed = [ln for ln, p in zip(mine, parsed) if p is None]
    assert not unparsed, f"log lines without method/path/status/duration: {unparsed[:5]}"
    got = {(p[0], p[1], p[2]) for p in parsed}
    assert ("GET", marker, 404) in got, got
    assert ("GET", "/login", 200) in got
    assert ("POST", "/login", 401) in got
    assert ("POST", "/login", 303) in got
    assert ("GET", "/api/v1/contacts", 200) in got
    for p in parsed:
        assert isinstance(p[3], (int, float)) and 0 <= p[3] < 60000, p


def test_secrets_never_reach_the_logs(org, account, api):
    c = org.client()
    c.login(account.username, "Wrong-" + account.password)
    pre = c.cookie(PRE_COOKIE)
    c.login_ok(account.username, account.password)
    session_id = c.cookie(SESSION_COOKIE)
    c.get("/account")
    api.get("contacts")
    api.post("contacts", {"kind": "target", "email": "logs@example.test", "name": "Log Test"})
    raw = org.api(None)
    raw.get("contacts", headers={"Authorization": f"Bearer {api.key}x"})  # a near-miss key
    wait_for_log(lambda ln: "/api/v1/contacts" in ln and org.host in ln)
    text = read_logs()
    for label, secret in (("session id", session_id), ("pre-session id", pre), ("password", account.password),
                          ("wrong password", "Wrong-" + account.password), ("API key", api.key),
                          ("API key body", api.key.split("_", 1)[-1])):
        assert secret and secret not in text, f"the {label} appears in the handler logs"


def test_no_tokens_in_logged_paths(org):
    token = "A" * 43
    org.client().get(f"/c/{token}")
    org.client().get(f"/password/set/{token}")
    wait_for_log(lambda ln: "/password/set/" in ln and org.host in ln)
    assert token not in read_logs()
