"""No default accounts (ASVS V6.3.2): a new org has no accounts, keys or sessions, and the names and
passwords an attacker tries first open nothing."""
from conftest import LOGIN_FAILED


def test_a_new_org_has_no_accounts_keys_or_sessions(new_org, db):
    o = new_org()
    for table in ("account", "api_key", "session", "contact"):
        assert db.count(table, o.id) == 0, f"a new org starts with rows in {table}"
    for name in ("admin", "root", "sa", "administrator", "portico", "demo"):
        for password in (name, "admin", "password", "portico", "changeme"):
            r = o.client().login(name, password)
            assert r.status_code == 401 and LOGIN_FAILED in r.text, f"{name}/{password}: {r.status_code}"
    # No built-in names anywhere, in any org the suite made.
    assert db.value("SELECT count(*) FROM account WHERE lower(username) IN ('admin', 'root', 'sa', 'administrator')") == 0
