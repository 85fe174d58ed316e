"""pg::Connection against the stack's PostgreSQL: cached statements are prepared once per connection,
per-call ones (the API's lists with optional filters) are planned at every execution for their values, and
both survive a reconnect. The checks are Boost tests in tests/unit/pg/*_dbtest.cpp, which need a server."""
import glob
import os
import subprocess

from conftest import env


def db_tests() -> list:
    build = os.path.dirname(os.path.dirname(env("PORTICO_ADMIN")))
    return sorted(glob.glob(os.path.join(build, "tests", "*_dbtest")))


def test_the_database_tests_are_built():
    assert [os.path.basename(p) for p in db_tests()] == ["plans_dbtest"]


def test_statements_against_the_server():
    for prog in db_tests():
        p = subprocess.run([prog, "--log_level=test_suite"], capture_output=True, text=True, timeout=120,
                           env=dict(os.environ))
        assert p.returncode == 0, f"{os.path.basename(prog)} failed:\n{p.stdout}\n{p.stderr}"
        assert "Leaving test case \"columns_are_found_by_their_exact_name\"" in p.stdout, p.stdout
