"""Runs last: across the whole suite no request was answered with a 5xx, and no sanitizer fired. The one
exception is the fault tests' own orgs (host fault-*.test), whose requests meet a stopped database (503)
or a killed handler (502) on purpose."""
import re

from conftest import read_logs
from test_logs import parse

NGINX_ACCESS = re.compile(r'"[A-Z]+ \S+ HTTP/[\d.]+" (\d{3}) ')


def planned_outage(line: str) -> bool:
    return (" 503 " in line or " 502 " in line) and "host=fault-" in line


def test_no_server_errors_during_the_suite():
    bad = [ln for ln in read_logs(handlers_only=True).splitlines()
           if (p := parse(ln)) and isinstance(p[2], int) and p[2] >= 500 and not planned_outage(ln)]
    assert not bad, "handlers answered with 5xx:\n" + "\n".join(bad[:20])
    bad = [ln for ln in read_logs().splitlines()
           if (m := NGINX_ACCESS.search(ln)) and int(m.group(1)) >= 500 and "/healthz" not in ln
           and not planned_outage(ln)]
    assert not bad, "nginx answered with 5xx:\n" + "\n".join(bad[:20])


def test_no_unhandled_errors_or_sanitizer_reports():
    markers = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:", "LeakSanitizer",
               "unhandled:", "database error", "terminate called", "worker failed")
    bad = [ln for ln in read_logs(handlers_only=True).splitlines() if any(m in ln for m in markers)]
    assert not bad, "\n".join(bad[:30])
