"""One-time completion links (issue 4, SPEC §3.2): /c/{token} from the new action e-mail. GET and HEAD
show the response page and change nothing; POST completes the task once, kills every link of it and
starts a one-time visit limited to Your Files and Documents, Send us Stuff and Get in touch; a dead link
answers 410 saying why; a forged token or another org's Host answers 404."""
import concurrent.futures
import hashlib
import re
import urllib.parse

import pytest

from conftest import PRE_COOKIE, SESSION_COOKIE, Client, assert_redirect, cookie_set, create_apikey, csrf_from, \
    field_names, raw_request, uniq
from mail_files import mail_to, wait_for_mail

DOC_TEXT = "I will keep the secret.\n\nSigned in good faith."
SPECS = {
    "single_select": {"options": ["Yes", "No", "Not sure"]},
    "form": {"fields": [
        {"name": "age", "label": "Age", "type": "number", "required": True},
        {"name": "colour", "label": "Colour", "type": "select", "options": ["Red", "Blue"]},
        {"name": "born", "label": "Date of birth", "type": "date"},
        {"name": "mail", "label": "Work e-mail", "type": "email"},
        {"name": "story", "label": "Your story", "type": "textarea"},
        {"name": "nick", "label": "Nickname", "type": "text"},
        {"name": "agree", "label": "I agree", "type": "checkbox", "required": True},
    ]},
    "signature": {"document_title": "Non-disclosure agreement", "document_text": DOC_TEXT},
    "standard": {},
    "approval": {},
}
# What the person sends, the inputs the page must have, and what is stored in task.response.
ANSWERS = {
    "single_select": ({"option": "No"}, {"option"}, {"option": "No"}),
    "form": ({"f_age": "42", "f_colour": "Blue", "f_born": "1990-02-28", "f_mail": "ann@example.test",
              "f_story": "Line one\nline two", "f_nick": "", "f_agree": "yes"},
             {"f_age", "f_born", "f_mail", "f_nick", "f_agree"},  # (textarea and select are not <input>)
             {"values": {"age": "42", "colour": "Blue", "born": "1990-02-28", "mail": "ann@example.test",
                         "story": "Line one\nline two", "nick": None, "agree": True}}),
    "signature": ({"full_name": "Ann Example", "consent": "yes"}, {"full_name", "consent"},
                  {"full_name": "Ann Example", "consent": True}),
    "standard": ({"resolution": "Fixed the pump", "effort_minutes": "30", "activity_note": "Replaced a seal"},
                 {"effort_minutes"}, {"resolution": "Fixed the pump", "effort_minutes": 30,
                                      "activity_note": "Replaced a seal"}),
    "approval": ({"decision": "reject", "comment": "Too expensive"}, {"decision"},
                 {"decision": "rejected", "comment": "Too expensive"}),
}
LIMITED_TABS = ["Your Files and Documents", "Send us Stuff", "Get in touch"]


@pytest.fixture(scope="module")
def tapi(org):
    return org.api(create_apikey(org, "contacts,tasks"))


def one_time_contact(api) -> dict:
    g = api.create("groups", {"kind": "target_group", "name": uniq("once "), "auth_mode": "one_time"})
    c = api.create("contacts", {"kind": "target", "email": f"{uniq('once')}@example.test", "name": f"Once {uniq()}"})
    r = api.post(f"groups/{g['id']}/members", {"contact_id": c["id"]})
    assert r.status_code == 201, r.text
    return c


def assign_with_link(api, contact, type_="single_select", spec=None, title=None):
    """Assigns a task and returns (task, path of the /c/ link read from the new action e-mail)."""
    title = title or uniq("Task ")
    body = {"type": type_, "title": title, "instructions": "Please answer by Friday.", "contact_id": contact["id"]}
    body["spec"] = SPECS[type_] if spec is None else spec
    r = api.post("tasks", body)
    assert r.status_code == 201, f"POST tasks: {r.status_code} {r.text[:500]}"
    task = r.json()
    wait_for_mail(contact["email"], 1)
    mails = [m for m in mail_to(contact["email"]) if title in m.subject or title in m.text]
    assert mails, f"no e-mail about {title!r}"
    link = mails[-1].link("/c/")
    return task, urllib.parse.urlsplit(link).path


def state(db, org_id, task_id) -> dict:
    """Every row the completion of one task may touch, to prove that a request changed nothing."""
    q = lambda sql: db.all(sql, (org_id, task_id))
    return {
        "task": q("SELECT to_jsonb(t)::text FROM task t WHERE org_id = %s AND id = %s"),
        "event": q("SELECT to_jsonb(e)::text FROM task_event e WHERE org_id = %s AND task_id = %s ORDER BY id"),
        "link": q("SELECT to_jsonb(l)::text FROM completion_link l WHERE org_id = %s AND task_id = %s ORDER BY id"),
        "audit": q("SELECT count(*) FROM audit_log WHERE org_id = %s AND object_type = 'task' AND object_id = %s"),
        "session": db.all("SELECT to_jsonb(s)::text FROM session s WHERE org_id = %s ORDER BY 1", (org_id,)),
    }


def tabs(html: str) -> list:
    nav = re.search(r'<nav class="tabs".*?</nav>', html, re.S)
    assert nav, "no tab bar on the page"
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0))


def open_form(client: Client, path: str):
    r = client.get(path)
    assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
    return r, csrf_from(r.text)


def assert_dead(r, word: str):
    assert r.status_code == 410, f"expected 410, got {r.status_code}: {r.text[:500]}"
    assert "This link is no longer active" in r.text
    assert word in r.text, f"410 page does not say {word!r}: {r.text[:800]}"
    assert "<form" not in r.text.split("<main", 1)[1]
    assert cookie_set(r, SESSION_COOKIE) is None


# ------------------------------------------------------------------------------------------ completing

@pytest.mark.parametrize("type_", list(SPECS))
def test_each_type_is_completed_through_the_link(org, tapi, db, type_):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact, type_)
    send, inputs, stored = ANSWERS[type_]
    before = state(db, org.id, task["id"])
    c = org.client()

    h = c.request("HEAD", path)
    assert h.status_code == 200 and h.text == ""
    assert cookie_set(h, PRE_COOKIE) is not None  # the form's CSRF token is bound to it
    r, token = open_form(c, path)
    assert task["title"] in r.text and "Please answer by Friday." in r.text
    assert inputs <= field_names(r.text), f"{inputs - field_names(r.text)} missing"
    assert "<script" not in r.text
    assert "no-store" in r.headers.get("Cache-Control", "")
    assert r.headers.get("Referrer-Policy") == "no-referrer"
    assert cookie_set(r, PRE_COOKIE) is None  # kept from the HEAD: the same form token
    if type_ == "signature":
        assert "Non-disclosure agreement" in r.text and "I will keep the secret." in r.text
    c.get(path)
    assert state(db, org.id, task["id"]) == before, "GET or HEAD of a completion link changed the database"

    done = c.post(path, data={**send, "csrf": token}, headers={"User-Agent": "pytest-browser/1.0"})
    assert_redirect(done, "/files")
    sc = cookie_set(done, SESSION_COOKIE)
    assert sc and sc.value and "max-age" not in sc.attrs and "expires" not in sc.attrs, "not a browser-session cookie"

    row = db.one("SELECT state, completed_by, completed_via, host(completed_ip), response FROM task "
                 "WHERE org_id = %s AND id = %s", (org.id, task["id"]))
    assert row[:4] == ("completed", contact["id"], "link", "127.0.0.1")
    response = row[4]
    if type_ == "signature":
        assert response["document_sha256"] == hashlib.sha256(DOC_TEXT.encode()).hexdigest()
        assert response["client_address"] == "127.0.0.1"
        assert response["user_agent"] == "pytest-browser/1.0"
        assert response["document_title"] == "Non-disclosure agreement"
        assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", response["signed_at"])
        response = {k: response[k] for k in stored}
    assert response == stored
    assert db.all("SELECT dead_reason FROM completion_link WHERE org_id = %s AND task_id = %s",
                  (org.id, task["id"])) == [("completed",)]
    assert db.value("SELECT count(*) FROM task_event WHERE org_id = %s AND task_id = %s AND kind = 'completed'",
                    (org.id, task["id"])) == 1
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.complete' "
                    "AND object_id = %s AND actor_id = %s", (org.id, task["id"], contact["id"])) == 1
    assert db.value("SELECT kind FROM session WHERE org_id = %s AND contact_id = %s",
                    (org.id, contact["id"])) == "one_time"

    # The limited home page, for this visit only.
    home = c.get("/files")
    assert home.status_code == 200, home.text[:500]
    assert tabs(home.text) == LIMITED_TABS
    for p in ("/upload", "/contact"):
        assert c.get(p).status_code == 200
    assert_redirect(c.get("/"), "/files")
    assert c.get("/history").status_code == 404
    acc = c.get("/account")
    assert acc.status_code != 200 and "Change password" not in acc.text

    # The link is dead now, for this browser and any other.
    assert_dead(c.get(path), "completed")
    assert_dead(org.client().get(path), "completed")
    assert_dead(c.post(path, data={**send, "csrf": token}), "completed")


def test_cancelled_task_link_is_dead(org, tapi, db):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    r = tapi.post(f"tasks/{task['id']}/cancel")
    assert r.status_code == 200, r.text
    c = org.client()
    assert_dead(c.get(path), "cancelled")
    assert_dead(c.post(path, data={"option": "Yes", "csrf": "x"}), "cancelled")
    assert db.value("SELECT state FROM task WHERE org_id = %s AND id = %s", (org.id, task["id"])) == "cancelled"


def test_expired_link_is_dead(org, tapi, db):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    c = org.client()
    _, token = open_form(c, path)
    db.run("UPDATE completion_link SET expires_at = now() - interval '1 minute' WHERE org_id = %s AND task_id = %s",
           (org.id, task["id"]))
    before = state(db, org.id, task["id"])
    assert_dead(c.get(path), "expired")
    assert_dead(c.post(path, data={"option": "Yes", "csrf": token}), "expired")
    assert state(db, org.id, task["id"]) == before


def test_forged_token_and_another_orgs_host_are_404(org, tapi, db, new_org):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    token = path.split("/c/", 1)[1]
    last = "A" if token[-1] != "A" else "B"
    c = org.client()
    for bad in (path[:-1] + last, "/c/" + token.replace(".", ".x", 1), "/c/nonsense", "/c/" + "A" * 200):
        r = c.get(bad)
        assert r.status_code == 404, f"{bad}: {r.status_code}"
        assert "This link is not valid" in r.text
        assert c.post(bad, data={"option": "Yes"}).status_code == 404
    other = new_org()
    before = state(db, org.id, task["id"])
    oc = other.client()
    r = oc.get(path)
    assert r.status_code == 404 and task["title"] not in r.text
    assert oc.post(path, data={"option": "Yes", "csrf": "x"}).status_code == 404
    assert state(db, org.id, task["id"]) == before
    assert org.client().get(path).status_code == 200  # still alive for its own org


# (type, what is sent, the message shown next to the field, what the re-rendered page keeps or None)
BAD = [
    ("form", {"f_age": "", "f_nick": "Annie", "f_agree": "yes"}, "Age is required.", 'value="Annie"'),
    ("form", {"f_age": "12", "f_colour": "Green", "f_agree": "yes"}, "Colour: choose one of the options given.",
     'value="12"'),
    ("form", {"f_age": "12", "f_story": "kept <b>text</b>"}, "I agree must be ticked.",
     ">kept &lt;b&gt;text&lt;/b&gt;</textarea>"),
    ("single_select", {"option": "Maybe"}, "Choose one of the options given.", None),
    ("standard", {"resolution": "x" * 10001}, "Resolution is too long (at most 10000 characters).", None),
    ("signature", {"full_name": "Ann Example"}, "Tick the box to confirm that you agree to sign.",
     'value="Ann Example"'),
    ("approval", {"decision": "reject"}, "Say why you reject it.", 'value="reject" checked'),
]


@pytest.mark.parametrize("type_,send,message,kept", BAD)
def test_bad_answers_are_refused_and_change_nothing(org, tapi, db, type_, send, message, kept):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact, type_)
    c = org.client()
    _, token = open_form(c, path)
    before = state(db, org.id, task["id"])
    r = c.post(path, data={**send, "csrf": token})
    assert r.status_code == 422, f"{r.status_code}: {r.text[:500]}"
    assert message in r.text
    assert 'aria-invalid="true"' in r.text
    assert cookie_set(r, SESSION_COOKIE) is None
    if kept:  # the person's values are kept
        assert kept in r.text
    assert state(db, org.id, task["id"]) == before


def test_missing_or_wrong_csrf_is_refused(org, tapi, db):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    c = org.client()
    _, token = open_form(c, path)
    before = state(db, org.id, task["id"])
    assert c.post(path, data={"option": "Yes"}).status_code == 403
    assert c.post(path, data={"option": "Yes", "csrf": token[:-1] + "x"}).status_code == 403
    assert org.client().post(path, data={"option": "Yes", "csrf": token}).status_code == 403  # no pre-session cookie
    assert state(db, org.id, task["id"]) == before


def test_sixteen_simultaneous_submits_complete_once(org, tapi, db):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    c = org.client()
    _, token = open_form(c, path)
    pre = c.cookie(PRE_COOKIE)

    def submit(_):
        return raw_request("POST", org.host, path, cookies={PRE_COOKIE: pre}, data={"option": "Yes", "csrf": token})

    with concurrent.futures.ThreadPoolExecutor(16) as ex:
        results = list(ex.map(submit, range(16)))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [303] + [410] * 15, statuses
    for r in results:
        if r.status_code == 410:
            assert "because the task was completed" in r.text
    assert db.value("SELECT count(*) FROM task_event WHERE org_id = %s AND task_id = %s AND kind = 'completed'",
                    (org.id, task["id"])) == 1
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'task.complete' AND object_id = %s",
                    (org.id, task["id"])) == 1
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND contact_id = %s",
                    (org.id, contact["id"])) == 1


def test_one_time_visit_ends_after_fifteen_idle_minutes(org, tapi, db):
    contact = one_time_contact(tapi)
    task, path = assign_with_link(tapi, contact)
    c = org.client()
    _, token = open_form(c, path)
    assert_redirect(c.post(path, data={"option": "Yes", "csrf": token}), "/files")
    assert c.get("/files").status_code == 200
    row = db.one("SELECT extract(epoch FROM idle_timeout), extract(epoch FROM expires_at - created_at) FROM session "
                 "WHERE org_id = %s AND contact_id = %s", (org.id, contact["id"]))
    assert (int(row[0]), round(float(row[1]))) == (15 * 60, 2 * 3600)
    db.run("UPDATE session SET last_seen_at = now() - interval '16 minutes' WHERE org_id = %s AND contact_id = %s",
           (org.id, contact["id"]))
    assert_redirect(c.get("/files"), "/login")
    assert_dead(c.get(path), "completed")
