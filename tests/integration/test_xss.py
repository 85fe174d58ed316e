"""Stored XSS (issue 9): hostile text saved through every text input that reaches a page or an e-mail —
org and person names, group names, task titles, instructions, options, field labels, documents to sign,
answers — is shown as text everywhere: never as markup, never executed. No page carries a script at all."""
import re
import urllib.parse

import pytest

from conftest import admin, create_apikey, csrf_from, uniq
from mail_files import mail_to, wait_for_mail

PAYLOADS = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg/onload=alert(3)>",
    "</textarea><script>alert(4)</script>",
    "</title><iframe src=javascript:alert(5)>",
    "{{CONTACT_NAME}}{{#X}}{{/X}}",
    "<a href=\"javascript:alert(6)\">x</a>",
]
HOSTILE = " ".join(PAYLOADS)[:190]  # fits every 200-character field
NAME = "{{CONTACT_NAME}} <script>alert(1)</script> \"><img src=x onerror=alert(2)>"  # names: 150 at most
RAW = ("<script", "<img", "<svg", "<iframe", "href=\"javascript")


def assert_inert(html: str, where: str):
    for tag in RAW:
        assert tag not in html.lower(), f"{where}: raw {tag} in the page"


@pytest.fixture(scope="module")
def hostile_world(db):
    slug = uniq("x")
    host = f"{slug}.test"
    admin("org", "create", "--slug", slug, "--name", NAME, "--base-url", f"https://{host}")
    admin("org", "host", "add", "--org", slug, "--host", host)
    org_id = db.value("SELECT id FROM org WHERE slug = %s", (slug,))
    username = uniq("xss")
    password = "correct horse battery staple 42!"
    admin("account", "create", "--org", slug, "--email", f"{username}@example.test", "--name", NAME,
          "--username", username, "--external-assignee", stdin=password + "\n")
    contact_id = db.value("SELECT contact_id FROM account WHERE org_id = %s AND username = %s", (org_id, username))
    from conftest import Org
    org = Org(slug, host, org_id)
    api = org.api(create_apikey(org, "contacts,tasks"))
    group = api.create("groups", {"kind": "workgroup", "name": NAME})
    assert api.post(f"groups/{group['id']}/members", {"contact_id": contact_id}).status_code == 201
    return org, api, username, password, contact_id, group


def test_names_titles_and_task_texts_are_shown_as_text(hostile_world):
    org, api, username, password, contact_id, group = hostile_world
    specs = {
        "single_select": {"options": [p[:200] for p in PAYLOADS[:4]]},
        "form": {"fields": [{"name": "a", "label": HOSTILE, "type": "select", "options": PAYLOADS[:3]},
                            {"name": "b", "label": PAYLOADS[3], "type": "textarea"}]},
        "signature": {"document_title": HOSTILE, "document_text": "\n\n".join(PAYLOADS)},
        "standard": {},
        "approval": {},
    }
    ids = {}
    for type_, spec in specs.items():
        for who in ({"contact_id": contact_id}, {"group_id": group["id"]}):
            r = api.post("tasks", {"type": type_, "title": HOSTILE, "instructions": "\n\n".join(PAYLOADS),
                                   "spec": spec, **who})
            assert r.status_code == 201, r.text
            ids.setdefault(type_, r.json()["id"])
    c = org.client()
    c.login_ok(username, password)
    for path in ["/", "/approvals", "/history", "/tasks?list=new", "/tasks?list=opened", "/account", "/files"] + \
                [f"/tasks/{i}" for i in ids.values()]:
        r = c.get(path)
        assert r.status_code == 200, f"{path}: {r.status_code}"
        assert_inert(r.text, path)
        assert "&lt;script&gt;" in r.text or path in ("/history", "/files", "/account"), f"{path}: payload not shown"

    # Answers are shown back as text too: an answer full of markup, then its page.
    t = ids["standard"]
    page = c.get(f"/tasks/{t}")
    r = c.post(f"/tasks/{t}", data={"resolution": "\n".join(PAYLOADS), "activity_note": HOSTILE,
                                    "csrf": csrf_from(page.text)})
    assert r.status_code == 303, r.text[:300]
    shown = c.get(f"/tasks/{t}").text
    assert_inert(shown, "answered task")
    assert "&lt;/textarea&gt;&lt;script&gt;" in shown
    # A refused answer echoes what was typed, escaped, inside its textarea.
    t = ids["form"]
    page = c.get(f"/tasks/{t}")
    r = c.post(f"/tasks/{t}", data={"f_a": PAYLOADS[4], "f_b": PAYLOADS[3], "csrf": csrf_from(page.text)})
    assert r.status_code == 422
    assert_inert(r.text, "refused answer")
    assert "&lt;/textarea&gt;&lt;script&gt;alert(4)&lt;/script&gt;</textarea>" in r.text


def test_one_time_pages_and_e_mails_show_hostile_text_as_text(hostile_world, db):
    org, api, *_ = hostile_world
    g = api.create("groups", {"kind": "target_group", "name": uniq("once "), "auth_mode": "one_time"})
    email = f"{uniq('xo')}@example.test"
    c = api.create("contacts", {"kind": "target", "email": email, "name": NAME})
    assert api.post(f"groups/{g['id']}/members", {"contact_id": c["id"]}).status_code == 201
    r = api.post("tasks", {"type": "signature", "title": HOSTILE, "instructions": "\n\n".join(PAYLOADS),
                           "spec": {"document_title": HOSTILE, "document_text": "\n\n".join(PAYLOADS)},
                           "contact_id": c["id"]})
    assert r.status_code == 201, r.text
    wait_for_mail(email, 1)
    mail = mail_to(email)[-1]
    for tag in RAW:
        assert tag not in mail.html.lower(), f"e-mail HTML holds raw {tag}"
    assert "&lt;script&gt;" in mail.html
    # A merge tag inside a value is text, not expanded again.
    assert "{{CONTACT_NAME}}" in mail.text
    path = urllib.parse.urlsplit(mail.link("/c/")).path
    page = org.client().get(path)
    assert page.status_code == 200
    assert_inert(page.text, "one-time link page")
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", page.text)
