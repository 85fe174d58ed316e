"""/healthz and hosts that no org serves."""
import pytest

from conftest import raw_request, uniq


def test_healthz_ok(client):
    r = client.get("/healthz")
    assert r.status_code == 200, r.status_code
    assert r.text.strip() == "ok"
    assert r.headers.get("Content-Type", "").startswith("text/plain")


def test_healthz_head(client):
    r = client.request("HEAD", "/healthz")
    assert r.status_code == 200
    assert r.content == b""


@pytest.mark.parametrize("path", ["/login", "/", "/account", "/history", "/org.css", "/logout"])
def test_unknown_host_is_404(path):
    host = uniq("unserved") + ".test"
    method = "POST" if path == "/logout" else "GET"
    r = raw_request(method, host, path)
    assert r.status_code == 404, f"{method} {host}{path}: {r.status_code}"
    assert r.headers.get("Content-Type", "").startswith("text/html")
    assert "Set-Cookie" not in r.headers


def test_unknown_host_api_is_refused():
    r = raw_request("GET", uniq("unserved") + ".test", "/api/v1/contacts",
                    headers={"Authorization": "Bearer pk_" + "A" * 40})
    assert r.status_code in (401, 404), r.status_code
    assert r.json()["error"]["code"]


def test_host_is_matched_case_insensitively_and_without_port(org):
    r = raw_request("GET", org.host.upper(), "/login")
    assert r.status_code == 200, r.status_code
    r = raw_request("GET", org.host + ":443", "/login")
    assert r.status_code == 200, r.status_code


def test_org_css_is_css(client):
    r = client.get("/org.css")
    assert r.status_code == 200
    assert r.headers.get("Content-Type", "").startswith("text/css")
