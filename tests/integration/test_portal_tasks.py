"""Tasks in the portal for full accounts (issue 4, SPEC §4): the Tasks, History and Approvals tabs, a
task's page at /tasks/{id} where every type is completed, and the external assignees' tasks module
(/tasks?list=mine|new|opened|completed) where a task is taken in charge by one person and completed from
the list or from its page. Another person's task is 404 by every route."""
import concurrent.futures
import hashlib
import re
import urllib.parse

import pytest

from conftest import Client, admin, assert_redirect, create_account, create_apikey, csrf_from, field_names, uniq
from mail_files import mail_to, wait_for_mail
from test_complete import ANSWERS, DOC_TEXT, SPECS, assert_dead, one_time_contact, state


@pytest.fixture(scope="module")
def tapi(org):
    return org.api(create_apikey(org, "contacts,tasks"))


@pytest.fixture(scope="module")
def seats(org):
    admin("org", "set", "--org", org.slug, "--external-assignee-seats", "100")


def assign(api, **body) -> dict:
    body.setdefault("type", "standard")
    body.setdefault("title", uniq("Task "))
    body.setdefault("instructions", "Please answer by Friday.")
    if "spec" not in body:
        body["spec"] = SPECS[body["type"]]
    r = api.post("tasks", body)
    assert r.status_code == 201, f"POST tasks {body}: {r.status_code} {r.text[:500]}"
    return r.json()


def task_ids(html: str) -> list:
    """The tasks listed on a page, in order."""
    return [int(i) for i in re.findall(r'<li class="task-row[^"]*" id="task-(\d+)">', html)]


def get_ok(c: Client, path: str):
    r = c.get(path)
    assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
    return r


def post_form(c: Client, path: str, data: dict, form_page: str):
    """POSTs data with the CSRF token of the page the form is on."""
    token = csrf_from(get_ok(c, form_page).text)
    return c.post(path, data={**data, "csrf": token})


def workgroup(api, *contact_ids) -> dict:
    g = api.create("groups", {"kind": "workgroup", "name": uniq("Team ")})
    for cid in contact_ids:
        assert api.post(f"groups/{g['id']}/members", {"contact_id": cid}).status_code == 201
    return g


# ---------------------------------------------------------------------------------------- full accounts

@pytest.mark.parametrize("type_", list(SPECS))
def test_each_type_is_completed_on_its_page(org, tapi, db, make_account, type_):
    acc = make_account()
    t = assign(tapi, type=type_, contact_id=acc.contact_id)
    c = acc.signed_in_client()
    tab = "/approvals" if type_ == "approval" else "/"
    assert t["id"] in task_ids(get_ok(c, tab).text)
    other_tab = "/" if type_ == "approval" else "/approvals"
    assert t["id"] not in task_ids(get_ok(c, other_tab).text), "approvals belong to Approvals, not Tasks"

    page = get_ok(c, f"/tasks/{t['id']}")
    send, inputs, stored = ANSWERS[type_]
    assert t["title"] in page.text and "Please answer by Friday." in page.text
    assert inputs <= field_names(page.text), f"{inputs - field_names(page.text)} missing"
    assert f'action="/tasks/{t["id"]}"' in page.text
    if type_ == "signature":
        assert "I will keep the secret." in page.text

    done = c.post(f"/tasks/{t['id']}", data={**send, "csrf": csrf_from(page.text)},
                  headers={"User-Agent": "pytest-browser/2.0"})
    assert_redirect(done, f"/tasks/{t['id']}")
    row = db.one("SELECT state, completed_by, completed_via, host(completed_ip), response FROM task "
                 "WHERE org_id = %s AND id = %s", (org.id, t["id"]))
    assert row[:4] == ("completed", acc.contact_id, "portal", "127.0.0.1")
    response = row[4]
    if type_ == "signature":
        assert response["document_sha256"] == hashlib.sha256(DOC_TEXT.encode()).hexdigest()
        assert response["user_agent"] == "pytest-browser/2.0" and response["client_address"] == "127.0.0.1"
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", response.pop("signed_at"))
        for k in ("document_sha256", "user_agent", "client_address", "document_title"):
            response.pop(k)
    assert response == stored
    events = db.all("SELECT kind, contact_id, detail->>'via' FROM task_event WHERE org_id = %s AND task_id = %s "
                    "ORDER BY id", (org.id, t["id"]))
    assert events[-1] == ("completed", acc.contact_id, "portal")
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.complete' AND "
                    "object_id = %s AND actor_id = %s", (org.id, t["id"], acc.contact_id)) == 1

    # Done: off the open list, on History; its page shows the answer and no form.
    assert t["id"] not in task_ids(get_ok(c, tab).text.split("Decided by you", 1)[0])
    assert t["id"] in task_ids(get_ok(c, "/history").text)
    shown = get_ok(c, f"/tasks/{t['id']}").text
    assert "Completed" in shown and "The answer" in shown and "task-form" not in shown
    if type_ == "standard":
        assert "Fixed the pump" in shown and "30" in shown
    if type_ == "approval":
        assert "Rejected" in shown and "Too expensive" in shown
        assert t["id"] in task_ids(get_ok(c, "/approvals").text.split("Decided by you", 1)[1])

    # A second submit changes nothing and says why.
    again = post_form(c, f"/tasks/{t['id']}", send, f"/tasks/{t['id']}")
    assert again.status_code == 409 and "already completed" in again.text
    assert db.value("SELECT count(*) FROM task_event WHERE org_id = %s AND task_id = %s AND kind = 'completed'",
                    (org.id, t["id"])) == 1


def test_a_workgroup_task_completed_in_the_portal_kills_the_link_of_a_one_time_member(org, tapi, db, make_account):
    acc = make_account()
    once = one_time_contact(tapi)
    g = workgroup(tapi, acc.contact_id, once["id"])
    title = uniq("Group question ")
    t = assign(tapi, type="single_select", title=title, group_id=g["id"])
    wait_for_mail(once["email"], 1)
    link = [m for m in mail_to(once["email"]) if title in m.subject or title in m.text][-1].link("/c/")
    path = urllib.parse.urlsplit(link).path
    assert org.client().get(path).status_code == 200

    c = acc.signed_in_client()
    assert t["id"] in task_ids(get_ok(c, "/").text), "a workgroup's task is on each member's Tasks tab"
    done = post_form(c, f"/tasks/{t['id']}", {"option": "Yes"}, f"/tasks/{t['id']}")
    assert_redirect(done, f"/tasks/{t['id']}")
    assert db.value("SELECT count(*) FROM completion_link WHERE org_id = %s AND task_id = %s AND dead_at IS NULL",
                    (org.id, t["id"])) == 0
    assert_dead(org.client().get(path), "completed")


def test_bad_answers_get_a_clear_message_and_change_nothing(org, tapi, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    form = assign(tapi, type="form", contact_id=acc.contact_id)
    single = assign(tapi, type="single_select", contact_id=acc.contact_id)
    std = assign(tapi, type="standard", contact_id=acc.contact_id)
    cases = [
        (form, {"f_colour": "Blue"}, "in-f_age-error"),                       # required field missing
        (single, {"option": "Maybe"}, "Choose one of the options given."),    # not in the list
        (std, {"resolution": "x" * 10001}, "in-resolution-error"),            # too long
        (std, {"resolution": "ok", "effort_minutes": "-3"}, "Effort is a number of minutes"),
    ]
    for t, data, message in cases:
        before = state(db, org.id, t["id"])
        r = post_form(c, f"/tasks/{t['id']}", data, f"/tasks/{t['id']}")
        assert r.status_code == 422, f"{data}: {r.status_code} {r.text[:300]}"
        assert message in r.text
        assert state(db, org.id, t["id"]) == before, f"a refused answer {data} changed the database"
    # The form keeps what was typed.
    r = post_form(c, f"/tasks/{form['id']}", {"f_nick": "Kept nick", "f_colour": "Blue"}, f"/tasks/{form['id']}")
    assert 'value="Kept nick"' in r.text and "<option value=\"Blue\" selected>" in r.text


def test_without_the_csrf_token_nothing_happens(org, tapi, db, make_account):
    acc = make_account()
    t = assign(tapi, type="single_select", contact_id=acc.contact_id)
    c = acc.signed_in_client()
    before = state(db, org.id, t["id"])
    assert c.post(f"/tasks/{t['id']}", data={"option": "Yes"}).status_code == 403
    assert c.post(f"/tasks/{t['id']}", data={"option": "Yes", "csrf": "x" * 43}).status_code == 403
    assert state(db, org.id, t["id"]) == before


def test_nobody_sees_or_acts_on_a_task_that_is_not_theirs(org, tapi, db, make_account, new_org, seats):
    owner = make_account()
    t = assign(tapi, type="single_select", contact_id=owner.contact_id)
    gt = assign(tapi, type="standard", group_id=workgroup(tapi, owner.contact_id)["id"])
    stranger = create_account(db, org, external=True)
    c = stranger.signed_in_client()
    before = [state(db, org.id, x["id"]) for x in (t, gt)]
    for x in (t, gt):
        assert c.get(f"/tasks/{x['id']}").status_code == 404
        assert post_form(c, f"/tasks/{x['id']}", {"option": "Yes", "resolution": "mine now"}, "/").status_code == 404
        assert post_form(c, f"/tasks/{x['id']}/take", {}, "/").status_code == 404
    for path in ("/", "/history", "/approvals", "/tasks?list=opened", "/tasks?list=new"):
        ids = task_ids(get_ok(c, path).text)
        assert t["id"] not in ids and gt["id"] not in ids, path
    assert [state(db, org.id, x["id"]) for x in (t, gt)] == before

    # Another org's account, with the same task id in the path, finds nothing either.
    other = new_org()
    foreign = create_account(db, other).signed_in_client()
    assert foreign.get(f"/tasks/{t['id']}").status_code == 404
    assert post_form(foreign, f"/tasks/{t['id']}", {"option": "Yes"}, "/").status_code == 404
    for bad in ("/tasks/0", "/tasks/-1", "/tasks/abc", "/tasks/1e3", f"/tasks/{t['id']}x", "/tasks/99999999999999999999"):
        assert c.get(bad).status_code == 404, bad


def test_a_cancelled_task_shows_why_and_cannot_be_completed(org, tapi, db, make_account):
    acc = make_account()
    t = assign(tapi, type="single_select", contact_id=acc.contact_id)
    assert tapi.post(f"tasks/{t['id']}/cancel").status_code == 200
    c = acc.signed_in_client()
    page = get_ok(c, f"/tasks/{t['id']}")
    assert "was cancelled" in page.text and "task-form" not in page.text
    assert t["id"] not in task_ids(get_ok(c, "/").text)
    before = state(db, org.id, t["id"])
    r = post_form(c, f"/tasks/{t['id']}", {"option": "Yes"}, "/")
    assert r.status_code == 409 and "cancelled" in r.text
    assert state(db, org.id, t["id"]) == before


def test_signed_out_people_are_sent_to_sign_in(org, tapi, make_account):
    acc = make_account()
    t = assign(tapi, type="single_select", contact_id=acc.contact_id)
    c = org.client()
    assert_redirect(c.get(f"/tasks/{t['id']}"), "/login")
    assert_redirect(c.post(f"/tasks/{t['id']}", data={"option": "Yes"}), "/login")


# -------------------------------------------------------------------------------------- the tasks module

def test_the_tasks_module_is_for_external_assignees_only(org, tapi, db, make_account):
    acc = make_account()
    t = assign(tapi, type="standard", contact_id=acc.contact_id)
    c = acc.signed_in_client()
    assert c.get("/tasks").status_code == 404
    before = state(db, org.id, t["id"])
    assert post_form(c, f"/tasks/{t['id']}/take", {}, "/").status_code == 404
    assert state(db, org.id, t["id"]) == before
    assert "Tasks module" not in get_ok(c, "/").text


def test_one_holder_takes_a_task_in_charge_and_completes_it_from_the_list(org, tapi, db, seats):
    ann = create_account(db, org, external=True)
    bob = create_account(db, org, external=True)
    g = workgroup(tapi, ann.contact_id, bob.contact_id)
    t = assign(tapi, type="standard", group_id=g["id"])
    a, b = ann.signed_in_client(), bob.signed_in_client()
    assert "Tasks module" in get_ok(a, "/").text
    assert a.get("/tasks?list=bogus").status_code == 404
    for c in (a, b):
        assert t["id"] in task_ids(get_ok(c, "/tasks?list=new").text)
        assert t["id"] in task_ids(get_ok(c, "/tasks?list=opened").text)
        assert t["id"] not in task_ids(get_ok(c, "/tasks?list=mine").text)
    listed = get_ok(a, "/tasks?list=new").text
    assert f'action="/tasks/{t["id"]}/take"' in listed

    assert_redirect(post_form(a, f"/tasks/{t['id']}/take", {}, "/tasks?list=new"), f"/tasks/{t['id']}")
    row = db.one("SELECT state, taken_by FROM task WHERE org_id = %s AND id = %s", (org.id, t["id"]))
    assert row == ("in_progress", ann.contact_id)
    assert t["id"] in task_ids(get_ok(a, "/tasks?list=mine").text)
    assert t["id"] not in task_ids(get_ok(b, "/tasks?list=new").text)
    opened = get_ok(b, "/tasks?list=opened").text
    assert t["id"] in task_ids(opened) and ann.name in opened

    # The second taker is told who has it; nothing changes.
    before = state(db, org.id, t["id"])
    r = post_form(b, f"/tasks/{t['id']}/take", {}, "/tasks?list=opened")
    assert r.status_code == 409 and f"{ann.name} has already taken this task in charge" in r.text
    r = post_form(b, f"/tasks/{t['id']}", {"resolution": "I did it"}, "/tasks?list=opened")
    assert r.status_code == 409 and ann.name in r.text
    page = get_ok(b, f"/tasks/{t['id']}").text
    assert "task-form" not in page and ann.name in page
    assert state(db, org.id, t["id"]) == before
    # Taking again what one holds is no error.
    assert_redirect(post_form(a, f"/tasks/{t['id']}/take", {}, "/tasks?list=mine"), f"/tasks/{t['id']}")

    # Completed right from the list, with the resolution, an effort and an activity note.
    mine = get_ok(a, "/tasks?list=mine").text
    assert f'id="t{t["id"]}-in-resolution"' in mine, "no completion form in the list"
    done = a.post(f"/tasks/{t['id']}", data={"resolution": "Replaced the valve", "effort_minutes": "45",
                                             "activity_note": "Customer on site", "csrf": csrf_from(mine)})
    assert_redirect(done, f"/tasks/{t['id']}")
    row = db.one("SELECT state, completed_by, response FROM task WHERE org_id = %s AND id = %s", (org.id, t["id"]))
    assert row[:2] == ("completed", ann.contact_id)
    assert row[2] == {"resolution": "Replaced the valve", "effort_minutes": 45, "activity_note": "Customer on site"}
    assert t["id"] in task_ids(get_ok(a, "/tasks?list=completed").text)
    assert t["id"] not in task_ids(get_ok(b, "/tasks?list=completed").text)
    assert t["id"] not in task_ids(get_ok(a, "/tasks?list=opened").text)
    shown = get_ok(a, f"/tasks/{t['id']}").text
    assert "45" in shown and "Customer on site" in shown
    kinds = [k for (k,) in db.all("SELECT kind FROM task_event WHERE org_id = %s AND task_id = %s ORDER BY id",
                                  (org.id, t["id"]))]
    assert kinds.count("taken") == 1 and kinds.count("completed") == 1


def test_simultaneous_takes_leave_exactly_one_holder(org, tapi, db, seats):
    people = [create_account(db, org, external=True) for _ in range(4)]
    g = workgroup(tapi, *[p.contact_id for p in people])
    t = assign(tapi, type="standard", group_id=g["id"])
    clients = [p.signed_in_client() for p in people]
    tokens = [csrf_from(get_ok(c, "/tasks?list=new").text) for c in clients]

    def take(i):
        return clients[i].post(f"/tasks/{t['id']}/take", data={"csrf": tokens[i]}).status_code

    with concurrent.futures.ThreadPoolExecutor(len(clients)) as ex:
        codes = list(ex.map(take, range(len(clients))))
    assert sorted(codes) == [303, 409, 409, 409], codes
    holder = db.value("SELECT taken_by FROM task WHERE org_id = %s AND id = %s", (org.id, t["id"]))
    assert holder == people[codes.index(303)].contact_id
    assert db.value("SELECT count(*) FROM task_event WHERE org_id = %s AND task_id = %s AND kind = 'taken'",
                    (org.id, t["id"])) == 1


def test_approvals_list_approve_and_reject_with_a_comment(org, tapi, db, seats):
    boss = create_account(db, org, external=True)
    t1 = assign(tapi, type="approval", title=uniq("Buy a van "), contact_id=boss.contact_id)
    t2 = assign(tapi, type="approval", title=uniq("Buy a yacht "), contact_id=boss.contact_id)
    c = boss.signed_in_client()
    page = get_ok(c, "/approvals").text
    waiting = page.split("Decided by you", 1)[0]
    assert {t1["id"], t2["id"]} <= set(task_ids(waiting))
    for path in ("/", "/tasks?list=opened", "/tasks?list=new"):
        assert t1["id"] not in task_ids(get_ok(c, path).text), f"an approval is listed on {path}"
    # Decided in place, from the Approvals list.
    assert f'id="t{t1["id"]}-in-comment"' in page
    before = state(db, org.id, t2["id"])
    r = c.post(f"/tasks/{t2['id']}", data={"decision": "reject", "comment": "", "csrf": csrf_from(page)})
    assert r.status_code == 422 and "Say why you reject it." in r.text
    assert state(db, org.id, t2["id"]) == before
    assert_redirect(c.post(f"/tasks/{t1['id']}", data={"decision": "approve", "csrf": csrf_from(page)}),
                    f"/tasks/{t1['id']}")
    assert_redirect(c.post(f"/tasks/{t2['id']}", data={"decision": "reject", "comment": "Too dear",
                                                        "csrf": csrf_from(page)}), f"/tasks/{t2['id']}")
    got = dict(db.all("SELECT id, response FROM task WHERE org_id = %s AND id IN (%s, %s)", (org.id, t1["id"], t2["id"])))
    assert got[t1["id"]] == {"decision": "approved", "comment": None}
    assert got[t2["id"]] == {"decision": "rejected", "comment": "Too dear"}
    after = get_ok(c, "/approvals").text
    waiting, decided = after.split("Decided by you", 1)
    assert t1["id"] not in task_ids(waiting) and {t1["id"], t2["id"]} <= set(task_ids(decided))


def test_external_assignee_seats_are_enforced_by_the_cli_too(new_org, db):
    o = new_org()
    admin("org", "set", "--org", o.slug, "--external-assignee-seats", "1")
    create_account(db, o, external=True)
    p = admin("account", "create", "--org", o.slug, "--email", f"{uniq('x')}@example.test", "--name", "Second",
              "--username", uniq("second"), "--external-assignee", stdin="a long and unguessable passphrase 42\n",
              check=False)
    assert p.returncode != 0 and "seats are taken" in p.stderr
    assert db.value("SELECT count(*) FROM account WHERE org_id = %s AND external_assignee", (o.id,)) == 1
