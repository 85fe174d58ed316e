"""SQL injection (ASVS V1.2.4): text that would change an SQL statement built by string concatenation is
stored, shown and matched as plain text, because every statement takes its values as $n parameters."""
from conftest import LOGIN_FAILED, SESSION_COOKIE, assert_api_error, cookie_set, create_apikey

SQL = [
    "Robert'); DROP TABLE contact; --",
    "x' OR '1'='1",
    "1; DELETE FROM account WHERE true; --",
    "\\'; SELECT pg_sleep(5); --",
    "%_' UNION SELECT id_hash FROM session --",
]


def test_hostile_text_is_stored_and_matched_literally(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o))
    made = []
    for i, text in enumerate(SQL):
        c = api.create("contacts", {"kind": "candidate", "email": f"sql{i}@example.test", "name": text,
                                    "record_ref": text, "identifiers": {text: text}})
        assert (c["name"], c["record_ref"], c["identifiers"]) == (text, text, {text: text})
        made.append(c["id"])
    plain = api.create("contacts", {"kind": "candidate", "email": "plain@example.test", "name": "Ada Lovelace"})
    stored = db.all("SELECT id, name, record_ref FROM contact WHERE org_id = %s ORDER BY id", (o.id,))
    assert stored == [(i, t, t) for i, t in zip(made, SQL)] + [(plain["id"], "Ada Lovelace", None)]
    # Each hostile text as a filter finds exactly the contact that holds it, and nothing else.
    for cid, text in zip(made, SQL):
        assert [c["id"] for c in api.list("contacts", q=text)["data"]] == [cid], text
        assert [c["id"] for c in api.list("contacts", record_ref=text)["data"]] == [cid], text
    # Filters that would match everything if they reached the SQL text match only the literal text.
    people = list(zip(made, SQL, (f"sql{i}@example.test" for i in range(len(SQL))))) + \
        [(plain["id"], "Ada Lovelace", "plain@example.test")]
    for q in ("' OR '1'='1", "%", "_", "') OR true --", "' OR ''='"):
        want = [cid for cid, name, email in people if q.lower() in name.lower() or q.lower() in email]
        assert len(want) < len(people), q
        assert [c["id"] for c in api.list("contacts", q=q)["data"]] == want, q
    r = api.get("contacts", params={"email": "' OR 1=1 --"})
    if r.status_code == 200:
        assert r.json()["data"] == []
    else:
        assert_api_error(r, (400, 422))
    # Nothing was dropped, deleted or slowed down.
    assert db.count("contact", o.id) == len(SQL) + 1
    assert db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'contact'") == 1


def test_sql_in_the_sign_in_form_is_just_a_failed_sign_in(org, account, db):
    for username, password in (("' OR '1'='1' --", "' OR '1'='1"), (account.username + "'--", "x"),
                                (account.username, "' OR '1'='1' --")):
        r = org.client().login(username, password)
        assert r.status_code == 401 and LOGIN_FAILED in r.text, f"{username!r}: {r.status_code}"
        assert cookie_set(r, SESSION_COOKIE) is None
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s",
                    (org.id, account.id)) == 0
    org.client().login_ok(account.username, account.password)
