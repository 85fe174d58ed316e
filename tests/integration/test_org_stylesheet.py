"""An org's own stylesheet: set from a file with `portico-admin org set --stylesheet`, served as /org.css
(the layout links it after the default look; tests/browser/stylesheet.test.mjs checks what it does in a
browser). Bad files are refused with a clear message and change nothing."""
from conftest import admin, raw_request

CSS = ".tab-upload { display: none; }\n/* Überschrift */\n"


def org_css(org) -> str:
    r = raw_request("GET", org.host, "/org.css")
    assert r.status_code == 200, r.status_code
    assert r.headers.get("Content-Type", "").startswith("text/css")
    return r.content.decode("utf-8")


def test_stylesheet_is_set_served_and_removed(new_org, tmp_path):
    org = new_org()
    assert org_css(org) == ""
    f = tmp_path / "org.css"
    f.write_text(CSS, encoding="utf-8")
    admin("org", "set", "--org", org.slug, "--stylesheet", str(f))
    assert org_css(org) == CSS
    f.write_text("", encoding="utf-8")
    admin("org", "set", "--org", org.slug, "--stylesheet", str(f))
    assert org_css(org) == ""


def test_bad_stylesheet_files_are_refused_and_change_nothing(new_org, tmp_path, db):
    org = new_org()
    good = tmp_path / "good.css"
    good.write_text(CSS, encoding="utf-8")
    admin("org", "set", "--org", org.slug, "--stylesheet", str(good))
    seats = db.value("SELECT external_assignee_seats FROM org WHERE id = %s", (org.id,))

    long_file = tmp_path / "long.css"
    long_file.write_text("a" * 200001, encoding="utf-8")
    latin1 = tmp_path / "latin1.css"
    latin1.write_bytes("/* \u00dcberschrift */".encode("latin-1"))
    cases = [(long_file, "longer than 200000 characters"), (latin1, "is not UTF-8 text"),
             (tmp_path / "missing.css", "cannot read")]
    for path, message in cases:
        p = admin("org", "set", "--org", org.slug, "--stylesheet", str(path),
                  "--external-assignee-seats", str(seats + 5), check=False)
        assert p.returncode != 0, f"{path.name} was accepted"
        assert message in p.stderr, p.stderr
        assert org_css(org) == CSS
        assert db.value("SELECT external_assignee_seats FROM org WHERE id = %s", (org.id,)) == seats

    exactly = tmp_path / "max.css"
    exactly.write_text("\u00e9" * 200000, encoding="utf-8")  # the limit is in characters, not bytes
    admin("org", "set", "--org", org.slug, "--stylesheet", str(exactly))
    assert org_css(org) == "\u00e9" * 200000
