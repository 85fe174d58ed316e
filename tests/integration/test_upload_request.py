"""Upload requests (SPEC §7: a process step that asks the applicant for files). The task page's form sends
the files to the upload handler (/upload?task=ID), which stores them and completes the request in one
transaction: not the person's request is 404 and stores nothing; an answered one is 409 and stores nothing;
staff cannot assign one outside a process (a one-time link page takes no files)."""
import re

import pytest

from conftest import Client, assert_api_error, assert_redirect, create_apikey, csrf_from, strong_password
from test_documents import PDF, PNG, ELF
from test_public_portal import _reset_registration_throttle, email, make_portal, make_process, register_ok  # noqa: F401

STEPS = [{"type": "upload_request", "title": "Your certificates", "spec": {"what": "Scans of your diplomas."}}]


@pytest.fixture(scope="module")
def papi(org):
    return org.api(create_apikey(org, "contacts,tasks,portals,documents"))


def applicant_with_request(org, papi, db):
    """A fresh applicant (signed in) and the id of their upload request step."""
    portal = make_portal(papi, [make_process(papi, STEPS)])
    c = org.client()
    app = register_ok(c, portal, email(), strong_password())
    task = db.value("SELECT id FROM task WHERE org_id = %s AND application_id = %s", (org.id, app))
    return c, app, task


def send(c: Client, task: int, files, note=None, token=None):
    if token is None:
        token = csrf_from(c.get(f"/tasks/{task}").text)
    data = {"csrf": token}
    if note is not None:
        data["note"] = note
    return c.post(f"/upload?task={task}", data=data, files=[("files", f) for f in files])


def stored_documents(db, org):
    return db.value("SELECT count(*) FROM document WHERE org_id = %s", (org.id,))


def test_the_request_is_answered_with_files_and_completes(org, papi, db):
    c, app, task = applicant_with_request(org, papi, db)
    page = c.get(f"/tasks/{task}")
    assert page.status_code == 200, page.text[:300]
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>', page.text)
    assert form and form.group(1) == f"/upload?task={task}"
    assert 'enctype="multipart/form-data"' in form.group(0), "a file form must be multipart"
    assert 'type="file"' in page.text and "Scans of your diplomas." in page.text

    r = send(c, task, [("diploma.pdf", PDF, "application/pdf"), ("photo.png", PNG, "image/png")], note="Both.")
    assert_redirect(r, f"/tasks/{task}")
    state, via, response = db.one("SELECT state, completed_via, response FROM task WHERE org_id = %s AND id = %s",
                                  (org.id, task))
    assert state == "completed" and via == "portal"
    docs = db.all("SELECT id, title, contact_id FROM document WHERE org_id = %s AND id = ANY(%s) ORDER BY id",
                  (org.id, response["documents"]))
    assert [d[1] for d in docs] == ["diploma.pdf", "photo.png"] and response["note"] == "Both."
    contact = db.value("SELECT contact_id FROM application WHERE org_id = %s AND id = %s", (org.id, app))
    assert {d[2] for d in docs} == {contact}, "the files are the applicant's documents"

    done = c.get(f"/tasks/{task}")
    assert done.status_code == 200 and 'type="file"' not in done.text, "an answered request offers no form"
    assert "Files sent" in done.text
    staff = papi.read(f"applications/{app}")
    assert staff["steps"][0]["state"] == "completed"
    assert staff["steps"][0]["response"]["documents"] == response["documents"]


def test_a_second_answer_is_409_and_stores_nothing(org, papi, db):
    c, _, task = applicant_with_request(org, papi, db)
    token = csrf_from(c.get(f"/tasks/{task}").text)
    assert_redirect(send(c, task, [("a.pdf", PDF, "application/pdf")], token=token), f"/tasks/{task}")
    before = stored_documents(db, org)
    again = send(c, task, [("b.pdf", PDF, "application/pdf")], token=token)
    assert again.status_code == 409, again.text[:300]
    assert "answered already" in again.text
    assert stored_documents(db, org) == before


def test_someone_elses_request_is_404_and_stores_nothing(org, papi, db):
    _, _, task = applicant_with_request(org, papi, db)
    other, _, _ = applicant_with_request(org, papi, db)
    before = stored_documents(db, org)
    token = other.csrf("/upload")
    for target in (task, 0, 999999999):
        r = send(other, target, [("x.pdf", PDF, "application/pdf")], token=token)
        assert r.status_code == 404, f"task {target}: {r.status_code}"
    for bad in ("abc", "-1", "01", ""):
        r = other.post(f"/upload?task={bad}", data={"csrf": token},
                       files=[("files", ("x.pdf", PDF, "application/pdf"))])
        assert r.status_code == 404, f"task={bad!r}: {r.status_code}"
    assert stored_documents(db, org) == before
    assert db.value("SELECT state FROM task WHERE org_id = %s AND id = %s", (org.id, task)) == "new"


def test_a_refused_file_leaves_the_request_open_and_nothing_stored(org, papi, db):
    c, _, task = applicant_with_request(org, papi, db)
    before = stored_documents(db, org)
    r = send(c, task, [("ok.pdf", PDF, "application/pdf"), ("tool.pdf", ELF, "application/pdf")])
    assert r.status_code == 415, r.status_code
    assert stored_documents(db, org) == before
    assert db.value("SELECT state FROM task WHERE org_id = %s AND id = %s", (org.id, task)) == "new"
    # No file chosen: nothing completes.
    r = send(c, task, [("", b"", "application/octet-stream")])
    assert r.status_code == 422 and "Choose at least one file" in r.text
    assert f'action="/upload?task={task}"' in r.text, "the form shown again must still answer the request"
    assert f'href="/tasks/{task}"' in r.text
    assert db.value("SELECT state FROM task WHERE org_id = %s AND id = %s", (org.id, task)) == "new"


def test_the_plain_task_form_cannot_answer_it(org, papi, db):
    c, _, task = applicant_with_request(org, papi, db)
    token = csrf_from(c.get(f"/tasks/{task}").text)
    r = c.post(f"/tasks/{task}", data={"csrf": token, "note": "no files"})
    assert r.status_code == 422, r.status_code
    assert db.value("SELECT state FROM task WHERE org_id = %s AND id = %s", (org.id, task)) == "new"


def test_staff_cannot_assign_one_outside_a_process(org, papi, db):
    contact = papi.create("contacts", {"name": "Uma Upload", "email": email(), "kind": "target"})
    before = db.value("SELECT count(*) FROM task WHERE org_id = %s", (org.id,))
    r = papi.post("tasks", {"type": "upload_request", "title": "Send files", "spec": {}, "contact_id": contact["id"]})
    assert_api_error(r, 422)
    assert db.value("SELECT count(*) FROM task WHERE org_id = %s", (org.id,)) == before
    # ...but the list filter knows the type.
    assert papi.get("tasks", params={"type": "upload_request"}).status_code == 200


def test_a_bad_request_spec_is_refused(org, papi):
    for spec in ({"what": ""}, {"what": "x" * 501}, {"other": 1}):
        r = papi.post("processes", {"name": "Bad", "steps": [{"type": "upload_request", "title": "T", "spec": spec}]})
        assert_api_error(r, 422)
