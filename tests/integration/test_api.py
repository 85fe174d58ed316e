"""Staff JSON API /api/v1: keys and permissions, contacts, clients, groups and members, lists and
pagination, bad input on every field (each a 4xx that changes nothing), and the OpenAPI document."""
import json
import re

import pytest

from conftest import Api, admin, assert_api_error, create_apikey, uniq

KINDS = ["candidate", "client_contact", "target", "end_user", "applicant"]


def contact_body(**over):
    body = {"kind": "candidate", "email": f"{uniq('c')}@example.test", "name": "Ada Lovelace"}
    body.update(over)
    return body


def db_contact(db, org, cid):
    return db.one("SELECT kind, status, email, name, record_ref, client_id, identifiers FROM contact "
                  "WHERE org_id = %s AND id = %s", (org.id, cid))


# ------------------------------------------------------------------------------------ keys, permissions

@pytest.mark.parametrize("auth", [None, "", "Bearer", "Bearer ", "Bearer pk_" + "A" * 40, "Basic dXNlcjpwYXNz",
                                  "bearer pk_nonsense", "Bearer " + "x" * 5000])
def test_without_a_valid_key_401_json(org, auth):
    headers = {} if auth is None else {"Authorization": auth}
    r = Api(org.host, None).get("contacts", headers=headers)
    assert_api_error(r, 401)


def test_key_in_query_string_is_not_accepted(org, apikey):
    r = Api(org.host, None).get("contacts", params={"key": apikey, "access_token": apikey})
    assert_api_error(r, 401)


def test_key_is_stored_only_as_a_hash(org, apikey, db):
    assert db.contains_text(apikey) == []
    assert db.contains_text(apikey.split("_", 1)[-1]) == []
    n = db.value("SELECT count(*) FROM api_key WHERE org_id = %s AND length(key_hash) = 32", (org.id,))
    assert n >= 1


def test_keys_can_be_listed_revoked_and_given_a_lifetime(org, db):
    name = uniq("ops-key")
    p = admin("apikey", "create", "--org", org.slug, "--name", name, "--permissions", "contacts", "--expires-days", "7")
    key = [ln for ln in p.stdout.split() if ln.startswith("pk_")][0]
    key_id = int(re.search(r"API key (\d+) created", p.stdout).group(1))
    api = Api(org.host, key)
    assert api.get("contacts").status_code == 200
    row = [ln.split("\t") for ln in admin("apikey", "list", "--org", org.slug).stdout.splitlines()
           if ln.startswith(f"{key_id}\t")]
    assert row and row[0][1] == name and row[0][2] == "contacts" and row[0][5].startswith("expires "), row
    assert key not in admin("apikey", "list", "--org", org.slug).stdout

    # Past its lifetime the key is refused like an unknown one.
    db.run("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE org_id = %s AND id = %s", (org.id, key_id))
    assert_api_error(api.get("contacts"), 401)
    db.run("UPDATE api_key SET expires_at = now() + interval '1 day' WHERE org_id = %s AND id = %s", (org.id, key_id))
    assert api.get("contacts").status_code == 200

    # Revoked: refused at once, audited; revoking again, or another org's key, is refused with a message.
    assert admin("apikey", "revoke", "--org", org.slug, "--id", str(key_id)).returncode == 0
    assert_api_error(api.get("contacts"), 401)
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'apikey.revoke' AND object_id = %s",
                    (org.id, key_id)) == 1
    again = admin("apikey", "revoke", "--org", org.slug, "--id", str(key_id), check=False)
    assert again.returncode != 0 and "no active key" in again.stderr
    for bad in (["--expires-days", "0"], ["--expires-days", "x"], ["--expires-days", "9999"]):
        r = admin("apikey", "create", "--org", org.slug, "--name", "k", "--permissions", "contacts", *bad, check=False)
        assert r.returncode == 2 and "a whole number of days" in r.stderr and "pk_" not in r.stdout


@pytest.mark.parametrize("collection", ["contacts", "clients", "groups"])
def test_key_without_contacts_permission_is_403(org, db, collection):
    key = create_apikey(org, "tasks,documents")
    api = org.api(key)
    before = db.snapshot(org.id)
    assert_api_error(api.get(collection), 403)
    body = {"contacts": contact_body(), "clients": {"name": "Acme"},
            "groups": {"kind": "workgroup", "name": uniq("g")}}[collection]
    assert_api_error(api.post(collection, body), 403)
    assert db.snapshot(org.id) == before


def test_key_without_permission_cannot_read_a_row_either(org, api):
    c = api.create("contacts", contact_body())
    weak = org.api(create_apikey(org, "documents"))
    assert_api_error(weak.get(f"contacts/{c['id']}"), 403)
    assert_api_error(weak.patch(f"contacts/{c['id']}", {"name": "Changed"}), 403)


# ------------------------------------------------------------------------------------------ contacts

def test_create_read_patch_contact(org, api, db):
    cl = api.create("clients", {"name": "Acme Ltd", "record_ref": uniq("CL-")})
    body = contact_body(kind="client_contact", status="active", name="Grace Hopper", record_ref=uniq("R-"),
                        client_id=cl["id"], identifiers={"employee_no": "E-1203", "site": "Leeds"})
    c = api.create("contacts", body)
    for k, v in body.items():
        assert c[k] == v, f"{k}: {c[k]!r} != {v!r}"
    assert db_contact(db, org, c["id"]) == ("client_contact", "active", body["email"], "Grace Hopper",
                                            body["record_ref"], cl["id"], body["identifiers"])
    got = api.read(f"contacts/{c['id']}")
    for k, v in body.items():
        assert got[k] == v
    # Defaults.
    d = api.create("contacts", contact_body())
    assert d["status"] == "active" and d["identifiers"] == {} and d["record_ref"] is None and d["client_id"] is None
    # PATCH changes only what it names.
    r = api.patch(f"contacts/{c['id']}", {"status": "inactive", "name": "Grace B. Hopper"})
    assert r.status_code == 200, r.text
    p = r.json()
    assert p["status"] == "inactive" and p["name"] == "Grace B. Hopper" and p["email"] == body["email"]
    assert db_contact(db, org, c["id"])[:4] == ("client_contact", "inactive", body["email"], "Grace B. Hopper")
    # Clearing optional fields with null.
    r = api.patch(f"contacts/{c['id']}", {"client_id": None, "record_ref": None})
    assert r.status_code == 200, r.text
    assert db_contact(db, org, c["id"])[4:6] == (None, None)


@pytest.mark.parametrize("kind", KINDS)
def test_every_contact_kind_is_accepted(api, kind):
    assert api.create("contacts", contact_body(kind=kind))["kind"] == kind


def test_contact_text_keeps_unicode(api):
    c = api.create("contacts", contact_body(name="Zoë Ōkubo-Nguyễn 李", identifiers={"site": "Zürich"}))
    got = api.read(f"contacts/{c['id']}")
    assert got["name"] == "Zoë Ōkubo-Nguyễn 李" and got["identifiers"] == {"site": "Zürich"}


def test_duplicate_record_ref_409(org, api, db):
    ref = uniq("DUP-")
    api.create("contacts", contact_body(record_ref=ref))
    before = db.snapshot(org.id)
    assert_api_error(api.post("contacts", contact_body(record_ref=ref)), 409)
    other = api.create("contacts", contact_body())
    after_create = db.snapshot(org.id)
    assert_api_error(api.patch(f"contacts/{other['id']}", {"record_ref": ref}), 409)
    assert db.snapshot(org.id) == after_create
    assert len(before["contact"]) + 1 == len(after_create["contact"])


def test_unknown_ids_404(api):
    for path in ("contacts/999999999", "clients/999999999", "groups/999999999", "groups/999999999/members"):
        assert_api_error(api.get(path), 404)
    assert_api_error(api.patch("contacts/999999999", {"name": "x"}), 404)


@pytest.mark.parametrize("path", ["contacts/abc", "contacts/-1", "contacts/0", "contacts/1.5",
                                  "contacts/99999999999999999999999", "contacts/1e3",
                                  "groups/x/members", "groups/1/members/x"])
def test_malformed_ids_are_4xx(api, path):
    r = api.get(path)
    assert r.status_code in (400, 404, 405), f"{path}: {r.status_code} {r.text[:200]}"
    assert_api_error(r, r.status_code)


BAD_CONTACT_FIELDS = [
    ("kind", None), ("kind", "boss"), ("kind", ""), ("kind", 3), ("kind", ["candidate"]), ("kind", "Candidate"),
    ("status", "deleted"), ("status", True), ("status", None),
    ("email", "not-an-email"), ("email", "a@b"), ("email", "two@@example.test"), ("email", ""),
    ("email", "x" * 250 + "@example.test"), ("email", 42), ("email", "a b@example.test"),
    ("email", "ok@example.test\r\nBcc: x@evil.test"), ("email", None),
    ("name", ""), ("name", "   "), ("name", "x" * 201), ("name", "bad\u0001name"), ("name", "line\nbreak"),
    ("name", "nul\u0000"), ("name", "c1\u0085control"), ("name", 42), ("name", ["a"]), ("name", None),
    ("record_ref", ""), ("record_ref", "r" * 101), ("record_ref", 7), ("record_ref", "tab\there"),
    ("client_id", "1"), ("client_id", -5), ("client_id", 1.5), ("client_id", 999999999), ("client_id", True),
    ("client_id", 10 ** 30),
    ("identifiers", []), ("identifiers", "x"), ("identifiers", None), ("identifiers", {"k": {"nested": 1}}),
    ("identifiers", {"k": [1, 2]}), ("identifiers", {"": "empty key"}), ("identifiers", {"k": "v\u0000"}),
    ("identifiers", {"k": "v" * 100001}),
    ("id", 5), ("org_id", 1), ("created_at", "2020-01-01T00:00:00Z"), ("unknown_field", 1),
]


@pytest.mark.parametrize("field,value", BAD_CONTACT_FIELDS,
                         ids=[f"{f}={json.dumps(v)[:20]}" for f, v in BAD_CONTACT_FIELDS])
def test_create_contact_bad_field(org, api, db, field, value):
    before = db.snapshot(org.id)
    body = contact_body(**{field: value})
    r = api.post("contacts", body)
    assert r.status_code in (400, 413, 422), f"{field}={value!r}: {r.status_code} {r.text[:300]}"
    assert_api_error(r, r.status_code)
    if field in ("id", "org_id", "created_at", "unknown_field"):
        assert r.status_code == 422
    assert db.snapshot(org.id) == before


@pytest.mark.parametrize("missing", ["kind", "email", "name"])
def test_create_contact_missing_required_field_422(org, api, db, missing):
    before = db.snapshot(org.id)
    body = contact_body()
    del body[missing]
    err = assert_api_error(api.post("contacts", body), 422)
    assert missing in json.dumps(err), f"the error does not name the field {missing}: {err}"
    assert db.snapshot(org.id) == before


@pytest.mark.parametrize("field,value", BAD_CONTACT_FIELDS,
                         ids=[f"{f}={json.dumps(v)[:20]}" for f, v in BAD_CONTACT_FIELDS])
def test_patch_contact_bad_field(org, api, db, field, value):
    c = api.create("contacts", contact_body())
    before = db.snapshot(org.id)
    r = api.patch(f"contacts/{c['id']}", {field: value})
    assert r.status_code in (400, 413, 422), f"{field}={value!r}: {r.status_code} {r.text[:300]}"
    assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


def post_raw(api, data, content_type="application/json", path="contacts"):
    headers = {} if content_type is None else {"Content-Type": content_type}
    return api.post(path, data=data, headers=headers)


@pytest.mark.parametrize("data,status", [
    (b"{", 400), (b"", 400), (b"null", 400), (b"[]", 400), (b'"x"', 400), (b"42", 400),
    (b'{"kind": "candidate", "email": "a@example.test", "name": "A"} trailing', 400),
    (b'{"kind": "candidate", "email": "a@example.test", "name": "\xff\xfe"}', 400),
    (b'{"kind": "candidate", "email": "a@example.test", "name": "A",}', 400),
    (b"[" * 5000 + b"]" * 5000, 400),
    (b'{"kind": "candidate", "email": "a@example.test", "name": "A", "identifiers": ' + b'{"a":' * 3000 + b'1'
     + b'}' * 3000 + b'}', 400),
])
def test_malformed_json_body(org, api, db, data, status):
    before = db.snapshot(org.id)
    r = post_raw(api, data)
    assert r.status_code in (status, 422), f"{data[:40]!r}: {r.status_code} {r.text[:300]}"
    assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                   "application/xml", None])
def test_non_json_content_type_415(org, api, db, ctype):
    before = db.snapshot(org.id)
    r = post_raw(api, json.dumps(contact_body()).encode(), content_type=ctype)
    assert_api_error(r, 415)
    assert db.snapshot(org.id) == before


def test_json_with_charset_is_fine(api):
    r = post_raw(api, json.dumps(contact_body()).encode(), content_type="application/json; charset=utf-8")
    assert r.status_code == 201, r.text


def test_huge_body_413(org, api, db):
    before = db.snapshot(org.id)
    body = json.dumps(contact_body(name="x" * (4 * 1024 * 1024))).encode()
    r = post_raw(api, body)
    assert r.status_code == 413, r.status_code
    assert db.snapshot(org.id) == before


# --------------------------------------------------------------------------------------------- lists

def test_list_pagination(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o))
    ids = [api.create("contacts", contact_body(name=f"P{i}"))["id"] for i in range(5)]
    first = api.list("contacts", limit=2)
    assert [c["id"] for c in first["data"]] == ids[:2]
    assert first["next_after"] == ids[1]
    second = api.list("contacts", limit=2, after=first["next_after"])
    assert [c["id"] for c in second["data"]] == ids[2:4]
    third = api.list("contacts", limit=2, after=second["next_after"])
    assert [c["id"] for c in third["data"]] == ids[4:]
    assert third["next_after"] is None
    assert [c["id"] for c in api.list_all("contacts", limit=1)] == ids
    everything = api.list("contacts")
    assert [c["id"] for c in everything["data"]] == ids and everything["next_after"] is None
    assert api.list("contacts", limit=200)["next_after"] is None
    assert api.list("contacts", after=ids[-1])["data"] == []


def test_default_page_is_50(new_org):
    o = new_org()
    api = o.api(create_apikey(o))
    ids = [api.create("contacts", contact_body(name=f"D{i}"))["id"] for i in range(51)]
    page = api.list("contacts")
    assert [c["id"] for c in page["data"]] == ids[:50]
    assert page["next_after"] == ids[49]
    rest = api.list("contacts", after=page["next_after"])
    assert [c["id"] for c in rest["data"]] == ids[50:] and rest["next_after"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"limit": -1}, {"limit": "abc"},
                                    {"limit": "1e2"}, {"limit": ""}, {"after": "abc"}, {"after": "-1x"},
                                    {"limit": "99999999999999999999"}, {"kind": "boss"}, {"status": "gone"},
                                    {"client_id": "abc"}])
def test_list_bad_parameters(api, params):
    r = api.get("contacts", params=params)
    assert r.status_code in (400, 422), f"{params}: {r.status_code} {r.text[:200]}"
    assert_api_error(r, r.status_code)


def test_list_filters(new_org):
    o = new_org()
    api = o.api(create_apikey(o))
    acme = api.create("clients", {"name": "Acme"})
    cand = api.create("contacts", contact_body(kind="candidate"))
    targ = api.create("contacts", contact_body(kind="target"))
    cc = api.create("contacts", contact_body(kind="client_contact", client_id=acme["id"]))
    off = api.create("contacts", contact_body(kind="candidate", status="inactive"))
    ids = lambda **p: sorted(c["id"] for c in api.list_all("contacts", **p))
    assert ids(kind="candidate") == sorted([cand["id"], off["id"]])
    assert ids(kind="target") == [targ["id"]]
    assert ids(status="inactive") == [off["id"]]
    assert ids(kind="candidate", status="active") == [cand["id"]]
    assert ids(client_id=acme["id"]) == [cc["id"]]
    assert ids(email=cand["email"]) == [cand["id"]]
    assert ids(email=cand["email"].upper()) == [cand["id"]], "e-mail filter should ignore case"


# -------------------------------------------------------------------------------------------- clients

def test_clients_create_read_list_patch(org, api, db):
    ref = uniq("C-")
    cl = api.create("clients", {"name": "Initech", "record_ref": ref})
    assert cl["name"] == "Initech" and cl["record_ref"] == ref
    assert api.read(f"clients/{cl['id']}")["name"] == "Initech"
    assert cl["id"] in [c["id"] for c in api.list_all("clients")]
    r = api.patch(f"clients/{cl['id']}", {"name": "Initrode"})
    assert r.status_code == 200 and r.json()["name"] == "Initrode"
    assert db.value("SELECT name FROM client WHERE org_id = %s AND id = %s", (org.id, cl["id"])) == "Initrode"
    before = db.snapshot(org.id)
    assert_api_error(api.post("clients", {"name": "Other", "record_ref": ref}), 409)
    assert db.snapshot(org.id) == before


BAD_CLIENT = [{}, {"name": ""}, {"name": "x" * 201}, {"name": 5}, {"name": None}, {"name": "a\u0007b"},
              {"name": "ok", "record_ref": ""}, {"name": "ok", "record_ref": "r" * 101},
              {"name": "ok", "record_ref": 5}, {"name": "ok", "colour": "red"}, {"name": "ok", "id": 1}]


@pytest.mark.parametrize("body", BAD_CLIENT, ids=[json.dumps(b)[:30] for b in BAD_CLIENT])
def test_clients_bad_input(org, api, db, body):
    before = db.snapshot(org.id)
    r = api.post("clients", body)
    assert r.status_code in (400, 422), f"{body}: {r.status_code} {r.text[:200]}"
    assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


def test_clients_patch_bad_input(org, api, db):
    cl = api.create("clients", {"name": "Patchme"})
    before = db.snapshot(org.id)
    for body in ({"name": ""}, {"name": None}, {"name": "x" * 201}, {"record_ref": "r" * 101}, {"bogus": 1}):
        r = api.patch(f"clients/{cl['id']}", body)
        assert r.status_code in (400, 422), f"{body}: {r.status_code}"
        assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


# --------------------------------------------------------------------------------------------- groups

def test_groups_and_members(org, api, db):
    g = api.create("groups", {"kind": "target_group", "name": uniq("Survey "), "auth_mode": "one_time",
                              "identifier_fields": ["employee_no", "site"]})
    assert g["kind"] == "target_group" and g["auth_mode"] == "one_time"
    assert g["identifier_fields"] == ["employee_no", "site"]
    w = api.create("groups", {"kind": "workgroup", "name": uniq("Fixers ")})
    assert w["auth_mode"] == "full_account" and w["identifier_fields"] == []
    assert api.read(f"groups/{g['id']}")["name"] == g["name"]
    assert {g["id"], w["id"]} <= {x["id"] for x in api.list_all("groups")}
    r = api.patch(f"groups/{w['id']}", {"name": w["name"] + " 2", "identifier_fields": ["site"]})
    assert r.status_code == 200 and r.json()["identifier_fields"] == ["site"]
    # Duplicate name in one org.
    before = db.snapshot(org.id)
    assert_api_error(api.post("groups", {"kind": "workgroup", "name": g["name"]}), 409)
    assert db.snapshot(org.id) == before
    # Members.
    a, b = api.create("contacts", contact_body()), api.create("contacts", contact_body())
    for c in (a, b):
        r = api.post(f"groups/{g['id']}/members", {"contact_id": c["id"]})
        assert r.status_code in (200, 201, 204), r.text
    members = api.list_all(f"groups/{g['id']}/members")
    member_ids = sorted(m.get("contact_id", m.get("id")) for m in members)
    assert member_ids == sorted([a["id"], b["id"]])
    # Adding again does not duplicate.
    r = api.post(f"groups/{g['id']}/members", {"contact_id": a["id"]})
    assert r.status_code in (200, 201, 204, 409), r.status_code
    rows = lambda: db.value("SELECT count(*) FROM group_member WHERE org_id = %s AND group_id = %s", (org.id, g["id"]))
    assert rows() == 2
    r = api.delete(f"groups/{g['id']}/members/{a['id']}")
    assert r.status_code in (200, 204), r.status_code
    assert rows() == 1
    assert_api_error(api.delete(f"groups/{g['id']}/members/{a['id']}"), 404)
    assert rows() == 1


BAD_GROUP = [{"name": "n"}, {"kind": "team", "name": "n"}, {"kind": "workgroup"}, {"kind": "workgroup", "name": ""},
             {"kind": "workgroup", "name": "x" * 201}, {"kind": "workgroup", "name": "n", "auth_mode": "magic"},
             {"kind": "workgroup", "name": "n", "identifier_fields": "site"},
             {"kind": "workgroup", "name": "n", "identifier_fields": [1, 2]},
             {"kind": "workgroup", "name": "n", "identifier_fields": [""]},
             {"kind": "workgroup", "name": "n", "identifier_fields": None},
             {"kind": "workgroup", "name": "n\u0001"}, {"kind": "workgroup", "name": "n", "extra": True}]


@pytest.mark.parametrize("body", BAD_GROUP, ids=[json.dumps(b)[:40] for b in BAD_GROUP])
def test_groups_bad_input(org, api, db, body):
    before = db.snapshot(org.id)
    r = api.post("groups", body)
    assert r.status_code in (400, 422), f"{body}: {r.status_code} {r.text[:200]}"
    assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


@pytest.mark.parametrize("body", [{}, {"contact_id": "1"}, {"contact_id": None}, {"contact_id": 999999999},
                                  {"contact_id": -1}, {"contact_id": 1.5}, {"contact_id": 1, "extra": 1}])
def test_members_bad_input(org, api, db, body):
    g = api.create("groups", {"kind": "workgroup", "name": uniq("M ")})
    if body.get("contact_id") == 1:
        body = dict(body, contact_id=api.create("contacts", contact_body())["id"])
    before = db.snapshot(org.id)
    r = api.post(f"groups/{g['id']}/members", body)
    assert r.status_code in (400, 404, 422), f"{body}: {r.status_code} {r.text[:200]}"
    assert_api_error(r, r.status_code)
    assert db.snapshot(org.id) == before


# ------------------------------------------------------------------------------------------- methods

@pytest.mark.parametrize("method,path", [("DELETE", "contacts"), ("PUT", "contacts"), ("DELETE", "contacts/1"),
                                         ("PUT", "clients/1"), ("POST", "contacts/1"), ("PATCH", "contacts")])
def test_wrong_method_405(api, method, path):
    r = api.request(method, path, json={})
    assert_api_error(r, 405)
    assert "Allow" in r.headers


def test_unknown_api_route_404_json(api):
    assert_api_error(api.get(uniq("nothing-here-")), 404)


# ------------------------------------------------------------------------------------------- OpenAPI

def test_openapi_document_covers_the_routes(org):
    r = Api(org.host, None).get("/api/v1/openapi.json")
    assert r.status_code == 200, r.status_code
    assert r.headers["Content-Type"].startswith("application/json")
    doc = r.json()
    assert str(doc.get("openapi", "")).startswith("3."), doc.get("openapi")
    assert isinstance(doc.get("info"), dict) and doc["info"].get("title")
    paths = doc.get("paths")
    assert isinstance(paths, dict) and paths

    def norm(p):
        p = re.sub(r"\{[^}]+\}", "{}", p)
        return p[len("/api/v1"):] if p.startswith("/api/v1") else p

    have = {norm(p): {m.lower() for m in ops} for p, ops in paths.items()}
    want = {
        "/contacts": {"get", "post"}, "/contacts/{}": {"get", "patch"},
        "/clients": {"get", "post"}, "/clients/{}": {"get", "patch"},
        "/groups": {"get", "post"}, "/groups/{}": {"get", "patch"},
        "/groups/{}/members": {"get", "post"}, "/groups/{}/members/{}": {"delete"},
    }
    for p, methods in want.items():
        assert p in have, f"OpenAPI lacks {p}: has {sorted(have)}"
        assert methods <= have[p], f"OpenAPI {p} lacks {methods - have[p]}"
    # Security scheme is bearer.
    schemes = doc.get("components", {}).get("securitySchemes", {})
    assert any(s.get("scheme", "").lower() == "bearer" for s in schemes.values()), schemes
