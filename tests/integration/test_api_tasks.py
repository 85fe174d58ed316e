"""Staff API for tasks (issue 4, SPEC §2 and §9): assigning each type to a contact or a group with the
notification e-mails written in the same transaction (the new action e-mail with a one-time Complete link
for one-time contacts and people without an account, a link to the task in the portal for account
holders, one e-mail per member of a group), lists and one task with its history and links, cancel and
resend, and the dashboard where one-time contacts appear like full-account ones."""
import concurrent.futures
import time
import urllib.parse

import pytest

from conftest import assert_api_error, create_apikey, uniq
from mail_files import mail_to

TASK = {"id", "type", "title", "instructions", "spec", "contact_id", "group_id", "state", "taken_by", "taken_at",
        "completed_by", "completed_at", "completed_via", "due_at", "created_at", "updated_at"}
DETAIL = TASK | {"response", "history", "links"}
LINK = {"id", "contact_id", "created_at", "expires_at", "dead_at", "dead_reason"}
DASHBOARD_ROW = {"contact_id", "name", "email", "kind", "status", "way_in", "open_tasks", "last_activity"}

SPECS = {
    "single_select": {"options": ["Yes", "No", "Not sure"]},
    "form": {"fields": [{"name": "age", "label": "Age", "type": "number", "required": True},
                        {"name": "colour", "label": "Colour", "type": "select", "options": ["Red", "Blue"]}]},
    "signature": {"document_title": "Non-disclosure agreement", "document_text": "I will keep it secret."},
    "standard": {},
    "approval": {},
}


@pytest.fixture(scope="module")
def tapi(org):
    return org.api(create_apikey(org, "contacts,tasks"))


def new_contact(api, **over) -> dict:
    body = {"kind": "target", "email": f"{uniq('task')}@example.test", "name": f"Target {uniq()}"}
    body.update(over)
    return api.create("contacts", body)


def one_time_contact(api) -> dict:
    """A contact in a target group whose authentication is one_time (made through the API)."""
    g = api.create("groups", {"kind": "target_group", "name": uniq("once "), "auth_mode": "one_time"})
    c = new_contact(api)
    r = api.post(f"groups/{g['id']}/members", {"contact_id": c["id"]})
    assert r.status_code == 201, r.text
    return c


def assign(api, **body) -> dict:
    body.setdefault("type", "standard")
    body.setdefault("title", uniq("Task "))
    r = api.post("tasks", body)
    assert r.status_code == 201, f"POST tasks {body}: {r.status_code} {r.text[:500]}"
    t = r.json()
    assert r.headers.get("Location") == f"/api/v1/tasks/{t['id']}"
    assert set(t) >= TASK, sorted(t)
    return t


def wait_mails_about(address, title, count=1, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        got = [m for m in mail_to(address) if title in m.subject]
        if len(got) >= count:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(got)} of {count} messages about {title!r} to {address} arrived")
        time.sleep(0.1)


def counts(db, org_id) -> tuple:
    return tuple(db.count(t, org_id) for t in ("task", "task_event", "completion_link", "outbox"))


# ------------------------------------------------------------------------------------------------ creating

def test_each_type_is_created_with_its_event_and_audit(org, tapi, db):
    c = new_contact(tapi)
    for type_, spec in SPECS.items():
        t = assign(tapi, type=type_, title=f"A {type_} task", spec=spec, contact_id=c["id"],
                   instructions="Please read\nthen answer.", due_at="2031-01-15T12:00:00+01:00")
        assert t["type"] == type_ and t["spec"] == spec and t["state"] == "new"
        assert t["contact_id"] == c["id"] and t["group_id"] is None
        assert t["due_at"] == "2031-01-15T11:00:00.000000Z"
        assert t["instructions"] == "Please read\nthen answer."
        assert t["taken_by"] is None and t["completed_at"] is None and t["completed_via"] is None
        got = tapi.read(f"tasks/{t['id']}")
        assert set(got) == DETAIL, sorted(got)
        assert got["response"] is None
        assert [e["kind"] for e in got["history"]] == ["assigned", "notified"]
        assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.create' "
                        "AND object_id = %s AND actor_type = 'staff_key'", (org.id, t["id"])) == 1
    # Without spec: {} (standard and approval need none).
    t = assign(tapi, type="approval", contact_id=c["id"])
    assert t["spec"] == {} and t["due_at"] is None and t["instructions"] == ""


@pytest.mark.parametrize("body", [
    {"type": "single_select", "spec": {"options": ["Only one"]}},
    {"type": "single_select", "spec": {"options": ["A", "A"]}},
    {"type": "single_select"},
    {"type": "form", "spec": {"fields": []}},
    {"type": "form", "spec": {"fields": [{"name": "Bad Name", "label": "x", "type": "text"}]}},
    {"type": "form", "spec": {"fields": [{"name": "x", "label": "x", "type": "select"}]}},
    {"type": "signature", "spec": {"document_title": "No text"}},
    {"type": "standard", "spec": {"options": ["A", "B"]}},
    {"type": "essay"},
    {"type": "standard", "spec": []},
    {"type": "standard", "title": ""},
    {"type": "standard", "due_at": "tomorrow"},
    {"type": "standard", "due_at": "2031-01-15T12:00:00"},
    {"type": "standard", "state": "completed"},
])
def test_bad_bodies_are_refused_and_store_nothing(org, tapi, db, body):
    c = new_contact(tapi)
    body = dict(body)
    body.setdefault("title", "Something")
    body["contact_id"] = c["id"]
    before = counts(db, org.id)
    err = assert_api_error(tapi.post("tasks", body), 422, "validation_failed")
    assert err.get("fields"), err
    assert counts(db, org.id) == before


def test_assignee_must_be_this_orgs_and_active(org, tapi, db, new_org):
    other = new_org()
    stranger = other.api(create_apikey(other, "contacts")).create(
        "contacts", {"kind": "target", "email": f"{uniq('x')}@example.test", "name": "Stranger"})
    g = tapi.create("groups", {"kind": "workgroup", "name": uniq("wg ")})
    inactive = new_contact(tapi, status="inactive")
    before = counts(db, org.id)
    for body, field in [({"contact_id": stranger["id"]}, "contact_id"),
                        ({"contact_id": 10**12}, "contact_id"),
                        ({"group_id": 10**12}, "group_id"),
                        ({"contact_id": inactive["id"]}, "contact_id"),
                        ({}, "contact_id"),
                        ({"contact_id": inactive["id"], "group_id": g["id"]}, "group_id")]:
        err = assert_api_error(tapi.post("tasks", {"type": "standard", "title": "T", **body}), 422)
        assert field in (err.get("fields") or {}), (body, err)
    assert counts(db, org.id) == before


# ------------------------------------------------------------------------------------------- notifications

def test_one_time_contact_gets_the_new_action_email(org, tapi, db):
    c = one_time_contact(tapi)
    title = uniq("Sign the form ")
    t = assign(tapi, type="single_select", title=title, spec=SPECS["single_select"], contact_id=c["id"])
    m = wait_mails_about(c["email"], title)[0]
    assert "New action" in m.subject
    assert "Action" in m.text and "Complete" in m.text
    link = m.link("/c/")
    assert link.startswith(f"https://{org.host}/c/")
    token = urllib.parse.urlsplit(link).path.split("/c/", 1)[1]
    assert f'href="{link}"' in m.html and ">Complete<" in m.html
    rows = db.all("SELECT contact_id, dead_at, extract(epoch FROM expires_at - created_at) / 86400 "
                  "FROM completion_link WHERE org_id = %s AND task_id = %s", (org.id, t["id"]))
    assert len(rows) == 1 and rows[0][0] == c["id"] and rows[0][1] is None and round(rows[0][2]) == 30
    got = tapi.read(f"tasks/{t['id']}")
    assert len(got["links"]) == 1 and set(got["links"][0]) == LINK
    assert got["links"][0]["contact_id"] == c["id"] and got["links"][0]["dead_reason"] is None
    assert token not in str(got)
    assert db.contains_text(token) == [], "the raw token is stored somewhere"
    key = db.value("SELECT idempotency_key FROM outbox WHERE org_id = %s AND contact_id = %s AND folder = 'new_action'",
                   (org.id, c["id"]))
    assert key == f"task:{t['id']}:contact:{c['id']}:link:{got['links'][0]['id']}"


def test_contact_without_any_way_in_gets_the_link_too(org, tapi, db):
    c = new_contact(tapi)
    title = uniq("Plain ")
    assign(tapi, title=title, contact_id=c["id"])
    m = wait_mails_about(c["email"], title)[0]
    assert m.link("/c/").startswith(f"https://{org.host}/c/")


def test_account_holder_gets_a_task_notification(org, tapi, db, make_account):
    acc = make_account()
    title = uniq("Portal task ")
    t = assign(tapi, title=title, contact_id=acc.contact_id)
    m = wait_mails_about(acc.email, title)[0]
    assert f"https://{org.host}/tasks/{t['id']}" in m.text
    assert "/c/" not in m.text
    assert db.value("SELECT count(*) FROM completion_link WHERE org_id = %s AND task_id = %s", (org.id, t["id"])) == 0
    assert db.value("SELECT idempotency_key FROM outbox WHERE org_id = %s AND contact_id = %s "
                    "AND folder = 'task_notification'", (org.id, acc.contact_id)) == \
        f"task:{t['id']}:contact:{acc.contact_id}"


def test_workgroup_members_each_get_one_email(org, tapi, db, make_account):
    g = tapi.create("groups", {"kind": "workgroup", "name": uniq("Plumbers ")})
    once = one_time_contact(tapi)
    plain = new_contact(tapi)
    ext = make_account()
    r = tapi.patch(f"contacts/{ext.contact_id}/account", {"external_assignee": True})
    assert r.status_code == 200, r.text
    # An external assignee is notified in the portal even when also in a one_time group.
    og = tapi.create("groups", {"kind": "target_group", "name": uniq("once "), "auth_mode": "one_time"})
    assert tapi.post(f"groups/{og['id']}/members", {"contact_id": ext.contact_id}).status_code == 201
    for cid in (once["id"], plain["id"], ext.contact_id):
        assert tapi.post(f"groups/{g['id']}/members", {"contact_id": cid}).status_code == 201
    title = uniq("Fix the leak ")
    t = assign(tapi, title=title, group_id=g["id"])
    assert t["group_id"] == g["id"] and t["contact_id"] is None
    m_once = wait_mails_about(once["email"], title)
    m_plain = wait_mails_about(plain["email"], title)
    m_ext = wait_mails_about(ext.email, title)
    assert len(m_once) == len(m_plain) == len(m_ext) == 1
    assert m_once[0].link("/c/") != m_plain[0].link("/c/")
    assert f"/tasks/{t['id']}" in m_ext[0].text and "/c/" not in m_ext[0].text
    assert db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND idempotency_key LIKE %s",
                    (org.id, f"task:{t['id']}:%")) == 3
    links = tapi.read(f"tasks/{t['id']}")["links"]
    assert sorted(l["contact_id"] for l in links) == sorted([once["id"], plain["id"]])


# ------------------------------------------------------------------------------------ list, cancel, resend

def test_list_filters_and_pages(org, tapi):
    c = new_contact(tapi)
    g = tapi.create("groups", {"kind": "workgroup", "name": uniq("wg ")})
    a = assign(tapi, type="approval", contact_id=c["id"])
    b = assign(tapi, type="standard", contact_id=c["id"])
    d = assign(tapi, type="standard", group_id=g["id"])
    assert [t["id"] for t in tapi.list_all("tasks", contact_id=c["id"])] == [a["id"], b["id"]]
    assert [t["id"] for t in tapi.list_all("tasks", group_id=g["id"])] == [d["id"]]
    assert [t["id"] for t in tapi.list_all("tasks", contact_id=c["id"], type="approval")] == [a["id"]]
    page = tapi.list("tasks", contact_id=c["id"], limit=1)
    assert [t["id"] for t in page["data"]] == [a["id"]] and page["next_after"] == a["id"]
    assert set(page["data"][0]) == TASK
    assert tapi.post(f"tasks/{b['id']}/cancel").status_code == 200
    assert [t["id"] for t in tapi.list_all("tasks", contact_id=c["id"], state="cancelled")] == [b["id"]]
    assert [t["id"] for t in tapi.list_all("tasks", contact_id=c["id"], state="new")] == [a["id"]]
    assert_api_error(tapi.get("tasks", params={"state": "done"}), 400)
    assert_api_error(tapi.get("tasks", params={"assignee": "1"}), 400)


def test_cancel_kills_every_link(org, tapi, db):
    g = tapi.create("groups", {"kind": "workgroup", "name": uniq("wg ")})
    people = [one_time_contact(tapi), new_contact(tapi)]
    for p in people:
        assert tapi.post(f"groups/{g['id']}/members", {"contact_id": p["id"]}).status_code == 201
    t = assign(tapi, group_id=g["id"])
    r = tapi.post(f"tasks/{t['id']}/cancel")
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["state"] == "cancelled"
    assert [l["dead_reason"] for l in got["links"]] == ["cancelled", "cancelled"]
    assert all(l["dead_at"] for l in got["links"])
    assert db.all("SELECT DISTINCT dead_reason FROM completion_link WHERE org_id = %s AND task_id = %s",
                  (org.id, t["id"])) == [("cancelled",)]
    assert "cancelled" in [e["kind"] for e in got["history"]]
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.cancel' AND object_id = %s",
                    (org.id, t["id"])) == 1
    before = counts(db, org.id)
    assert_api_error(tapi.post(f"tasks/{t['id']}/cancel"), 409, "conflict")
    assert_api_error(tapi.post(f"tasks/{t['id']}/resend"), 409, "conflict")
    assert counts(db, org.id) == before
    assert_api_error(tapi.post(f"tasks/{t['id']}/cancel", {"reason": "x"}), 422)


def test_resend_revokes_the_old_link_and_mails_a_new_one(org, tapi, db, make_account):
    once = one_time_contact(tapi)
    title = uniq("Resend ")
    t = assign(tapi, title=title, contact_id=once["id"])
    first = wait_mails_about(once["email"], title)[0].link("/c/")
    r = tapi.post(f"tasks/{t['id']}/resend")
    assert r.status_code == 200, r.text
    mails = wait_mails_about(once["email"], title, 2)
    second = [m.link("/c/") for m in mails if m.link("/c/") != first]
    assert len(second) == 1
    rows = db.all("SELECT id, dead_reason FROM completion_link WHERE org_id = %s AND task_id = %s ORDER BY id",
                  (org.id, t["id"]))
    assert [x[1] for x in rows] == ["revoked", None]
    assert "link_resent" in [e["kind"] for e in r.json()["history"]]

    acc = make_account()
    title = uniq("Resend portal ")
    t = assign(tapi, title=title, contact_id=acc.contact_id)
    wait_mails_about(acc.email, title)
    assert tapi.post(f"tasks/{t['id']}/resend").status_code == 200
    mails = wait_mails_about(acc.email, title, 2)
    assert all(f"/tasks/{t['id']}" in m.text for m in mails)
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.resend' AND object_id = %s",
                    (org.id, t["id"])) == 1


def test_simultaneous_resends_leave_one_live_link(org, tapi, db):
    once = one_time_contact(tapi)
    t = assign(tapi, contact_id=once["id"])
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        codes = list(ex.map(lambda _: tapi.post(f"tasks/{t['id']}/resend").status_code, range(4)))
    assert codes == [200] * 4, codes
    rows = db.all("SELECT dead_reason FROM completion_link WHERE org_id = %s AND task_id = %s", (org.id, t["id"]))
    assert sorted(r[0] or "live" for r in rows) == ["live"] + ["revoked"] * 4


# ------------------------------------------------------------------------------------------ access control

def test_another_orgs_key_sees_404(org, tapi, db, new_org):
    c = new_contact(tapi)
    t = assign(tapi, contact_id=c["id"])
    other = new_org()
    oapi = other.api(create_apikey(other, "contacts,tasks"))
    before = counts(db, org.id)
    assert_api_error(oapi.get(f"tasks/{t['id']}"), 404)
    assert_api_error(oapi.post(f"tasks/{t['id']}/cancel"), 404)
    assert_api_error(oapi.post(f"tasks/{t['id']}/resend"), 404)
    assert t["id"] not in [x["id"] for x in oapi.list_all("tasks")]
    assert c["id"] not in [x["contact_id"] for x in oapi.list_all("dashboard")]
    assert counts(db, org.id) == before
    assert tapi.read(f"tasks/{t['id']}")["state"] == "new"
    # The key of another org on this org's host: no key at all.
    assert_api_error(org.api(create_apikey(other, "contacts,tasks")).get("tasks"), 401)


def test_permissions(org, tapi):
    contacts_only = org.api(create_apikey(org, "contacts"))
    err = assert_api_error(contacts_only.get("tasks"), 403, "forbidden")
    assert "tasks" in err["message"]
    assert_api_error(contacts_only.post("tasks", {"type": "standard", "title": "x", "contact_id": 1}), 403)
    assert_api_error(contacts_only.post("tasks/1/cancel"), 403)
    tasks_only = org.api(create_apikey(org, "tasks"))
    assert_api_error(tasks_only.get("dashboard"), 403, "forbidden")
    assert tasks_only.get("tasks").status_code == 200
    assert_api_error(tapi.request("PATCH", "tasks/1", json={}), 405)
    assert_api_error(tapi.get("tasks/1/cancel"), 405)


# ----------------------------------------------------------------------------------------------- dashboard

def test_dashboard_shows_one_time_and_full_accounts_alike(db, new_org, make_account):
    o = new_org()
    api = o.api(create_apikey(o, "contacts,tasks"))
    once = one_time_contact(api)
    acc = make_account(in_org=o)
    invited = new_contact(api)
    assert api.post(f"contacts/{invited['id']}/account").status_code == 201
    nobody = new_contact(api)
    g = api.create("groups", {"kind": "workgroup", "name": uniq("wg ")})
    for cid in (once["id"], acc.contact_id):
        assert api.post(f"groups/{g['id']}/members", {"contact_id": cid}).status_code == 201
    assign(api, contact_id=once["id"])
    assign(api, contact_id=acc.contact_id)
    gt = assign(api, group_id=g["id"])
    done = assign(api, contact_id=acc.contact_id)
    assert api.post(f"tasks/{done['id']}/cancel").status_code == 200
    acc.signed_in_client()  # a login is activity

    rows = {r["contact_id"]: r for r in api.list_all("dashboard", limit=2)}
    assert set(rows) == {once["id"], acc.contact_id, invited["id"], nobody["id"]}
    for r in rows.values():
        assert set(r) == DASHBOARD_ROW, sorted(r)
    assert rows[once["id"]]["way_in"] == "one_time"
    assert rows[acc.contact_id]["way_in"] == "full_account"
    assert rows[invited["id"]]["way_in"] == "invited"
    assert rows[nobody["id"]]["way_in"] == "none"
    assert rows[once["id"]]["open_tasks"] == 2 and rows[acc.contact_id]["open_tasks"] == 2
    assert rows[invited["id"]]["open_tasks"] == 0
    assert rows[acc.contact_id]["last_activity"] is not None
    assert rows[once["id"]]["last_activity"] is None
    assert rows[once["id"]]["email"] == once["email"] and rows[once["id"]]["kind"] == "target"
    assert [r["contact_id"] for r in api.list_all("dashboard", way_in="one_time")] == [once["id"]]

    assert api.post(f"tasks/{gt['id']}/cancel").status_code == 200
    rows = {r["contact_id"]: r for r in api.list_all("dashboard")}
    assert rows[once["id"]]["open_tasks"] == 1 and rows[acc.contact_id]["open_tasks"] == 1
    assert_api_error(api.get("dashboard", params={"way_in": "sometimes"}), 400)
