"""Tenant isolation: a session or key of one org never sees or touches another org's rows."""
import pytest

from conftest import (LOGIN_FAILED, SESSION_COOKIE, assert_api_error, assert_redirect, create_account,
                      create_apikey, create_org, raw_request, strong_password, uniq)


@pytest.fixture(scope="module")
def two(db):
    """Two orgs, each with a key and some data made through the API."""
    a, b = create_org(db), create_org(db)
    out = {}
    for o in (a, b):
        api = o.api(create_apikey(o))
        cl = api.create("clients", {"name": "Client of " + o.slug, "record_ref": "SHARED-REF"})
        c = api.create("contacts", {"kind": "client_contact", "email": f"p@{o.host}", "name": "P " + o.slug,
                                    "record_ref": "SHARED-REF", "client_id": cl["id"]})
        g = api.create("groups", {"kind": "workgroup", "name": "Same name"})
        r = api.post(f"groups/{g['id']}/members", {"contact_id": c["id"]})
        assert r.status_code in (200, 201, 204), r.text
        out[o.slug] = dict(org=o, api=api, client=cl, contact=c, group=g)
    return out[a.slug], out[b.slug]


def test_session_of_org_a_is_not_valid_at_org_b(two, db):
    A, B = two
    acc = create_account(db, A["org"])
    c = A["org"].client()
    c.login_ok(acc.username, acc.password)
    cookie = c.cookie()
    for path in ("/", "/account", "/history"):
        r = raw_request("GET", B["org"].host, path, cookies={SESSION_COOKIE: cookie})
        assert_redirect(r, "/login")
    # And still valid at A.
    assert raw_request("GET", A["org"].host, "/", cookies={SESSION_COOKIE: cookie}).status_code == 200


def test_same_username_in_two_orgs_are_two_people(two, db):
    A, B = two
    name = uniq("shared")
    pa, pb = strong_password(), strong_password()
    create_account(db, A["org"], name, pa)
    create_account(db, B["org"], name, pb)
    r = B["org"].client().login(name, pa)
    assert r.status_code == 401 and LOGIN_FAILED in r.text
    B["org"].client().login_ok(name, pb)
    A["org"].client().login_ok(name, pa)


def test_failures_at_one_org_do_not_throttle_the_same_username_at_another(two, db):
    A, B = two
    name = uniq("both")
    create_account(db, A["org"], name)
    acc_b = create_account(db, B["org"], name)
    c = A["org"].client()
    for i in range(11):
        c.login(name, "wrong-password-" + str(i))
    assert c.login(name, "wrong").status_code == 429
    B["org"].client().login_ok(acc_b.username, acc_b.password)


def test_key_of_org_a_at_org_b_host_is_401(two):
    A, B = two
    foreign = B["org"].api(A["api"].key)
    for path in ("contacts", f"contacts/{A['contact']['id']}", "clients", "groups"):
        assert_api_error(foreign.get(path), 401)
    assert_api_error(foreign.post("contacts", {"kind": "target", "email": "x@example.test", "name": "X"}), 401)


def test_ids_of_org_a_are_404_through_org_b(two, db):
    A, B = two
    api = B["api"]
    before = db.snapshot(A["org"].id), db.snapshot(B["org"].id)
    for path in (f"contacts/{A['contact']['id']}", f"clients/{A['client']['id']}", f"groups/{A['group']['id']}",
                 f"groups/{A['group']['id']}/members"):
        assert_api_error(api.get(path), 404)
    assert_api_error(api.patch(f"contacts/{A['contact']['id']}", {"name": "Hijacked"}), 404)
    assert_api_error(api.patch(f"clients/{A['client']['id']}", {"name": "Hijacked"}), 404)
    assert_api_error(api.patch(f"groups/{A['group']['id']}", {"name": "Hijacked"}), 404)
    assert_api_error(api.delete(f"groups/{A['group']['id']}/members/{A['contact']['id']}"), 404)
    assert (db.snapshot(A["org"].id), db.snapshot(B["org"].id)) == before


def test_lists_hold_only_own_rows(two, db):
    for me, other in (two, reversed(two)):
        for coll, key in (("contacts", "contact"), ("clients", "client"), ("groups", "group")):
            ids = {x["id"] for x in me["api"].list_all(coll)}
            own = {r[0] for r in db.all(f"SELECT id FROM {'contact_group' if coll == 'groups' else coll[:-1]} "
                                        "WHERE org_id = %s", (me["org"].id,))}
            assert ids == own, f"{coll} of {me['org'].slug}: {ids} vs own rows {own}"
            assert other[key]["id"] not in ids
        # Filters cannot reach across either.
        r = me["api"].get("contacts", params={"client_id": other["client"]["id"]})
        if r.status_code == 200:
            assert r.json()["data"] == []
        else:
            assert_api_error(r, (404, 422))


def test_cross_org_references_are_refused(two, db):
    A, B = two
    api = B["api"]
    before = db.snapshot(A["org"].id), db.snapshot(B["org"].id)
    # A contact of B pointing at A's client.
    r = api.post("contacts", {"kind": "client_contact", "email": "x@example.test", "name": "X",
                              "client_id": A["client"]["id"]})
    assert r.status_code in (404, 422), r.status_code
    assert_api_error(r, r.status_code)
    r = api.patch(f"contacts/{B['contact']['id']}", {"client_id": A["client"]["id"]})
    assert r.status_code in (404, 422), r.status_code
    # A's contact into B's group, B's contact into A's group.
    r = api.post(f"groups/{B['group']['id']}/members", {"contact_id": A["contact"]["id"]})
    assert r.status_code in (404, 422), r.status_code
    assert_api_error(r, r.status_code)
    r = api.post(f"groups/{A['group']['id']}/members", {"contact_id": B["contact"]["id"]})
    assert_api_error(r, 404)
    assert (db.snapshot(A["org"].id), db.snapshot(B["org"].id)) == before


def test_record_refs_and_group_names_are_per_org(two):
    A, B = two
    # Both orgs hold SHARED-REF and "Same name" (made in the fixture) without a conflict.
    assert A["contact"]["record_ref"] == B["contact"]["record_ref"] == "SHARED-REF"
    assert A["group"]["name"] == B["group"]["name"]
