"""Public portals (issue 7, SPEC §7): staff define processes and portals through the API; anyone
registers for a process at /p/{slug}, which creates their account (once) and an application whose steps
are their tasks, and lands them on it. Every switch (multi_process, registration_enabled,
allow_duplicates, enabled, tags), the landing rule at sign-in, the switcher, the flood guards and the
rule that registration does not tell whether an e-mail is known are checked on the real stack."""
import concurrent.futures
import re
import time

import pytest

from conftest import Client, assert_api_error, assert_redirect, create_apikey, csrf_from, input_attrs, location_path
from conftest import strong_password, uniq
from test_complete import ANSWERS, SPECS

STEPS = [
    {"type": "form", "title": "About you", "instructions": "Tell us who you are.", "spec": SPECS["form"]},
    {"type": "signature", "title": "Terms", "spec": SPECS["signature"]},
    {"type": "single_select", "title": "How did you hear of us?", "spec": SPECS["single_select"]},
]
REFUSED = "We could not start an application with these details."


@pytest.fixture(scope="module")
def papi(org):
    return org.api(create_apikey(org, "contacts,tasks,portals"))


@pytest.fixture(autouse=True)
def _reset_registration_throttle(db):
    """Every test of the suite registers from 127.0.0.1: start each with the address's count at zero."""
    db.run("DELETE FROM throttle_event WHERE kind = 'register_ip'")


def make_process(api, steps=None, name=None) -> dict:
    return api.create("processes", {"name": name or uniq("Process "), "description": "What it is for.",
                                    "steps": steps or STEPS})


def make_portal(api, processes, **kw) -> dict:
    body = {"slug": uniq("p-"), "title": uniq("Portal "), "process_ids": [p["id"] for p in processes], **kw}
    return api.create("portals", body)


def email() -> str:
    return f"{uniq('ann')}@example.test"


def register(c: Client, portal: dict, mail: str, password: str, process: dict = None, name="Ann Applicant",
             extra=None):
    page = c.get(f"/p/{portal['slug']}")
    assert page.status_code == 200, f"GET /p/{portal['slug']}: {page.status_code} {page.text[:300]}"
    data = {"csrf": csrf_from(page.text), "name": name, "email": mail, "password": password, **(extra or {})}
    if process is not None:
        data["process_id"] = str(process["id"])
    else:
        hidden = [a["value"] for a in input_attrs(page.text) if a.get("name") == "process_id"]
        assert len(hidden) == 1, "a one-process portal carries its process in the form"
        data["process_id"] = hidden[0]
    return c.post(f"/p/{portal['slug']}/register", data=data)


def register_ok(c, portal, mail, password, process=None) -> int:
    r = register(c, portal, mail, password, process)
    assert r.status_code == 303, f"registration: {r.status_code} {r.text[:800]}"
    m = re.fullmatch(r"/applications/(\d+)", location_path(r))
    assert m, f"registration landed on {r.headers['Location']}, not an application"
    return int(m.group(1))


def count(db, table, org):
    return db.count(table, org.id)


# ------------------------------------------------------------------------------------------- staff API

def test_processes_and_portals_through_the_api(org, papi):
    p = make_process(papi)
    assert [s["title"] for s in p["steps"]] == [s["title"] for s in STEPS] and p["id"] > 0
    assert papi.read(f"processes/{p['id']}") == p
    portal = make_portal(papi, [p], tags=["web", "spring"])
    assert portal["process_ids"] == [p["id"]] and portal["tags"] == ["web", "spring"]
    assert portal["url"] == f"https://{org.host}/p/{portal['slug']}"
    assert portal["multi_process"] is False and portal["registration_enabled"] is True
    assert portal["allow_duplicates"] is True and portal["enabled"] is True
    ids = [x["id"] for x in papi.list_all("portals")]
    assert portal["id"] in ids
    changed = papi.patch(f"portals/{portal['id']}", {"title": "Renamed", "allow_duplicates": False})
    assert changed.status_code == 200, changed.text
    assert changed.json()["title"] == "Renamed" and changed.json()["allow_duplicates"] is False
    renamed = papi.patch(f"processes/{p['id']}", {"name": uniq("Again ")})
    assert renamed.status_code == 200 and renamed.json()["steps"] == p["steps"]


@pytest.mark.parametrize("body, field", [
    ({"name": "x", "steps": []}, "steps"),
    ({"name": "x", "steps": [{"type": "upload", "title": "t"}]}, "steps[0].type"),
    ({"name": "x", "steps": [{"type": "form", "title": "t", "spec": {"fields": "no"}}]}, "steps[0].spec"),
    ({"name": "x", "steps": [{"type": "standard"}]}, "steps[0].title"),
    ({"steps": STEPS}, "name"),
])
def test_bad_process_is_refused_and_changes_nothing(org, papi, db, body, field):
    before = count(db, "process", org)
    r = papi.post("processes", body)
    assert_api_error(r, 422)
    assert field in r.json()["error"].get("fields", {}), r.text
    assert count(db, "process", org) == before


def test_bad_portal_is_refused_and_changes_nothing(org, papi, db, new_org):
    other_org = new_org()
    p1, p2 = make_process(papi), make_process(papi)
    before = count(db, "portal", org)
    # Two processes without multi_process: the visitor could not choose.
    assert_api_error(papi.post("portals", {"slug": uniq("p-"), "title": "T", "process_ids": [p1["id"], p2["id"]]}), 422)
    assert_api_error(papi.post("portals", {"slug": "Bad Slug", "title": "T", "process_ids": [p1["id"]]}), 422)
    assert_api_error(papi.post("portals", {"slug": uniq("p-"), "title": "T", "process_ids": []}), 422)
    # Another org's process is not this org's.
    other = other_org.api(create_apikey(other_org, "portals"))
    foreign = make_process(other)
    assert_api_error(papi.post("portals", {"slug": uniq("p-"), "title": "T", "process_ids": [foreign["id"]]}), 422)
    assert count(db, "portal", org) == before
    taken = make_portal(papi, [p1])
    assert_api_error(papi.post("portals", {"slug": taken["slug"], "title": "T", "process_ids": [p1["id"]]}), 409)
    # A portal cannot lose multi_process while it offers several processes.
    multi = make_portal(papi, [p1, p2], multi_process=True)
    assert_api_error(papi.patch(f"portals/{multi['id']}", {"multi_process": False}), 422)
    assert papi.read(f"portals/{multi['id']}")["multi_process"] is True


def test_portals_need_the_portals_permission(org):
    api = org.api(create_apikey(org, "contacts,tasks"))
    for path in ("processes", "portals", "applications"):
        assert_api_error(api.get(path), 403)


# ------------------------------------------------------------------------------------ registration

def test_registration_creates_account_application_and_tasks_and_lands_on_it(org, papi, db):
    p = make_process(papi)
    portal = make_portal(papi, [p], tags=["spring-fair"])
    c, mail, pw = org.client(), email(), strong_password()
    app = register_ok(c, portal, mail, pw)

    row = db.one("SELECT c.kind, c.email, a.state, a.password_hash FROM contact c JOIN account a "
                 "ON a.org_id = c.org_id AND a.contact_id = c.id WHERE c.org_id = %s AND a.username = %s",
                 (org.id, mail))
    assert row and row[0] == "applicant" and row[1] == mail and row[2] == "active"
    assert row[3].startswith("$argon2id$") and pw not in row[3]
    assert not db.contains_text(pw), "the password is stored in clear somewhere"

    page = c.get(f"/applications/{app}")
    assert page.status_code == 200, page.text[:500]
    assert p["name"] in page.text
    tasks = db.all("SELECT id, step_no, title, state FROM task WHERE org_id = %s AND application_id = %s "
                   "ORDER BY step_no", (org.id, app))
    assert [(t[1], t[2], t[3]) for t in tasks] == [(i + 1, s["title"], "new") for i, s in enumerate(STEPS)]
    for t in tasks:
        assert f'href="/tasks/{t[0]}"' in page.text, "each step links to its task"
    assert re.findall(r'id="step-(\d+)"', page.text) == ["1", "2", "3"]

    # The steps are the person's tasks: answered on the portal's task page, then shown as done.
    first = tasks[0][0]
    send, _, stored = ANSWERS["form"]
    tp = c.get(f"/tasks/{first}")
    assert tp.status_code == 200, tp.text[:300]
    assert f'href="/applications/{app}">Back to your application' in tp.text
    done = c.post(f"/tasks/{first}", data={**send, "csrf": csrf_from(tp.text)})
    assert_redirect(done, f"/tasks/{first}")
    assert db.value("SELECT response FROM task WHERE org_id = %s AND id = %s", (org.id, first)) == stored
    page = c.get(f"/applications/{app}").text
    assert re.search(r'class="step step-completed" id="step-1"', page), page
    assert re.search(r'class="step step-new" id="step-2"', page)

    # Staff see it, tagged, with its steps and answers.
    a = papi.read(f"applications/{app}")
    assert a["tags"] == ["spring-fair"] and a["portal_id"] == portal["id"] and a["process_id"] == p["id"]
    assert a["state"] == "open" and a["steps_completed"] == 1 and a["steps_total"] == 3
    assert a["steps"][0]["response"] == stored and a["steps"][0]["state"] == "completed"
    assert [s["task_id"] for s in a["steps"]] == [t[0] for t in tasks]


def test_applications_filters(org, papi):
    p1, p2 = make_process(papi), make_process(papi, steps=[STEPS[2]])
    tag = uniq("tag-")
    portal = make_portal(papi, [p1, p2], multi_process=True, tags=[tag])
    plain = make_portal(papi, [p2])
    c, mail, pw = org.client(), email(), strong_password()
    a1 = register_ok(c, portal, mail, pw, p1)
    a2 = register_ok(c, portal, mail, pw, p2)
    a3 = register_ok(org.client(), plain, email(), strong_password())

    def ids(**params):
        return [x["id"] for x in papi.list_all("applications", **params)]
    assert ids(portal_id=portal["id"]) == [a1, a2]
    assert ids(process_id=p2["id"]) == [a2, a3]
    assert ids(tag=tag) == [a1, a2]
    assert a3 not in ids(tag=tag)
    # Completing a2's only step completes it.
    task = papi.read(f"applications/{a2}")["steps"][0]["task_id"]
    tp = c.get(f"/tasks/{task}")
    send, _, _ = ANSWERS["single_select"]
    assert c.post(f"/tasks/{task}", data={**send, "csrf": csrf_from(tp.text)}).status_code == 303
    assert ids(portal_id=portal["id"], state="completed") == [a2]
    assert ids(portal_id=portal["id"], state="open") == [a1]
    assert_api_error(papi.get("applications", params={"state": "maybe"}), 400)
    assert_api_error(papi.get("applications/999999999"), 404)


def test_multi_process_portal_lets_the_visitor_choose(org, papi, db):
    p1, p2 = make_process(papi), make_process(papi, steps=[STEPS[2]])
    portal = make_portal(papi, [p1, p2], multi_process=True)
    page = org.client().get(f"/p/{portal['slug']}").text
    radios = [a["value"] for a in input_attrs(page) if a.get("name") == "process_id" and a.get("type") == "radio"]
    assert radios == [str(p1["id"]), str(p2["id"])]
    assert p1["name"] in page and p2["name"] in page
    c = org.client()
    app = register_ok(c, portal, email(), strong_password(), p2)
    assert db.value("SELECT process_id FROM application WHERE org_id = %s AND id = %s", (org.id, app)) == p2["id"]
    # A process the portal does not offer is refused.
    stranger = make_process(papi)
    before = count(db, "application", org)
    r = register(org.client(), portal, email(), strong_password(), stranger)
    assert r.status_code == 422 and "Choose what you would like to start." in r.text
    assert count(db, "application", org) == before


def test_single_process_portal_offers_only_its_process(org, papi, db):
    p1, p2 = make_process(papi), make_process(papi)
    portal = make_portal(papi, [p1])
    page = org.client().get(f"/p/{portal['slug']}").text
    assert p1["name"] in page and 'type="radio"' not in page
    before = count(db, "contact", org)
    r = register(org.client(), portal, email(), strong_password(), p2)
    assert r.status_code == 422
    assert count(db, "contact", org) == before


def test_second_process_needs_its_own_registration_with_the_same_password(org, papi, db):
    p1, p2 = make_process(papi), make_process(papi, steps=[STEPS[2]])
    portal_a, portal_b = make_portal(papi, [p1]), make_portal(papi, [p2])
    mail, pw = email(), strong_password()
    a1 = register_ok(org.client(), portal_a, mail, pw)
    contacts = count(db, "contact", org)
    c = org.client()
    a2 = register_ok(c, portal_b, mail.upper(), pw)  # e-mail compared case-insensitively
    assert count(db, "contact", org) == contacts, "the second registration made a second person"
    owners = db.all("SELECT DISTINCT contact_id FROM application WHERE org_id = %s AND id IN (%s, %s)",
                    (org.id, a1, a2))
    assert len(owners) == 1
    # The switcher lists both, newest first, and marks the one shown.
    page = c.get(f"/applications/{a2}").text
    assert [int(i) for i in re.findall(r'id="switch-(\d+)"', page)] == [a2, a1]
    assert re.search(rf'<a href="/applications/{a2}" aria-current="page">', page), "current not marked"
    assert f'href="/applications/{a1}"' in page
    listing = c.get("/applications")
    assert listing.status_code == 200 and re.findall(r'id="application-(\d+)"', listing.text) == [str(a2), str(a1)]


def test_registration_does_not_reveal_a_known_email(org, papi, db):
    p = make_process(papi)
    portal = make_portal(papi, [p])
    mail, pw = email(), strong_password()
    register_ok(org.client(), portal, mail, pw)
    apps = count(db, "application", org)
    # A known e-mail with another password: the one generic refusal, no application, no session.
    c = org.client()
    r = register(c, portal, mail, strong_password())
    assert r.status_code == 422 and REFUSED in r.text
    assert mail in r.text  # the form is given back as typed, as for any refusal
    assert count(db, "application", org) == apps and c.cookie() is None
    assert db.value("SELECT count(*) FROM login_failure WHERE org_id = %s AND username = lower(%s)",
                    (org.id, mail)) == 1, "a wrong password at registration counts as a failed sign-in"
    # Weak passwords are refused alike for a known and an unknown address (the rules come first).
    weak_known = register(org.client(), portal, mail, "password")
    weak_new = register(org.client(), portal, email(), "password")
    assert weak_known.status_code == weak_new.status_code == 422
    strip = lambda html: re.sub(r'value="[^"]*"', "", html)
    assert strip(weak_known.text) == strip(weak_new.text)
    # Timing: both paths cost one Argon2 computation; a refusal is not much faster than a success.
    t0 = time.monotonic()
    register(org.client(), portal, mail, strong_password())
    refused = time.monotonic() - t0
    t0 = time.monotonic()
    register_ok(org.client(), portal, email(), strong_password())
    new = time.monotonic() - t0
    assert refused > new * 0.3, f"refusal {refused:.3f}s, success {new:.3f}s"


def test_duplicates_off_refuses_a_second_application_with_a_link_to_the_first(org, papi, db):
    p = make_process(papi)
    portal = make_portal(papi, [p], allow_duplicates=False)
    mail, pw = email(), strong_password()
    first = register_ok(org.client(), portal, mail, pw)
    apps = count(db, "application", org)
    c = org.client()
    r = register(c, portal, mail, pw)
    assert r.status_code == 409, r.text[:500]
    assert f'href="/applications/{first}"' in r.text
    assert count(db, "application", org) == apps
    assert c.get(f"/applications/{first}").status_code == 200, "the link works: the person is signed in"
    # Another portal with the same process and duplicates off refuses too: one per person per process.
    other = make_portal(papi, [p], allow_duplicates=False)
    assert register(org.client(), other, mail, pw).status_code == 409
    # With duplicates allowed, the same person starts it again.
    again = make_portal(papi, [p])
    assert register_ok(org.client(), again, mail, pw) != first


def test_registration_disabled_offers_login_only(org, papi, db):
    p = make_process(papi)
    portal = make_portal(papi, [p], registration_enabled=False)
    c = org.client()
    page = c.get(f"/p/{portal['slug']}")
    assert page.status_code == 200
    assert 'action="/login"' in page.text and f'action="/p/{portal["slug"]}/register"' not in page.text
    contacts = count(db, "contact", org)
    r = c.post(f"/p/{portal['slug']}/register", data={"csrf": csrf_from(page.text), "process_id": str(p["id"]),
                                                      "name": "N", "email": email(), "password": strong_password()})
    assert r.status_code == 403
    assert count(db, "contact", org) == contacts
    login = c.get(f"/p/{portal['slug']}/login").text
    assert 'action="/login"' in login and f'href="/p/{portal["slug"]}"' not in login


def test_login_lands_on_the_most_recent_application(org, papi):
    p1, p2 = make_process(papi), make_process(papi, steps=[STEPS[2]])
    portal = make_portal(papi, [p1, p2], multi_process=True)
    mail, pw = email(), strong_password()
    register_ok(org.client(), portal, mail, pw, p1)
    latest = register_ok(org.client(), portal, mail, pw, p2)
    # Through /login and through the portal's own sign-in page (whose form posts to /login).
    Client(org.host).login_ok(mail, pw, to=f"/applications/{latest}")
    c = org.client()
    page = c.get(f"/p/{portal['slug']}/login")
    assert page.status_code == 200
    r = c.post("/login", data={"username": mail, "password": pw, "csrf": csrf_from(page.text)})
    assert_redirect(r, f"/applications/{latest}")
    assert_redirect(c.get(f"/p/{portal['slug']}/login"), f"/applications/{latest}")
    assert 'class="tab-applications"' in c.get("/files").text, "an applicant has the Applications tab"


def test_login_without_applications_still_lands_home(account):
    c = account.client()
    c.login_ok(account.username, account.password, to="/")
    assert 'class="tab-applications"' not in c.get("/").text, "no Applications tab without applications"


def test_someone_elses_application_is_404(org, papi):
    p = make_process(papi)
    portal = make_portal(papi, [p])
    mine = register_ok(org.client(), portal, email(), strong_password())
    c = org.client()
    register_ok(c, portal, email(), strong_password())
    assert c.get(f"/applications/{mine}").status_code == 404
    assert c.get("/applications/0").status_code == 404
    assert c.get("/applications/abc").status_code == 404
    assert_redirect(org.client().get(f"/applications/{mine}"), "/login")


@pytest.mark.parametrize("slug", ["no-such-portal", "UPPER", "-x", "a" * 64])
def test_unknown_slug_is_404(org, slug):
    assert org.client().get(f"/p/{slug}").status_code == 404


def test_disabled_portal_is_404_and_other_orgs_portal_too(org, papi, new_org, db):
    p = make_process(papi)
    portal = make_portal(papi, [p])
    c = org.client()
    page = c.get(f"/p/{portal['slug']}")
    assert page.status_code == 200
    assert new_org().client().get(f"/p/{portal['slug']}").status_code == 404, "a slug belongs to one org"
    assert papi.patch(f"portals/{portal['id']}", {"enabled": False}).status_code == 200
    assert c.get(f"/p/{portal['slug']}").status_code == 404
    assert c.get(f"/p/{portal['slug']}/login").status_code == 404
    contacts = count(db, "contact", org)
    r = c.post(f"/p/{portal['slug']}/register", data={"csrf": csrf_from(page.text), "process_id": str(p["id"]),
                                                      "name": "N", "email": email(), "password": strong_password()})
    assert r.status_code == 404 and count(db, "contact", org) == contacts


# ---------------------------------------------------------------------------------------- flood guards

def test_honeypot_filled_is_refused_and_changes_nothing(org, papi, db):
    portal = make_portal(papi, [make_process(papi)])
    tables = ("contact", "account", "application", "task", "session")
    before = {t: count(db, t, org) for t in tables}
    page = org.client().get(f"/p/{portal['slug']}").text
    assert "website" in {a.get("name") for a in input_attrs(page)}, "no honeypot field"
    r = register(org.client(), portal, email(), strong_password(), extra={"website": "http://spam.example"})
    assert r.status_code == 400
    assert {t: count(db, t, org) for t in tables} == before


def test_registrations_are_limited_per_address(new_org, db):
    new_org = new_org()
    api = new_org.api(create_apikey(new_org, "portals"))
    portal = make_portal(api, [make_process(api)])
    c = new_org.client()
    token = csrf_from(c.get(f"/p/{portal['slug']}").text)
    for _ in range(30):  # invalid attempts count as well: a flood is slowed whatever it sends
        assert c.post(f"/p/{portal['slug']}/register", data={"csrf": token, "name": "x"}).status_code == 422
    r = register(c, portal, email(), strong_password())
    assert r.status_code == 429, r.status_code
    assert r.headers.get("Retry-After")
    assert db.count("contact", new_org.id) == 0


def test_registration_needs_the_form_token(org, papi, db):
    portal = make_portal(papi, [make_process(papi)])
    before = count(db, "contact", org)
    r = org.client().post(f"/p/{portal['slug']}/register",
                          data={"name": "N", "email": email(), "password": strong_password(), "csrf": "x" * 43})
    assert r.status_code == 403
    assert count(db, "contact", org) == before


def test_simultaneous_registrations_make_one_person_and_respect_duplicates(org, papi, db):
    """Registrations for one e-mail take turns: the same person is never created twice, and with
    duplicates off exactly one application is made."""
    portal = make_portal(papi, [make_process(papi)], allow_duplicates=False)
    mail, pw = email(), strong_password()
    clients = [org.client() for _ in range(4)]
    forms = []
    for c in clients:
        page = c.get(f"/p/{portal['slug']}").text
        hidden = [a["value"] for a in input_attrs(page) if a.get("name") == "process_id"][0]
        forms.append({"csrf": csrf_from(page), "name": "Ann", "email": mail, "password": pw, "process_id": hidden})
    with concurrent.futures.ThreadPoolExecutor(len(clients)) as pool:
        results = list(pool.map(lambda cf: cf[0].post(f"/p/{portal['slug']}/register", data=cf[1]),
                                zip(clients, forms)))
    assert sorted(r.status_code for r in results) == [303, 409, 409, 409], [r.status_code for r in results]
    assert db.value("SELECT count(*) FROM account WHERE org_id = %s AND lower(username) = lower(%s)",
                    (org.id, mail)) == 1
    assert db.value("SELECT count(*) FROM application a JOIN account x ON x.org_id = a.org_id "
                    "AND x.contact_id = a.contact_id WHERE a.org_id = %s AND x.username = %s", (org.id, mail)) == 1
