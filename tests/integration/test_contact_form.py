"""Get in touch (issue 5, SPEC §6): /contact from a full account or a one-time visit, e-mailed to the org's
contact_email with the sender's name, e-mail and exactly the identifier fields their groups name, kept for
staff in /api/v1/messages; length limits, CR/LF in the subject, a honeypot field and a per-person rate limit."""
import time

import pytest

from conftest import create_apikey, csrf_from, uniq
from mail_files import mail_to
from test_complete import assign_with_link, one_time_contact


@pytest.fixture(scope="module")
def mapi(org):
    return org.api(create_apikey(org, "contacts,tasks,documents"))


def office(org) -> str:
    return f"office@{org.host}"  # conftest.create_org's --contact-email


def send(c, subject, message, token=None, **extra):
    token = token if token is not None else c.csrf("/contact")
    return c.post("/contact", data={"csrf": token, "subject": subject, "message": message, **extra})


def wait_for_subject(address, subject, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mail_to(address) if subject in m.subject]
        if found or time.monotonic() > deadline:
            assert len(found) == 1, f"{len(found)} messages about {subject!r} to {address}"
            return found
        time.sleep(0.1)


def messages_of(db, org_id, contact_id):
    return db.all("SELECT subject, body, visit FROM message WHERE org_id = %s AND contact_id = %s ORDER BY id",
                  (org_id, contact_id))


def test_message_carries_exactly_the_configured_identifier_fields(org, db, make_account, mapi):
    acc = make_account()
    r = mapi.patch(f"contacts/{acc.contact_id}",
                   {"identifiers": {"employee_no": "E-1203", "site": "Leeds", "salary_band": "SECRET-7"}})
    assert r.status_code == 200, r.text
    g1 = mapi.create("groups", {"kind": "target_group", "name": uniq("g "), "identifier_fields": ["employee_no"]})
    g2 = mapi.create("groups", {"kind": "workgroup", "name": uniq("w "), "identifier_fields": ["site", "employee_no",
                                                                                               "desk"]})
    for g in (g1, g2):
        assert mapi.post(f"groups/{g['id']}/members", {"contact_id": acc.contact_id}).status_code == 201

    c = acc.signed_in_client()
    page = c.get("/contact")
    assert page.status_code == 200 and 'name="subject"' in page.text and 'name="website"' in page.text
    subject = uniq("Broken boiler ")
    r = send(c, subject, "The boiler at the Leeds site is broken.\nPlease send someone.")
    assert r.status_code == 303 and r.headers["Location"].endswith("/contact?sent=1"), r.text[:500]
    assert "your message has been sent" in c.get("/contact?sent=1").text

    mail = wait_for_subject(office(org), subject)
    text = mail[0].text
    assert acc.name in text and acc.email in text and "The boiler at the Leeds site is broken." in text
    lines = [ln.strip() for ln in text.splitlines()]
    idents = [ln for ln in lines if ln.split(":")[0] in ("employee_no", "site", "desk", "salary_band")]
    assert idents == ["employee_no: E-1203", "site: Leeds", "desk:"], text
    assert "SECRET-7" not in text and "SECRET-7" not in mail[0].html

    msgs = mapi.list("messages", contact_id=acc.contact_id)["data"]
    assert len(msgs) == 1 and msgs[0]["subject"] == subject and msgs[0]["visit"] == "full"
    assert msgs[0]["to_email"] == office(org) and msgs[0]["outbox_id"]
    assert mapi.read(f"messages/{msgs[0]['id']}")["message"].startswith("The boiler")


def test_bad_messages_are_refused_and_nothing_is_sent(org, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    token = c.csrf("/contact")
    before = len(mail_to(office(org)))
    crlf = send(c, "Hello\r\nBcc: victim@example.test", "body", token)
    assert crlf.status_code == 422 and "Subject" in crlf.text
    assert send(c, "", "body", token).status_code == 422
    assert send(c, "Subject", "", token).status_code == 422
    assert send(c, "s" * 201, "body", token).status_code == 422
    too_long = send(c, "Subject", "m" * 5001, token)
    assert too_long.status_code == 422 and "m" * 100 in too_long.text  # kept for the person to shorten
    bot = send(c, "Cheap pills", "Buy now", token, website="http://spam.example")
    assert bot.status_code == 400 and "not sent" in bot.text
    assert send(c, "Subject", "body", "forged").status_code == 403
    assert messages_of(db, org.id, acc.contact_id) == []
    assert len(mail_to(office(org))) == before
    assert db.contains_text("victim@example.test") == []


def test_rate_limit_per_person(org, db, make_account):
    acc, other = make_account(), make_account()
    c = acc.signed_in_client()
    token = c.csrf("/contact")
    for i in range(5):
        assert send(c, f"Message {i}", "body", token).status_code == 303
    r = send(c, "Message 6", "body", token)
    assert r.status_code == 429 and "Please wait" in r.text and r.headers.get("Retry-After")
    assert len(messages_of(db, org.id, acc.contact_id)) == 5
    # Someone else is not held back by it.
    assert send(other.signed_in_client(), "Mine", "body").status_code == 303


def test_one_time_visit_can_get_in_touch(org, db, mapi):
    contact = one_time_contact(mapi)
    _, path = assign_with_link(mapi, contact)
    c = org.client()
    token = csrf_from(c.get(path).text)
    assert c.post(path, data={"option": "Yes", "csrf": token}).status_code == 303
    assert send(c, "After my task", "One more thing.").status_code == 303
    assert messages_of(db, org.id, contact["id"]) == [("After my task", "One more thing.", "one_time")]
    signed_out = org.client()
    r = signed_out.post("/contact", data={"subject": "x", "message": "y"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/login")
