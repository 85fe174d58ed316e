"""Forgotten password and set-password links, through the real mailer and SMTP server (SPEC §3.3)."""
import concurrent.futures
import time
import urllib.parse

from conftest import assert_redirect, csrf_from
from mail_files import mail_to, wait_for_mail

SENT = "If an account with that username exists, we have sent a link"


def ask_reset(client, username):
    token = client.csrf("/password/forgot")
    return client.post("/password/forgot", data={"csrf": token, "username": username})


def link_path(mail) -> str:
    return urllib.parse.urlsplit(mail.link("/password/set/")).path


def reset_link(org, account) -> str:
    before = len(mail_to(account.email))
    assert ask_reset(org.client(), account.username).status_code == 200
    return link_path(wait_for_mail(account.email, before + 1)[-1])


def set_password(client, path, password):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    return client.post(path, data={"csrf": csrf_from(r.text), "new_password": password})


def test_same_answer_for_known_and_unknown_names(org, account, db):
    c = org.client()
    known = ask_reset(c, account.username)
    unknown = ask_reset(c, "nobody-" + account.username)
    assert known.status_code == unknown.status_code == 200
    assert SENT in known.text
    assert known.text == unknown.text  # same pre-session, so even the CSRF token is the same
    mails = wait_for_mail(account.email)
    assert len(mails) == 1
    assert not mail_to("nobody-" + account.email)


def test_reset_mail_is_proper_mime_with_a_stable_message_id(org, account, db):
    path = reset_link(org, account)
    m = mail_to(account.email)[-1]
    assert m.msg["Message-ID"].startswith("<outbox.") and m.msg["Message-ID"].endswith(f"@{org.host}>")
    assert account.email in m.msg["To"]
    assert "Reset your" in m.subject
    assert m.msg.get_content_type() == "multipart/alternative"
    assert path.startswith("/password/set/v1.")
    assert f'href="https://{org.host}{path}"' in m.html
    # The secret never sits in the database in clear: the body was sealed, and is gone once sent.
    token = path.rsplit("/", 1)[1]
    assert db.contains_text(token) == []
    assert db.contains_text(token.split(".")[2]) == []
    row = db.one("SELECT state, sealed_body IS NULL FROM outbox WHERE org_id = %s AND to_email = %s "
                 "ORDER BY id DESC LIMIT 1", (org.id, account.email))
    assert row == ("sent", True)


def test_link_sets_password_once_and_signs_in(org, account, db):
    path = reset_link(org, account)
    c = org.client()
    weak = set_password(c, path, "password1234")
    assert weak.status_code == 422
    r = set_password(c, path, "blue kettle river forty two")
    assert_redirect(r, "/")
    assert c.get("/").status_code == 200  # signed in by the link
    again = org.client().get(path)
    assert again.status_code == 410 and "already been used" in again.text
    assert org.client().login(account.username, account.password).status_code == 401
    org.client().login_ok(account.username, "blue kettle river forty two")


def test_reset_ends_other_sessions(org, account):
    other = account.signed_in_client()
    path = reset_link(org, account)
    assert_redirect(set_password(org.client(), path, "violet harbour engine seventy"), "/")
    assert not other.signed_in()


def test_sixteen_simultaneous_submits_succeed_once(org, account, db):
    path = reset_link(org, account)
    clients = [org.client() for _ in range(16)]
    tokens = [csrf_from(c.get(path).text) for c in clients]

    def submit(i):
        return clients[i].post(path, data={"csrf": tokens[i], "new_password": f"copper lantern meadow {i} times"})

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(submit, range(16)))
    statuses = sorted(r.status_code for r in results)
    assert statuses.count(303) == 1, statuses
    assert statuses.count(410) == 15, statuses
    assert db.value("SELECT count(*) FROM password_link WHERE org_id = %s AND account_id = %s AND used_at IS NOT NULL",
                    (org.id, account.id)) == 1


def test_expired_replaced_and_forged_links(org, account, db):
    first = reset_link(org, account)
    second = reset_link(org, account)
    r = org.client().get(first)
    assert r.status_code == 410 and "replaced" in r.text
    db.run("UPDATE password_link SET expires_at = now() - interval '1 minute' WHERE org_id = %s AND account_id = %s "
           "AND used_at IS NULL AND revoked_at IS NULL", (org.id, account.id))
    r = org.client().get(second)
    assert r.status_code == 410 and "expired" in r.text
    assert "/password/forgot" in r.text  # offers a new one
    forged = second[:-3] + ("AAA" if not second.endswith("AAA") else "BBB")
    assert org.client().get(forged).status_code == 404
    assert org.client().get("/password/set/not-a-token").status_code == 404


def test_link_of_one_org_is_unknown_at_another(org, account, new_org):
    path = reset_link(org, account)
    assert new_org().client().get(path).status_code == 404


def test_reset_mails_are_rate_limited_per_account(org, account):
    c = org.client()
    for _ in range(5):
        assert ask_reset(c, account.username).status_code == 200
    wait_for_mail(account.email, 3)
    time.sleep(1.5)
    assert len(mail_to(account.email)) == 3
