"""Staff API for onboarding and e-mail (issue 3), through the real mailer and SMTP server: a contact's
account with its invitation e-mail and onboarding state, resending and suspending, external assignee
seats, the outbox (filters, one row with its attempts, retry of a dead row) and the e-mail templates
(validation, per-org overrides, back to the shipped default), each behind its key permission."""
import concurrent.futures
import time
import urllib.parse

import pytest

from conftest import assert_api_error, assert_redirect, create_apikey, csrf_from, uniq
from mail_files import mail_to, wait_for_mail

PERMISSIONS = "contacts,outbox,templates"
DEFAULT_INVITE_SUBJECT = "portal account"  # templates/mail/account_invite/subject.tpl: "Your {{ORG_NAME}} portal account"
ONBOARDING = {"invited_at", "link_purpose", "link_sent", "link_expires_at", "link_used_at", "link_revoked_at",
              "activated"}
ACCOUNT = {"id", "contact_id", "username", "state", "external_assignee", "must_change_password", "created_at",
           "last_login_at", "onboarding"}
OUTBOX_ROW = {"id", "folder", "to_email", "to_name", "contact_id", "subject", "state", "attempts", "next_attempt_at",
              "last_error", "created_at", "sent_at"}


@pytest.fixture(scope="module")
def mail_api(org):
    return org.api(create_apikey(org, PERMISSIONS))


def new_contact(api, **over) -> dict:
    body = {"kind": "candidate", "email": f"{uniq('inv')}@example.test", "name": "Ada Lovelace"}
    body.update(over)
    return api.create("contacts", body)


def create_account(api, contact, body=None) -> dict:
    r = api.post(f"contacts/{contact['id']}/account", body)
    assert r.status_code == 201, f"POST account: {r.status_code} {r.text[:500]}"
    assert r.headers.get("Location") == f"/api/v1/contacts/{contact['id']}/account"
    return r.json()


def account_of(api, contact) -> dict:
    return api.read(f"contacts/{contact['id']}/account")


def link_path(mail) -> str:
    return urllib.parse.urlsplit(mail.link("/password/set/")).path


def set_password(client, path, password):
    r = client.get(path)
    assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:500]}"
    return client.post(path, data={"csrf": csrf_from(r.text), "new_password": password})


def eventually(fetch, done, timeout=15.0, what="the condition"):
    """fetch() until done(value); the last value. The mailer marks a row sent just after the SMTP server
    has saved it, so the database can trail the .eml file by a moment."""
    deadline = time.monotonic() + timeout
    while True:
        value = fetch()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout}s: {value}")
        time.sleep(0.1)


def sent_onboarding(api, contact) -> dict:
    return eventually(lambda: account_of(api, contact),
                      lambda a: (a["onboarding"]["link_sent"] or {}).get("state") == "sent",
                      what="the invitation was sent")


def invited_and_mailed(api, contact, count=1):
    """Creates the account and waits for its invitation; the account JSON and the last mail."""
    acc = create_account(api, contact)
    mails = wait_for_mail(contact["email"], count)
    return acc, mails[-1]


def activate(org, path) -> "Client":
    c = org.client()
    assert_redirect(set_password(c, path, "amber lantern orchard ninety"), "/")
    return c


def make_dead_row(db, org, api):
    """A queued invitation moved to dead before the mailer took it (the mailer polls about once a second;
    if it was quicker, try again with another contact). The contact and the row id."""
    for _ in range(10):
        c = new_contact(api)
        create_account(api, c)
        rows = db.all("UPDATE outbox SET state = 'dead', last_error = 'made dead by the test', lease_until = NULL "
                      "WHERE org_id = %s AND contact_id = %s AND state = 'pending' RETURNING id", (org.id, c["id"]))
        if rows:
            return c, rows[0][0]
    pytest.fail("the mailer always sent the row before the test could make it dead")


# ----------------------------------------------------------------------------------- accounts and invitations

def test_account_is_invited_with_a_welcome_link(org, mail_api, db):
    email = f"{uniq('Ada.')}@Example.TEST"
    c = new_contact(mail_api, email=email, name="Ada Lovelace")
    acc = create_account(mail_api, c)
    assert set(acc) == ACCOUNT, sorted(acc)
    assert set(acc["onboarding"]) == ONBOARDING, sorted(acc["onboarding"])
    assert acc["contact_id"] == c["id"] and acc["state"] == "invited"
    assert acc["username"] == email.lower()
    assert acc["external_assignee"] is False and acc["must_change_password"] is False
    assert acc["last_login_at"] is None
    ob = acc["onboarding"]
    assert ob["activated"] is False and ob["link_used_at"] is None and ob["link_purpose"] == "welcome"
    assert ob["invited_at"] and ob["link_expires_at"] > ob["invited_at"]
    assert ob["link_sent"]["state"] in ("pending", "sending", "sent")
    assert db.one("SELECT state, password_hash FROM account WHERE org_id = %s AND id = %s",
                  (org.id, acc["id"])) == ("invited", None)
    # Seven days, by the database's clock.
    days = db.value("SELECT extract(epoch FROM expires_at - created_at) / 86400 FROM password_link "
                    "WHERE org_id = %s AND account_id = %s", (org.id, acc["id"]))
    assert round(days) == 7
    assert mail_api.read(f"contacts/{c['id']}")["has_account"] is True
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'account.create' "
                    "AND object_id = %s AND actor_type = 'staff_key'", (org.id, acc["id"])) == 1

    m = wait_for_mail(email)[-1]
    assert len(mail_to(email)) == 1
    assert DEFAULT_INVITE_SUBJECT in m.subject
    assert email.lower() in m.text and "Ada Lovelace" in m.text
    path = link_path(m)
    assert m.link("/password/set/").startswith(f"https://{org.host}/password/set/")
    assert f'href="https://{org.host}{path}"' in m.html

    got = sent_onboarding(mail_api, c)
    sent = got["onboarding"]["link_sent"]
    assert sent["outbox_id"] == ob["link_sent"]["outbox_id"]
    assert sent["sent_at"] and sent["last_error"] is None
    assert got["state"] == "invited" and got["onboarding"]["activated"] is False
    row = mail_api.read(f"outbox/{sent['outbox_id']}")
    assert row["folder"] == "account_invite" and row["contact_id"] == c["id"] and row["to_email"] == email


def test_setting_the_password_activates_and_signs_in(org, mail_api, db):
    c = new_contact(mail_api)
    acc, m = invited_and_mailed(mail_api, c)
    assert org.client().login(acc["username"], "anything at all here").status_code == 401  # invited: no sign-in
    path = link_path(m)
    client = activate(org, path)
    assert client.get("/").status_code == 200
    got = account_of(mail_api, c)
    assert got["state"] == "active"
    ob = got["onboarding"]
    assert ob["activated"] is True and ob["link_used_at"] and got["last_login_at"]
    assert org.client().get(path).status_code == 410
    org.client().login_ok(acc["username"], "amber lantern orchard ninety")
    # Active: a new invitation is refused; forgotten passwords are the way from here.
    err = assert_api_error(mail_api.post(f"contacts/{c['id']}/account/invite"), 409, "conflict")
    assert "active" in err["message"]


def test_resend_kills_the_old_link_and_the_new_one_works(org, mail_api, db):
    c = new_contact(mail_api)
    acc, first = invited_and_mailed(mail_api, c)
    old_path = link_path(first)
    r = mail_api.post(f"contacts/{c['id']}/account/invite")
    assert r.status_code == 200, r.text[:500]
    again = r.json()
    assert again["state"] == "invited"
    assert again["onboarding"]["link_sent"]["outbox_id"] != acc["onboarding"]["link_sent"]["outbox_id"]
    second = wait_for_mail(c["email"], 2)[-1]
    new_path = link_path(second)
    assert new_path != old_path
    dead = org.client().get(old_path)
    assert dead.status_code == 410 and "replaced" in dead.text
    activate(org, new_path)
    assert account_of(mail_api, c)["state"] == "active"
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'account.invite' "
                    "AND object_id = %s", (org.id, acc["id"])) == 1
    # A resend takes no body.
    assert_api_error(mail_api.post(f"contacts/{c['id']}/account/invite", {"to": "x@example.test"}), 422)


def test_duplicate_account_or_username_is_409(org, mail_api, db):
    c = new_contact(mail_api)
    acc = create_account(mail_api, c, {"username": "Dup-" + uniq()})
    other = new_contact(mail_api)
    before = db.snapshot(org.id)
    outbox_before = db.count("outbox", org.id)
    err = assert_api_error(mail_api.post(f"contacts/{c['id']}/account", {}), 409, "conflict")
    assert "already has an account" in err["message"]
    err = assert_api_error(mail_api.post(f"contacts/{other['id']}/account", {"username": acc["username"].upper()}),
                           409, "conflict")
    assert "username" in err.get("fields", {}), err
    assert db.snapshot(org.id) == before and db.count("outbox", org.id) == outbox_before
    # The default username (the e-mail, lower-cased) is taken too when another contact has the address.
    create_account(mail_api, new_contact(mail_api, email=other["email"]))
    twin = new_contact(mail_api, email=other["email"].upper())
    before = db.snapshot(org.id)
    outbox_before = db.count("outbox", org.id)
    err = assert_api_error(mail_api.post(f"contacts/{twin['id']}/account"), 409, "conflict")
    assert other["email"].lower() in err["message"]
    assert db.snapshot(org.id) == before
    assert db.count("outbox", org.id) == outbox_before
    assert create_account(mail_api, twin, {"username": uniq("twin-")})["state"] == "invited"


def test_refusals_of_account_creation(org, mail_api, db, new_org):
    inactive = new_contact(mail_api, status="inactive")
    c = new_contact(mail_api)
    before = db.snapshot(org.id)
    err = assert_api_error(mail_api.post(f"contacts/{inactive['id']}/account"), 422, "validation_failed")
    assert "inactive" in err["message"]
    assert_api_error(mail_api.post("contacts/999999999/account"), 404, "not_found")
    for body in ({"username": ""}, {"username": 5}, {"external_assignee": "yes"}, {"state": "active"},
                 {"password": "hunter2hunter2"}):
        assert_api_error(mail_api.post(f"contacts/{c['id']}/account", body), 422, "validation_failed")
    assert_api_error(mail_api.post(f"contacts/{c['id']}/account", data="{",
                                   headers={"Content-Type": "application/json"}), 400)
    assert_api_error(mail_api.post(f"contacts/{c['id']}/account", data="username=x",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"}), 415)
    assert db.snapshot(org.id) == before
    assert_api_error(mail_api.get(f"contacts/{c['id']}/account"), 404, "not_found")
    assert_api_error(mail_api.post(f"contacts/{c['id']}/account/invite"), 404, "not_found")
    assert_api_error(mail_api.patch(f"contacts/{c['id']}/account", {"state": "suspended"}), 404, "not_found")
    assert_api_error(mail_api.request("DELETE", f"contacts/{c['id']}/account"), 405)
    # Another org's contact is not found.
    other = new_org()
    theirs = other.api(create_apikey(other, PERMISSIONS))
    assert_api_error(theirs.post(f"contacts/{c['id']}/account"), 404)
    assert_api_error(theirs.get(f"contacts/{c['id']}/account"), 404)


def test_external_assignee_seats_are_limited(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o, PERMISSIONS))
    db.run("UPDATE org SET external_assignee_seats = 1 WHERE id = %s", (o.id,))
    a, b = new_contact(api), new_contact(api)
    assert create_account(api, a, {"external_assignee": True})["external_assignee"] is True
    before = db.snapshot(o.id)
    err = assert_api_error(api.post(f"contacts/{b['id']}/account", {"external_assignee": True}), 409, "seat_limit")
    assert "seat" in err["message"]
    assert db.snapshot(o.id) == before
    assert db.value("SELECT count(*) FROM outbox WHERE org_id = %s AND contact_id = %s", (o.id, b["id"])) == 0
    # Without the flag it works; turning it on is refused while the seat is taken.
    create_account(api, b)
    assert_api_error(api.patch(f"contacts/{b['id']}/account", {"external_assignee": True}), 409, "seat_limit")
    assert api.patch(f"contacts/{a['id']}/account", {"external_assignee": False}).json()["external_assignee"] is False
    r = api.patch(f"contacts/{b['id']}/account", {"external_assignee": True})
    assert r.status_code == 200 and r.json()["external_assignee"] is True
    assert db.value("SELECT count(*) FROM account WHERE org_id = %s AND external_assignee", (o.id,)) == 1
    # Setting what is already set needs no seat.
    assert api.patch(f"contacts/{b['id']}/account", {"external_assignee": True}).status_code == 200


def test_seats_hold_under_concurrent_requests(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o, PERMISSIONS))
    db.run("UPDATE org SET external_assignee_seats = 2 WHERE id = %s", (o.id,))
    contacts = [new_contact(api) for _ in range(8)]
    with concurrent.futures.ThreadPoolExecutor(len(contacts)) as ex:
        results = list(ex.map(lambda c: o.api(api.key).post(f"contacts/{c['id']}/account",
                                                            {"external_assignee": True}), contacts))
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 201] + [409] * 6, codes
    assert all(r.json()["error"]["code"] == "seat_limit" for r in results if r.status_code == 409)
    assert db.value("SELECT count(*) FROM account WHERE org_id = %s AND external_assignee", (o.id,)) == 2


def test_suspending_ends_sessions_and_links(org, mail_api, db):
    c = new_contact(mail_api)
    acc, m = invited_and_mailed(mail_api, c)
    signed_in = activate(org, link_path(m))
    other = org.client()
    other.login_ok(acc["username"], "amber lantern orchard ninety")
    r = mail_api.patch(f"contacts/{c['id']}/account", {"state": "suspended"})
    assert r.status_code == 200 and r.json()["state"] == "suspended"
    assert db.value("SELECT count(*) FROM session WHERE org_id = %s AND account_id = %s", (org.id, acc["id"])) == 0
    assert not signed_in.signed_in() and not other.signed_in()
    assert org.client().login(acc["username"], "amber lantern orchard ninety").status_code == 401
    assert_api_error(mail_api.post(f"contacts/{c['id']}/account/invite"), 409, "conflict")
    r = mail_api.patch(f"contacts/{c['id']}/account", {"state": "active"})
    assert r.status_code == 200 and r.json()["state"] == "active"
    org.client().login_ok(acc["username"], "amber lantern orchard ninety")
    actions = [a for (a,) in db.all("SELECT detail->>'state' FROM audit_log WHERE org_id = %s "
                                    "AND action = 'account.update' AND object_id = %s ORDER BY id",
                                    (org.id, acc["id"]))]
    assert actions == ["suspended", "active"]


def test_suspending_an_invited_account_kills_its_link(org, mail_api):
    c = new_contact(mail_api)
    _, m = invited_and_mailed(mail_api, c)
    path = link_path(m)
    assert mail_api.patch(f"contacts/{c['id']}/account", {"state": "suspended"}).status_code == 200
    assert org.client().get(path).status_code == 410
    got = account_of(mail_api, c)
    assert got["onboarding"]["link_revoked_at"] and got["onboarding"]["activated"] is False
    # An invited account is activated by its owner, never by staff; unsuspended it is invited again.
    r = mail_api.patch(f"contacts/{c['id']}/account", {"state": "active"})
    assert r.status_code == 200 and r.json()["state"] == "invited"
    assert_api_error(mail_api.patch(f"contacts/{c['id']}/account", {"state": "active"}), 409, "conflict")
    assert_api_error(mail_api.patch(f"contacts/{c['id']}/account", {"state": "invited"}), 422)
    assert mail_api.post(f"contacts/{c['id']}/account/invite").status_code == 200
    activate(org, link_path(wait_for_mail(c["email"], 2)[-1]))


# --------------------------------------------------------------------------------------------------- outbox

def test_outbox_lists_with_filters(org, mail_api):
    a, b = new_contact(mail_api), new_contact(mail_api)
    create_account(mail_api, a)
    create_account(mail_api, b)
    wait_for_mail(a["email"])
    mine = mail_api.list_all("outbox", to=a["email"].upper())
    assert len(mine) == 1 and mine[0]["to_email"] == a["email"]
    row = mine[0]
    assert set(row) == OUTBOX_ROW, sorted(row)  # never the body, not even sealed
    assert row["folder"] == "account_invite" and row["contact_id"] == a["id"] and row["to_name"] == "Ada Lovelace"
    assert [r["id"] for r in mail_api.list_all("outbox", contact_id=b["id"])] == \
        [r["id"] for r in mail_api.list_all("outbox", to=b["email"])]
    eventually(lambda: mail_api.list_all("outbox", to=a["email"], state="sent"), lambda rows: len(rows) == 1,
               what="the row was listed as sent")
    assert mail_api.list_all("outbox", to=a["email"], state="dead") == []
    assert mail_api.list_all("outbox", to=a["email"], folder="password_reset") == []
    assert len(mail_api.list_all("outbox", to=a["email"], folder="account_invite")) == 1
    everything = mail_api.list_all("outbox")
    assert [r["id"] for r in everything] == sorted(r["id"] for r in everything)
    assert {a["email"], b["email"]} <= {r["to_email"] for r in everything}
    page = mail_api.list("outbox", limit=1)
    assert len(page["data"]) == 1 and page["next_after"] == page["data"][0]["id"]
    for params in ({"state": "failed"}, {"folder": "nope"}, {"contact_id": "x"}, {"recipient": "a"}, {"to": ""}):
        assert_api_error(mail_api.get("outbox", params=params), 400, "bad_request")


def test_outbox_row_with_its_attempts(org, mail_api, db):
    c = new_contact(mail_api)
    acc = create_account(mail_api, c)
    wait_for_mail(c["email"])
    oid = acc["onboarding"]["link_sent"]["outbox_id"]
    row = eventually(lambda: mail_api.read(f"outbox/{oid}"), lambda r: r["state"] == "sent", what="sent")
    assert set(row) == OUTBOX_ROW | {"attempts_log"}
    assert row["attempts"] == 1 and row["sent_at"] and row["last_error"] is None
    assert len(row["attempts_log"]) == 1
    attempt = row["attempts_log"][0]
    assert attempt["outcome"] == "sent" and attempt["smtp_code"] == 250 and attempt["at"]
    assert "password/set" not in str(row)
    assert_api_error(mail_api.get("outbox/999999999"), 404, "not_found")
    other = create_apikey(org, PERMISSIONS)  # same org, another key: same rows
    assert org.api(other).read(f"outbox/{oid}")["id"] == oid


def test_a_dead_row_can_be_retried_and_is_then_delivered(org, mail_api, db):
    c, oid = make_dead_row(db, org, mail_api)
    row = mail_api.read(f"outbox/{oid}")
    assert row["state"] == "dead" and row["last_error"] == "made dead by the test"
    assert oid in [r["id"] for r in mail_api.list_all("outbox", state="dead")]
    assert account_of(mail_api, c)["onboarding"]["link_sent"]["state"] == "dead"
    time.sleep(1.5)  # a mailer poll or so: a dead row stays put
    assert mail_to(c["email"]) == []

    r = mail_api.post(f"outbox/{oid}/retry")
    assert r.status_code == 200, r.text[:500]
    retried = r.json()
    assert retried["state"] in ("pending", "sending", "sent") and retried["id"] == oid
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'outbox.retry' "
                    "AND object_id = %s", (org.id, oid)) == 1
    m = wait_for_mail(c["email"])[-1]
    row = eventually(lambda: mail_api.read(f"outbox/{oid}"), lambda x: x["state"] == "sent", what="sent")
    assert row["attempts"] == 1 and row["last_error"] is None
    activate(org, link_path(m))  # the retried invitation's link works
    # Only dead rows: a sent one is 409, an unknown one 404.
    err = assert_api_error(mail_api.post(f"outbox/{oid}/retry"), 409, "conflict")
    assert "sent" in err["message"]
    assert_api_error(mail_api.post("outbox/999999999/retry"), 404)
    assert_api_error(mail_api.get(f"outbox/{oid}/retry"), 405)


# ------------------------------------------------------------------------------------------------ templates

def test_templates_list_and_shipped_default(new_org):
    o = new_org()
    api = o.api(create_apikey(o, PERMISSIONS))
    listed = api.read("templates")["data"]
    folders = [t["folder"] for t in listed]
    for f in ("new_action", "task_notification", "auto_create_portal_user", "document_issued", "password_reset",
              "get_in_touch", "account_invite"):
        assert f in folders
    assert all(t["overridden"] is False and t["updated_at"] is None for t in listed)
    invite = next(t for t in listed if t["folder"] == "account_invite")
    assert {"USERNAME", "SET_PASSWORD_LINK", "CONTACT_NAME"} <= set(invite["tags"])
    assert "PASSWORD" not in invite["tags"]
    t = api.read("templates/account_invite")
    assert t["overridden"] is False and DEFAULT_INVITE_SUBJECT in t["subject"]
    assert "\n" not in t["subject"] and "AUTOESCAPE" not in t["html"]
    assert "{{SET_PASSWORD_LINK}}" in t["text"] and "{{SET_PASSWORD_LINK}}" in t["html"]
    assert_api_error(api.get("templates/no_such_folder"), 404, "not_found")
    assert_api_error(api.request("PUT", "templates/no_such_folder", json={"subject": "s", "text": "t", "html": "h"}),
                     404)
    assert_api_error(api.delete("templates/account_invite"), 404)  # nothing to remove
    # The default, sent back as shown, is a valid override.
    r = api.request("PUT", "templates/account_invite", json={k: t[k] for k in ("subject", "text", "html")})
    assert r.status_code == 200 and r.json()["overridden"] is True


def test_password_tag_outside_auto_create_is_refused(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o, PERMISSIONS))
    body = {"subject": "Welcome", "text": "Your password is {{PASSWORD}}", "html": "<p>Hi</p>"}
    err = assert_api_error(api.request("PUT", "templates/account_invite", json=body), 422, "validation_failed")
    assert "PASSWORD" in err["message"] and "auto_create_portal_user" in err["message"]
    assert "text" in err.get("fields", {})
    err = assert_api_error(api.request("PUT", "templates/account_invite",
                                       json=dict(body, text="Hi {{TASK_TITLE}}")), 422, "validation_failed")
    assert "TASK_TITLE" in err["message"]
    for bad in ({"subject": "s", "text": "t"}, dict(body, subject="two\nlines"), dict(body, html=""),
                dict(body, text="{{#OPEN}}"), dict(body, extra="x")):
        assert_api_error(api.request("PUT", "templates/account_invite", json=bad), 422, "validation_failed")
    assert db.count("mail_template", o.id) == 0
    ok = api.request("PUT", "templates/auto_create_portal_user", json=body)
    assert ok.status_code == 200 and ok.json()["overridden"] is True


def test_override_is_used_and_delete_restores_the_default(new_org, db):
    o = new_org()
    api = o.api(create_apikey(o, PERMISSIONS))
    subject = "Welcome aboard, {{CONTACT_NAME}} " + uniq()
    body = {"subject": subject, "text": "Hello {{CONTACT_NAME}}, you are {{USERNAME}}.\nSet it: {{SET_PASSWORD_LINK}}\n",
            "html": "<p>Hello {{CONTACT_NAME}}</p><p><a href=\"{{SET_PASSWORD_LINK}}\">Set your password</a></p>"}
    r = api.request("PUT", "templates/account_invite", json=body)
    assert r.status_code == 200, r.text[:500]
    saved = r.json()
    assert saved["overridden"] is True and saved["updated_at"]
    assert {k: saved[k] for k in body} == body
    assert api.read("templates/account_invite")["subject"] == subject
    listed = {t["folder"]: t for t in api.read("templates")["data"]}
    assert listed["account_invite"]["overridden"] is True and listed["account_invite"]["updated_at"]
    assert listed["password_reset"]["overridden"] is False
    assert db.value("SELECT count(*) FROM audit_log WHERE org_id = %s AND action = 'template.save' "
                    "AND detail->>'folder' = 'account_invite'", (o.id,)) == 1

    c = new_contact(api, name="Grace Hopper")
    acc = create_account(api, c)
    m = wait_for_mail(c["email"])[-1]
    assert m.subject == subject.replace("{{CONTACT_NAME}}", "Grace Hopper")
    assert f"you are {acc['username']}." in m.text
    link_path(m)

    # Saving again replaces it (the next mail uses the newest version).
    r = api.request("PUT", "templates/account_invite", json=dict(body, subject="Second version {{ORG_NAME}}"))
    assert r.status_code == 200 and r.json()["updated_at"] >= saved["updated_at"]
    c2 = new_contact(api)
    create_account(api, c2)
    assert wait_for_mail(c2["email"])[-1].subject.startswith("Second version Test org")

    r = api.delete("templates/account_invite")
    assert r.status_code == 204 and r.text == ""
    t = api.read("templates/account_invite")
    assert t["overridden"] is False and DEFAULT_INVITE_SUBJECT in t["subject"]
    assert_api_error(api.delete("templates/account_invite"), 404)
    assert db.count("mail_template", o.id) == 0
    c3 = new_contact(api)
    create_account(api, c3)
    assert DEFAULT_INVITE_SUBJECT in wait_for_mail(c3["email"])[-1].subject


# ---------------------------------------------------------------------------------------------- permissions

def test_each_route_needs_its_permission(org, mail_api, db):
    c = new_contact(mail_api)
    acc = create_account(mail_api, c)
    oid = acc["onboarding"]["link_sent"]["outbox_id"]
    contacts_only = org.api(create_apikey(org, "contacts"))
    outbox_only = org.api(create_apikey(org, "outbox"))
    templates_only = org.api(create_apikey(org, "templates"))
    body = {"subject": "s", "text": "t", "html": "h"}

    for api in (outbox_only, templates_only):
        err = assert_api_error(api.get(f"contacts/{c['id']}/account"), 403, "forbidden")
        assert "contacts" in err["message"]
        assert_api_error(api.post(f"contacts/{c['id']}/account/invite"), 403)
        assert_api_error(api.patch(f"contacts/{c['id']}/account", {"state": "suspended"}), 403)
    for api in (contacts_only, templates_only):
        err = assert_api_error(api.get("outbox"), 403, "forbidden")
        assert "outbox" in err["message"]
        assert_api_error(api.get(f"outbox/{oid}"), 403)
        assert_api_error(api.post(f"outbox/{oid}/retry"), 403)
    for api in (contacts_only, outbox_only):
        err = assert_api_error(api.get("templates"), 403, "forbidden")
        assert "templates" in err["message"]
        assert_api_error(api.get("templates/account_invite"), 403)
        assert_api_error(api.request("PUT", "templates/account_invite", json=body), 403)
        assert_api_error(api.delete("templates/account_invite"), 403)
    assert db.count("mail_template", org.id) == 0
    assert account_of(mail_api, c)["state"] == "invited"
    # Each key does what its permission covers.
    assert contacts_only.read(f"contacts/{c['id']}/account")["id"] == acc["id"]
    assert outbox_only.read(f"outbox/{oid}")["id"] == oid
    assert templates_only.read("templates/account_invite")["folder"] == "account_invite"
    # No key at all: 401.
    assert_api_error(org.api(None).get("outbox"), 401)
    assert_api_error(org.api(None).get("templates"), 401)


def test_openapi_document_covers_the_mail_routes(org):
    doc = org.api(None).read("/api/v1/openapi.json")
    paths = doc["paths"]
    want = {"/contacts/{id}/account": {"get", "post", "patch"}, "/contacts/{id}/account/invite": {"post"},
            "/outbox": {"get"}, "/outbox/{id}": {"get"}, "/outbox/{id}/retry": {"post"},
            "/templates": {"get"}, "/templates/{folder}": {"get", "put", "delete"}}
    for p, methods in want.items():
        assert p in paths, f"OpenAPI lacks {p}"
        assert methods <= set(paths[p]), f"OpenAPI {p} lacks {methods - set(paths[p])}"
