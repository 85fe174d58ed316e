"""Documents (issue 5, SPEC §5): Send us Stuff (/upload), Your Files and Documents (/files), issued documents
with personal view links (/d/{token}), the view ledger, signed evidence of signature tasks, and the staff API
(/api/v1/documents). Seed 003's forum thread is the bar: every open of a document by every contact, by every
route, is recorded."""
import hashlib
import os
import socket
import ssl
import time
import urllib.parse

import pytest

from conftest import assert_api_error, base_url, create_account, create_apikey, uniq
from mail_files import mail_to, wait_for_mail
from test_complete import assign_with_link, one_time_contact

MiB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
TEXT = "Meter reading: 4711\nNothing else to report.\n".encode()
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body>hi</body></html>\n"


@pytest.fixture(scope="module")
def dapi(org):
    return org.api(create_apikey(org, "contacts,tasks,documents"))


def upload(c, files, note=None, token=None):
    """POST /upload with the form's csrf; files: [(name, bytes, content type sent)]."""
    data = {"csrf": token if token is not None else c.csrf("/upload")}
    if note is not None:
        data["note"] = note
    return c.post("/upload", data=data, files=[("files", (n, b, t)) for n, b, t in files], timeout=120)


def docs_of(db, org_id, contact_id):
    return db.all("SELECT id, kind, tab, title, content_type, size_bytes, encode(sha256, 'hex'), note, storage_name "
                  "FROM document WHERE org_id = %s AND contact_id = %s ORDER BY id", (org_id, contact_id))


def stored_bytes(db, org_id, doc_id) -> bytes:
    rows = db.all("SELECT data FROM document_chunk WHERE org_id = %s AND document_id = %s ORDER BY seq",
                  (org_id, doc_id))
    return b"".join(bytes(r[0]) for r in rows)


def handler_peak_kib(name: str) -> int:
    """VmHWM (peak resident set) of a running handler, from its pid file beside the logs."""
    run = os.path.join(os.environ["PORTICO_TEST_LOG_DIR"], "..", "run", f"{name}.pid")
    with open(run) as f:
        pid = int(f.read().strip())
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM")


def views(api, doc_id) -> dict:
    return api.read(f"documents/{doc_id}/views")


# ------------------------------------------------------------------------------------------ Send us Stuff

def test_upload_of_allowed_types_lands_in_unassigned(org, db, account, dapi):
    c = account.signed_in_client()
    page = c.get("/upload")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    # The type is judged on the content: a PNG sent as "notes.txt" with a lying Content-Type is a PNG.
    r = upload(c, [("invoice scan.pdf", PDF, "application/pdf"), ("notes.txt", PNG, "text/plain"),
                   ("reading.txt", TEXT, "application/octet-stream")], note="For the March account")
    assert r.status_code == 303, r.text[:500]
    assert urllib.parse.urlsplit(r.headers["Location"]).path == "/upload"
    assert "received 3 files" in c.get(r.headers["Location"]).text

    rows = docs_of(db, org.id, account.contact_id)
    assert [(k, t, title, ct) for _, k, t, title, ct, *_ in rows] == [
        ("upload", "unassigned", "invoice scan.pdf", "application/pdf"),
        ("upload", "unassigned", "notes.txt", "image/png"),
        ("upload", "unassigned", "reading.txt", "text/plain; charset=utf-8")]
    for (doc_id, *_rest), body in zip(rows, (PDF, PNG, TEXT)):
        size, sha, note, storage = _rest[4], _rest[5], _rest[6], _rest[7]
        assert stored_bytes(db, org.id, doc_id) == body
        assert size == len(body) and sha == hashlib.sha256(body).hexdigest()
        assert note == "For the March account"
        assert storage not in ("invoice scan.pdf", "notes.txt") and len(storage) >= 32  # generated

    # The person's list and each document, in the browser or as a download, with the right headers.
    files = c.get("/files")
    assert files.status_code == 200 and "invoice scan.pdf" in files.text and "reading.txt" in files.text
    pdf_id = rows[0][0]
    opened = c.get(f"/files/{pdf_id}")
    assert opened.status_code == 200 and opened.content == PDF
    assert opened.headers["Content-Type"] == "application/pdf"
    assert opened.headers["Content-Disposition"].startswith("inline")
    assert "nosniff" in opened.headers["X-Content-Type-Options"]
    assert "no-store" in opened.headers["Cache-Control"]
    down = c.get(f"/files/{pdf_id}?download=1")
    assert down.content == PDF and down.headers["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''invoice%20scan.pdf" in down.headers["Content-Disposition"]

    # Staff: the Unassigned tab, a download, and moving the document out of Unassigned.
    listed = dapi.list("documents", contact_id=account.contact_id, tab="unassigned")["data"]
    assert [d["id"] for d in listed] == [r[0] for r in rows]
    staff = dapi.get(f"documents/{pdf_id}/content")
    assert staff.status_code == 200 and staff.content == PDF
    assert staff.headers["Content-Disposition"].startswith("attachment")
    moved = dapi.patch(f"documents/{pdf_id}", {"tab": "general"})
    assert moved.status_code == 200 and moved.json()["tab"] == "general", moved.text
    assert [d["id"] for d in dapi.list("documents", contact_id=account.contact_id, tab="unassigned")["data"]] == \
        [r[0] for r in rows[1:]]
    assert_api_error(dapi.patch(f"documents/{pdf_id}", {"tab": "issued"}), 422)
    assert_api_error(dapi.patch(f"documents/{pdf_id}", {"tab": "general", "title": "x"}), 422)


@pytest.mark.parametrize("name,body,ctype", [
    ("report.pdf", ELF, "application/pdf"),          # an executable dressed up as a PDF
    ("page.txt", HTML, "text/plain"),               # HTML would run script on the portal's origin
    ("archive.pdf", b"PK\x03\x04" + b"\x00" * 100, "application/pdf"),
])
def test_disallowed_types_are_415_and_nothing_is_stored(org, db, make_account, name, body, ctype):
    acc = make_account()
    c = acc.signed_in_client()
    r = upload(c, [("fine.pdf", PDF, "application/pdf"), (name, body, ctype)])
    assert r.status_code == 415, r.text[:500]
    assert "type we do not accept" in r.text
    assert docs_of(db, org.id, acc.contact_id) == []  # the allowed file before it is rolled back too


def test_bad_upload_requests_are_refused(org, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    token = c.csrf("/upload")
    no_file = c.post("/upload", data={"csrf": token}, files=[("files", ("", b"", "application/octet-stream"))])
    assert no_file.status_code == 422 and "Choose at least one file" in no_file.text
    empty = upload(c, [("empty.pdf", b"", "application/pdf")], token=token)
    assert empty.status_code == 422 and "is empty" in empty.text
    assert upload(c, [("a.pdf", PDF, "application/pdf")], token="forged").status_code == 403
    assert upload(c, [("a.pdf", PDF, "application/pdf")], token="").status_code == 403
    long_note = upload(c, [("a.pdf", PDF, "application/pdf")], note="x" * 2001, token=token)
    assert long_note.status_code == 422
    urlenc = c.post("/upload", data={"csrf": token, "note": "hi"})
    assert urlenc.status_code == 415
    assert docs_of(db, org.id, acc.contact_id) == []
    # Signed out: to the sign-in page, nothing stored.
    anon = org.client()
    r = anon.post("/upload", files=[("files", ("a.pdf", PDF, "application/pdf"))])
    assert r.status_code == 303 and urllib.parse.urlsplit(r.headers["Location"]).path == "/login"


@pytest.mark.parametrize("files, size", [(200, 1), (1, 2 * 1024 * MiB)])
def test_a_days_upload_ceiling_per_person_is_429_and_stores_nothing(org, db, make_account, files, size):
    acc = make_account()
    c = acc.signed_in_client()
    # What they sent earlier today (rows only: the ceiling counts files and their recorded sizes).
    db.run("INSERT INTO document (org_id, kind, tab, title, content_type, size_bytes, contact_id, created_at) "
           "SELECT %s, 'upload', 'unassigned', 'earlier', 'application/pdf', %s, %s, now() - interval '23 hours' "
           "FROM generate_series(1, %s)", (org.id, size, acc.contact_id, files))
    before = len(docs_of(db, org.id, acc.contact_id))
    r = upload(c, [("one-more.pdf", PDF, "application/pdf")])
    assert r.status_code == 429 and "a lot of files today" in r.text, r.status_code
    assert r.headers.get("Retry-After") == "3600"
    assert len(docs_of(db, org.id, acc.contact_id)) == before
    # A day later the ceiling has moved on; another person was never limited by it.
    db.run("UPDATE document SET created_at = now() - interval '25 hours' WHERE org_id = %s AND contact_id = %s",
           (org.id, acc.contact_id))
    assert upload(c, [("next-day.pdf", PDF, "application/pdf")]).status_code == 303


def test_file_over_the_per_file_cap_is_413(org, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    r = upload(c, [("big.pdf", PDF + b"0" * (25 * MiB), "application/pdf")])
    assert r.status_code == 413, r.text[:300]
    assert docs_of(db, org.id, acc.contact_id) == []
    assert db.value("SELECT count(*) FROM document_chunk ch WHERE ch.org_id = %s AND NOT EXISTS "
                    "(SELECT 1 FROM document d WHERE d.org_id = ch.org_id AND d.id = ch.document_id)", (org.id,)) == 0


def test_100_mib_upload_is_refused_without_the_handler_growing(org, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    token = c.csrf("/upload")
    # Just under nginx's 100 MiB cap: it reaches the handler, which stops at the 25 MiB per-file cap.
    before = handler_peak_kib("upload")
    r = upload(c, [("huge.pdf", PDF + b"0" * (100 * MiB - 64 * 1024), "application/pdf")], token=token)
    assert r.status_code == 413, r.text[:300]
    grown = handler_peak_kib("upload") - before
    print(f"\nportico-upload peak RSS growth for a 100 MiB upload refused at 25 MiB: {grown} KiB")
    assert grown < 16 * 1024, f"portico-upload's peak memory grew by {grown} KiB for one upload"
    # Over 100 MiB: nginx refuses it before the handler sees a byte, with a page that says why.
    r = upload(c, [("huger.pdf", PDF + b"0" * (100 * MiB), "application/pdf")], token=token)
    assert r.status_code == 413 and "too large" in r.text
    assert docs_of(db, org.id, acc.contact_id) == []


def test_client_gone_mid_upload_leaves_nothing(org, db, make_account):
    acc = make_account()
    c = acc.signed_in_client()
    token = c.csrf("/upload")
    boundary = "----portico" + uniq()
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"cut.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + PDF
    u = urllib.parse.urlsplit(base_url())
    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection((u.hostname, u.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname=acc.org.host) as s:
            s.sendall((f"POST /upload HTTP/1.1\r\nHost: {acc.org.host}\r\n"
                       f"Cookie: __Host-portico={c.cookie()}\r\n"
                       f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                       f"Content-Length: {4 * MiB}\r\n\r\n").encode() + head + b"1" * MiB)
    time.sleep(1.0)
    assert docs_of(db, org.id, acc.contact_id) == []


def test_large_file_round_trips_in_chunks(org, db, make_account, dapi):
    acc = make_account()
    c = acc.signed_in_client()
    body = PDF + os.urandom(3 * MiB + 12345)
    assert upload(c, [("scan.pdf", body, "application/pdf")]).status_code == 303
    doc_id = docs_of(db, org.id, acc.contact_id)[0][0]
    sizes = db.all("SELECT length(data) FROM document_chunk WHERE org_id = %s AND document_id = %s ORDER BY seq",
                   (org.id, doc_id))
    assert [s for (s,) in sizes[:-1]] == [256 * 1024] * (len(sizes) - 1) and len(sizes) == 13
    got = c.get(f"/files/{doc_id}?download=1")
    assert got.status_code == 200 and int(got.headers["Content-Length"]) == len(body)
    assert hashlib.sha256(got.content).digest() == hashlib.sha256(body).digest()
    assert dapi.get(f"documents/{doc_id}/content").content == body
    assert c.request("HEAD", f"/files/{doc_id}").headers["Content-Length"] == str(len(body))


# ------------------------------------------------------------------------------ access: cross-contact, org

def test_other_contacts_and_other_orgs_get_404(org, db, make_account, dapi, new_org):
    owner, other = make_account(), make_account()
    oc = owner.signed_in_client()
    assert upload(oc, [("mine.pdf", PDF, "application/pdf")]).status_code == 303
    doc_id = docs_of(db, org.id, owner.contact_id)[0][0]

    xc = other.signed_in_client()
    for path in (f"/files/{doc_id}", f"/files/{doc_id}?download=1"):
        assert xc.get(path).status_code == 404
        assert xc.request("HEAD", path).status_code == 404
    assert "mine.pdf" not in xc.get("/files").text
    for path in ("/files/0", "/files/abc", "/files/99999999999", f"/files/{doc_id}/x", "/files/-1"):
        assert xc.get(path).status_code == 404, path

    org2 = new_org()
    stranger = create_account(db, org2)
    sc = stranger.signed_in_client()
    assert sc.get(f"/files/{doc_id}").status_code == 404
    api2 = org2.api(create_apikey(org2, "documents"))
    for path in (f"documents/{doc_id}", f"documents/{doc_id}/content", f"documents/{doc_id}/views"):
        assert_api_error(api2.get(path), 404)
    assert_api_error(api2.patch(f"documents/{doc_id}", {"tab": "general"}), 404)
    assert api2.list("documents", contact_id=owner.contact_id)["data"] == []
    assert db.value("SELECT tab FROM document WHERE org_id = %s AND id = %s", (org.id, doc_id)) == "unassigned"
    # None of that is a view.
    assert db.value("SELECT count(*) FROM document_view WHERE org_id = %s AND document_id = %s", (org.id, doc_id)) == 0
    # A key without the documents permission.
    assert_api_error(org.api(create_apikey(org, "contacts")).get(f"documents/{doc_id}"), 403)


# ------------------------------------------------------------------------- issued documents, view ledger

def client_contact(db, org, dapi, client_id):
    acc = create_account(db, org, kind="client_contact")
    r = dapi.patch(f"contacts/{acc.contact_id}", {"client_id": client_id})
    assert r.status_code == 200, r.text
    return acc


def issue(dapi, **body):
    body.setdefault("kind", "invoice")
    body.setdefault("title", uniq("Invoice "))
    body.setdefault("content_base64", __import__("base64").b64encode(PDF).decode())
    r = dapi.post("documents", body)
    assert r.status_code == 201, f"POST documents: {r.status_code} {r.text[:500]}"
    return r.json()


def test_seed_003_every_contact_every_route_is_recorded(org, db, dapi):
    """Two contacts of one client, one e-mailed and one not: both open the invoice, one through the e-mailed
    link, one in the portal. Two ledger rows, the right channels, status viewed."""
    client = dapi.create("clients", {"name": uniq("Client ")})
    emailed = client_contact(db, org, dapi, client["id"])
    not_emailed = client_contact(db, org, dapi, client["id"])
    doc = issue(dapi, client_id=client["id"], recipients=[emailed.contact_id])
    assert doc["status"] == "sent" and doc["tab"] == "issued" and doc["client_id"] == client["id"]
    assert [r["contact_id"] for r in doc["recipients"]] == [emailed.contact_id]

    mail = wait_for_mail(emailed.email, 1)[-1]
    assert doc["title"] in mail.text and "invoice" in mail.subject
    link = urllib.parse.urlsplit(mail.link("/d/")).path
    assert mail_to(not_emailed.email) == []
    assert db.value("SELECT count(*) FROM document_link WHERE org_id = %s AND document_id = %s",
                    (org.id, doc["id"])) == 1
    token = link.rsplit("/", 1)[1]
    assert db.contains_text(token) == [], "the view link's token is stored in clear"

    # A staff preview, a HEAD request and a mail scanner's fetch are not views.
    assert dapi.get(f"documents/{doc['id']}/content").content == PDF
    c = org.client()
    assert c.request("HEAD", link).status_code == 200
    scan = c.get(link, headers={"User-Agent": "Mozilla/5.0 (compatible; Mimecast URL Protect)"})
    assert scan.status_code == 200
    v = views(dapi, doc["id"])
    assert v["status"] == "sent"
    assert [(r["channel"], r["counted"]) for r in v["data"]] == [("staff_preview", False)]

    # The e-mailed contact opens the link (no session needed) ...
    opened = c.get(link, headers={"User-Agent": "Firefox/130"})
    assert opened.status_code == 200 and opened.content == PDF
    assert opened.headers["Content-Type"] == "application/pdf"
    assert "nosniff" in opened.headers["X-Content-Type-Options"]
    # ... and the other one, never e-mailed, opens it in the portal.
    pc = not_emailed.signed_in_client()
    assert doc["title"] in pc.get("/files").text
    # In the portal too, a HEAD request and a scanner's fetch are not views (the ledger row is written in
    # the statement that finds the document).
    assert pc.request("HEAD", f"/files/{doc['id']}").status_code == 200
    assert pc.get(f"/files/{doc['id']}", headers={"User-Agent": "Barracuda Sentinel (EE)"}).content == PDF
    assert [r["channel"] for r in views(dapi, doc["id"])["data"] if r["counted"]] == ["email_link"]
    assert pc.get(f"/files/{doc['id']}").content == PDF

    v = views(dapi, doc["id"])
    assert v["status"] == "viewed"
    counted = [(r["contact_id"], r["channel"]) for r in v["data"] if r["counted"]]
    assert counted == [(emailed.contact_id, "email_link"), (not_emailed.contact_id, "portal")]
    assert all(r["at"] and r["client_address"] == "127.0.0.1" for r in v["data"])
    assert v["data"][1]["user_agent"] == "Firefox/130"
    per = {p["contact_id"]: p for p in v["contacts"]}
    assert per[emailed.contact_id]["recipient"] is True and per[not_emailed.contact_id]["recipient"] is False
    assert all(per[i]["status"] == "viewed" and per[i]["views"] == 1 and per[i]["first_view_at"] ==
               per[i]["last_view_at"] for i in per)
    assert dapi.read(f"documents/{doc['id']}")["status"] == "viewed"

    # Another open adds a row and moves last_view_at; a contact added to the client later sees the invoice.
    pc.get(f"/files/{doc['id']}?download=1")
    per = {p["contact_id"]: p for p in views(dapi, doc["id"])["contacts"]}
    assert per[not_emailed.contact_id]["views"] == 2
    assert per[not_emailed.contact_id]["last_view_at"] > per[not_emailed.contact_id]["first_view_at"]
    later = client_contact(db, org, dapi, client["id"])
    assert doc["title"] in later.signed_in_client().get("/files").text
    assert [d["id"] for d in dapi.list("documents", contact_id=later.contact_id, tab="issued")["data"]] == [doc["id"]]

    # A contact of another client sees nothing of it, by list or by id.
    other_client = dapi.create("clients", {"name": uniq("Client ")})
    outsider = client_contact(db, org, dapi, other_client["id"]).signed_in_client()
    assert doc["title"] not in outsider.get("/files").text
    assert outsider.get(f"/files/{doc['id']}").status_code == 404


def test_view_links_refuse_forgery_and_other_orgs(org, db, dapi, new_org):
    client = dapi.create("clients", {"name": uniq("Client ")})
    who = client_contact(db, org, dapi, client["id"])
    doc = issue(dapi, client_id=client["id"], recipients=[who.contact_id], kind="quote")
    link = urllib.parse.urlsplit(wait_for_mail(who.email, 1)[-1].link("/d/")).path
    before = views(dapi, doc["id"])["data"]
    other = new_org()
    assert other.client().get(link).status_code == 404
    assert org.client().get(link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")).status_code == 404
    assert org.client().get("/d/v1.nope").status_code == 404
    assert views(dapi, doc["id"])["data"] == before


def test_view_links_die_with_age_and_with_their_contact(org, db, dapi):
    """A view link lives as long as the org's link_ttl, and only while its contact is active: then 410, no
    ledger row, and the portal still serves the document to whoever may see it."""
    client = dapi.create("clients", {"name": uniq("Client ")})
    old, leaver = client_contact(db, org, dapi, client["id"]), client_contact(db, org, dapi, client["id"])
    doc = issue(dapi, client_id=client["id"], recipients=[old.contact_id, leaver.contact_id])
    link_of = lambda who: urllib.parse.urlsplit(wait_for_mail(who.email, 1)[-1].link("/d/")).path
    old_link, leaver_link = link_of(old), link_of(leaver)
    assert org.client().get(old_link).status_code == 200 and org.client().get(leaver_link).status_code == 200
    before = views(dapi, doc["id"])["data"]

    db.run("UPDATE document_link SET created_at = now() - (SELECT link_ttl FROM org WHERE id = %s) - "
           "interval '1 minute' WHERE org_id = %s AND document_id = %s AND contact_id = %s",
           (org.id, org.id, doc["id"], old.contact_id))
    r = org.client().get(old_link)
    assert r.status_code == 410 and "expired" in r.text, r.status_code
    assert "no-store" in r.headers.get("Cache-Control", "")

    assert dapi.patch(f"contacts/{leaver.contact_id}", {"status": "inactive"}).status_code == 200
    r = org.client().get(leaver_link)
    assert r.status_code == 410 and "no longer valid" in r.text, r.status_code
    assert views(dapi, doc["id"])["data"] == before, "a dead link recorded a view"


def test_issue_is_validated_and_changes_nothing(org, db, dapi):
    client = dapi.create("clients", {"name": uniq("Client ")})
    member = client_contact(db, org, dapi, client["id"])
    outsider = create_account(db, org)
    count = db.count("document", org.id)
    b64 = __import__("base64").b64encode(PDF).decode()
    bad = [
        {"kind": "receipt", "title": "x", "client_id": client["id"], "content_base64": b64},
        {"kind": "invoice", "title": "x", "content_base64": b64},
        {"kind": "invoice", "title": "x", "client_id": client["id"], "contact_id": member.contact_id,
         "content_base64": b64},
        {"kind": "invoice", "title": "x", "client_id": client["id"], "content_base64": "%%%"},
        {"kind": "invoice", "title": "x", "client_id": client["id"]},
        {"kind": "invoice", "title": "x", "client_id": client["id"], "content_base64": b64,
         "recipients": [outsider.contact_id]},
        {"kind": "invoice", "title": "x", "client_id": 99999999, "content_base64": b64},
        {"kind": "invoice", "title": "x", "client_id": client["id"], "content_base64": b64, "content_type": "text/html"},
        {"kind": "invoice", "title": "x", "client_id": client["id"], "content_base64": b64, "recipients": "all"},
    ]
    for body in bad:
        assert_api_error(dapi.post("documents", body), 422)
    assert db.count("document", org.id) == count
    assert mail_to(member.email) == []


# ------------------------------------------------------------------- one-time visit and signed documents

def test_signed_evidence_becomes_a_document_and_one_time_views_are_recorded(org, db, dapi):
    tapi = dapi
    contact = one_time_contact(tapi)
    doc_text = "I will keep the secret.\n\nSigned in good faith."
    task, path = assign_with_link(tapi, contact, "signature",
                                  {"document_title": "Non-disclosure agreement", "document_text": doc_text})
    c = org.client()
    page = c.get(path)
    token = __import__("conftest").csrf_from(page.text)
    done = c.post(path, data={"full_name": "Ann Example", "consent": "yes", "csrf": token},
                  headers={"User-Agent": "pytest-browser/1.0"})
    assert done.status_code == 303

    rows = docs_of(db, org.id, contact["id"])
    assert len(rows) == 1
    doc_id, kind, tab, title = rows[0][:4]
    assert (kind, tab) == ("signed", "signed") and "Non-disclosure agreement" in title
    evidence = stored_bytes(db, org.id, doc_id).decode()
    for expected in ("Ann Example", "pytest-browser/1.0", "127.0.0.1", doc_text,
                     hashlib.sha256(doc_text.encode()).hexdigest()):
        assert expected in evidence, f"{expected!r} missing from the evidence:\n{evidence}"
    assert rows[0][6] == hashlib.sha256(evidence.encode()).hexdigest()

    # The one-time visit lists it, opens it (channel one_time) and may send files.
    files = c.get("/files")
    assert files.status_code == 200 and "Non-disclosure agreement" in files.text
    opened = c.get(f"/files/{doc_id}")
    assert opened.status_code == 200 and "Ann Example" in opened.text
    assert opened.headers["Content-Type"].startswith("text/plain")
    v = views(dapi, doc_id)
    assert [(r["contact_id"], r["channel"]) for r in v["data"]] == [(contact["id"], "one_time")]
    assert upload(c, [("id-card.png", PNG, "image/png")]).status_code == 303
    assert [r[1] for r in docs_of(db, org.id, contact["id"])] == ["signed", "upload"]
    signed = dapi.list("documents", contact_id=contact["id"], tab="signed")["data"]
    assert [d["id"] for d in signed] == [doc_id] and signed[0]["task_id"] == task["id"]


def test_openapi_document_covers_the_document_routes(org):
    doc = org.api(None).read("/api/v1/openapi.json")
    paths = {p: {m.lower() for m in ops if m != "parameters"} for p, ops in doc["paths"].items()}
    want = {"/documents": {"get", "post"}, "/documents/{id}": {"get", "patch"}, "/documents/{id}/content": {"get"},
            "/documents/{id}/views": {"get"}, "/messages": {"get"}, "/messages/{id}": {"get"}}
    for p, methods in want.items():
        assert methods <= paths.get(p, set()), f"OpenAPI lacks {methods} on {p}"


def test_document_issued_to_one_contact_is_theirs_alone(org, db, dapi):
    client = dapi.create("clients", {"name": uniq("Client ")})
    addressee = client_contact(db, org, dapi, client["id"])
    colleague = client_contact(db, org, dapi, client["id"])
    doc = issue(dapi, contact_id=addressee.contact_id, recipients=[addressee.contact_id], kind="contract",
                content_type="text/plain",
                content_base64=__import__("base64").b64encode("Terms.\n".encode()).decode())
    assert doc["contact_id"] == addressee.contact_id and doc["client_id"] is None
    assert_api_error(dapi.post("documents", {"kind": "other", "title": "x", "contact_id": addressee.contact_id,
                                             "recipients": [colleague.contact_id], "content_base64": "eA=="}), 422)
    mine = addressee.signed_in_client()
    assert doc["title"] in mine.get("/files").text
    head = mine.request("HEAD", f"/files/{doc['id']}")
    assert head.status_code == 200 and head.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert views(dapi, doc["id"])["data"] == []  # a HEAD request is no view
    assert mine.get(f"/files/{doc['id']}").text == "Terms.\n"
    other = colleague.signed_in_client()
    assert doc["title"] not in other.get("/files").text
    assert other.get(f"/files/{doc['id']}").status_code == 404
    v = views(dapi, doc["id"])
    assert v["status"] == "viewed" and [(r["contact_id"], r["channel"]) for r in v["data"]] == \
        [(addressee.contact_id, "portal")]
