"""Access to the staff API, route by route, read from the served OpenAPI document so that a new route is
covered the day it is documented (issue 9): a key lacking the operation's permission (x-permission) gets
403; another org's key, holding every permission, gets 404 for every id of this org; and neither changes
anything. x-permission is one permission, or alternatives joined by " | " (any one of them will do), and
may name a path parameter ("maintenance.{portal}_portal")."""
import re

import pytest

from conftest import Account, admin, assert_api_error, create_account, csrf_from, uniq

ALL = ["contacts", "tasks", "documents", "settings", "maintenance.candidate_portal", "maintenance.client_portal",
       "portals", "messages", "outbox", "templates", "audit", "applications"]


def key(org, perms) -> str:
    p = admin("apikey", "create", "--org", org.slug, "--name", uniq("k"), "--permissions", ",".join(perms))
    return [ln for ln in p.stdout.split() if ln.startswith("pk_")][-1]


def operations(api) -> list:
    doc = api.get("/api/v1/openapi.json").json()
    out = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method in ("get", "post", "put", "patch", "delete") and path != "/openapi.json":
                out.append((method.upper(), path, op.get("x-permission")))
    return out


@pytest.fixture(scope="module")
def world(db, new_org_module):
    """Org A with one row of every kind that a path id can name, and org B with a key for everything."""
    a, b = new_org_module(), new_org_module()
    api_a = a.api(key(a, ALL))
    acc: Account = create_account(db, a)
    client = api_a.create("clients", {"name": uniq("Client ")})
    group = api_a.create("groups", {"kind": "workgroup", "name": uniq("G ")})
    assert api_a.post(f"groups/{group['id']}/members", {"contact_id": acc.contact_id}).status_code == 201
    task = api_a.create("tasks", {"type": "standard", "title": "T", "contact_id": acc.contact_id})
    outbox = db.value("SELECT max(id) FROM outbox WHERE org_id = %s", (a.id,))
    doc = api_a.create("documents", {"kind": "invoice", "title": "Invoice 1", "contact_id": acc.contact_id,
                                     "content_type": "text/plain", "content_base64": "aGVsbG8K"})
    c = acc.signed_in_client()
    page = c.get("/contact")
    r = c.post("/contact", data={"subject": "Hi", "message": "Hello", "csrf": csrf_from(page.text)})
    assert r.status_code == 303, r.text[:300]
    message = db.value("SELECT max(id) FROM message WHERE org_id = %s", (a.id,))
    process = api_a.create("processes", {"name": uniq("P "), "steps": [{"type": "standard", "title": "Step 1"}]})
    portal = api_a.create("portals", {"slug": uniq("p").lower(), "title": "Apply", "process_ids": [process["id"]]})
    visitor = a.client()
    landing = visitor.get(f"/p/{portal['slug']}")
    r = visitor.post(f"/p/{portal['slug']}/register", data={
        "csrf": csrf_from(landing.text), "process_id": process["id"], "name": "Ann Applicant",
        "email": f"{uniq('app')}@example.test", "password": "a long and unguessable passphrase 42"})
    assert r.status_code == 303, r.text[:300]
    application = int(r.headers["Location"].rsplit("/", 1)[1])
    ids = {"contacts": acc.contact_id, "clients": client["id"], "groups": group["id"], "tasks": task["id"],
           "outbox": outbox, "documents": doc["id"], "messages": message, "processes": process["id"],
           "portals": portal["id"], "applications": application}
    return a, b, api_a, ids, acc


@pytest.fixture(scope="module")
def new_org_module(db):
    from conftest import create_org
    return lambda: create_org(db)


PATH_WORDS = {"{folder}": "new_action", "{portal}": "candidate"}  # parameters that are names, not ids


def needed(perm: str) -> list:
    """The permissions any one of which allows the operation (path words filled in)."""
    for k, v in PATH_WORDS.items():
        perm = perm.replace(k, v)
    return [p.strip() for p in perm.split("|")]


def fill(path: str, ids: dict, acc) -> str:
    """The path with this org's ids in it; fails for a resource the matrix does not know yet."""
    resource = path.strip("/").split("/")[0]
    path = path.lstrip("/")  # relative: the Api client puts /api/v1/ in front
    if "{" not in path:
        return path
    for k, v in PATH_WORDS.items():
        path = path.replace(k, v)
    if "{" not in path:
        return path
    assert resource in ids, f"test_access_matrix: add a row of '{resource}' to the world fixture for {path}"
    out = path.replace("{id}", str(ids[resource])).replace("{contact_id}", str(acc.contact_id))
    assert "{" not in out, f"test_access_matrix: unknown parameter in {path}"
    return out


def test_every_operation_names_its_permission(world):
    a, b, api_a, ids, acc = world
    missing = [f"{m} {p}" for m, p, perm in operations(api_a) if not perm or not set(needed(perm)) <= set(ALL)]
    assert not missing, f"operations without a known x-permission: {missing}"


def test_a_key_without_the_permission_gets_403_on_every_operation(world, db):
    a, b, api_a, ids, acc = world
    keys = {}
    before = db.snapshot(a.id)
    for method, path, perm in operations(api_a):
        if perm not in keys:
            keys[perm] = a.api(key(a, [p for p in ALL if p not in needed(perm)]))
        body = {} if method in ("POST", "PUT", "PATCH") else None
        r = keys[perm].request(method, fill(path, ids, acc), json=body)
        assert_api_error(r, 403)
    assert db.snapshot(a.id) == before


def test_another_orgs_key_gets_404_for_every_id(world, db):
    a, b, api_a, ids, acc = world
    # Org B's key at org B's host, naming org A's ids: as if they did not exist.
    api_b = b.api(key(b, ALL))
    before = db.snapshot(a.id)
    tasks_before = db.all("SELECT state, updated_at FROM task WHERE org_id = %s ORDER BY id", (a.id,))
    checked = 0
    for method, path, perm in operations(api_a):
        if not re.search(r"\{(id|contact_id)\}", path):
            continue
        body = {} if method in ("POST", "PUT", "PATCH") else None
        r = api_b.request(method, fill(path, ids, acc), json=body)
        assert r.status_code == 404, f"{method} {path} with another org's key: {r.status_code} {r.text[:200]}"
        checked += 1
    assert checked >= 10
    assert db.snapshot(a.id) == before
    assert db.all("SELECT state, updated_at FROM task WHERE org_id = %s ORDER BY id", (a.id,)) == tasks_before
    # And org A's key at org B's host is not a key at all.
    assert a.api(None).get("contacts").status_code == 401
    r = api_a.__class__(b.host, api_a.key).get(f"contacts/{ids['contacts']}")
    assert r.status_code == 401
