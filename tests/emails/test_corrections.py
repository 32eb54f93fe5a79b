"""A sent email stays as customers received it: corrections are dated notes beside it.

Each test publishes a tiny site (recording its emails in the ledger), then edits an
email the way an author would and publishes again.
"""

from __future__ import annotations

import json
import shutil
from email import policy
from email.parser import BytesParser
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from candor.build.problems import BuildStopped
from conftest import PROJECT, TEST_DATA, BuiltSite, build_site

SITEURL = "https://notes.example.org"
FIRST = "Correction: 2025-09-02 08:00 +02:00 — We said Monday; the longer hours start on Tuesday."
SECOND = "Correction: 2025-09-03 17:30 +02:00 — On Fridays we still close at five."
AS_SENT = "We are open longer from Monday."


@pytest.fixture
def published(tmp_path) -> Path:
    """emails_linked, published once; returns its content folder."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "emails_linked", content)
    build_site(content, tmp_path / "output", "publishconf.py", SITEURL=SITEURL)
    return content


def add_fields(content: Path, *fields: str, email: str = "unlinked.md") -> Path:
    """Add header lines to an email, after its last one."""
    source = content / "emails" / email
    head, body = source.read_text(encoding="utf-8").split("\n\n", 1)
    source.write_text("\n".join([head, *fields]) + "\n\n" + body, encoding="utf-8")
    return source


def publish(content: Path, output: Path) -> BuiltSite:
    return BuiltSite(build_site(content, output, "publishconf.py", SITEURL=SITEURL))


def refused(content: Path, output: Path) -> list[str]:
    with pytest.raises(BuildStopped) as stopped:
        publish(content, output)
    assert not output.exists()
    return [str(problem) for problem in stopped.value.problems]


def ledger_of(content: Path) -> dict:
    return json.loads((content / "ledger.json").read_text(encoding="utf-8"))["emails"]


def eml_body(site: BuiltSite, slug: str) -> str:
    message = BytesParser(policy=policy.default).parsebytes(
        site.path(f"/emails/{slug}.eml").read_bytes()
    )
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_two_corrections_are_shown_after_the_text_as_sent_in_order_and_dated(published, tmp_path):
    add_fields(published, FIRST)
    publish(published, tmp_path / "once")
    add_fields(published, SECOND)
    site = publish(published, tmp_path / "twice")

    page = site.html("/emails/unlinked/")
    assert page.select_one(".email-body").get_text(strip=True) == AS_SENT
    items = page.select("#corrections li")
    assert [item.time["datetime"] for item in items] == [
        "2025-09-02T08:00:00+02:00",
        "2025-09-03T17:30:00+02:00",
    ]
    assert "the longer hours start on Tuesday" in items[0].get_text()
    assert "we still close at five" in items[1].get_text()
    # Above the text, a reader is told there are corrections and where.
    assert page.select_one(".correction a")["href"] == "#corrections"
    # The .eml is the message customers got: no correction in it.
    assert eml_body(site, "unlinked").startswith(AS_SENT)
    assert "Tuesday" not in eml_body(site, "unlinked")

    record = ledger_of(published)["emails/unlinked.md"]
    assert record["body"] == AS_SENT + "\n"
    assert record["corrections"] == [
        {"date": "2025-09-02 08:00 +02:00", "note": FIRST.split(" — ")[1]},
        {"date": "2025-09-03 17:30 +02:00", "note": SECOND.split(" — ")[1]},
    ]


def test_the_feeds_carry_the_corrections_and_the_entry_is_updated_in_place(published, tmp_path):
    before = feedparser.parse(
        publish(published, tmp_path / "before").path("/feeds/emails.atom.xml")
    )
    add_fields(published, FIRST, SECOND)
    after = feedparser.parse(publish(published, tmp_path / "after").path("/feeds/emails.atom.xml"))

    def entry(feed):
        return next(e for e in feed.entries if e.link.endswith("/emails/unlinked/"))

    assert entry(after).id == entry(before).id
    assert entry(after).updated == "2025-09-03T17:30:00+02:00"
    assert entry(before).updated == "2025-09-01T10:00:00+02:00"
    content = entry(after).content[0].value
    assert content.index(AS_SENT) < content.index("start on Tuesday") < content.index("at five")


def test_changing_the_text_with_a_correction_is_refused_and_restoring_it_is_allowed(
    published, tmp_path
):
    source = add_fields(published, FIRST)
    source.write_text(source.read_text().replace("from Monday", "from Tuesday"))
    ledger_before = (published / "ledger.json").read_bytes()

    (problem,) = refused(published, tmp_path / "refused")
    assert problem.startswith("content/emails/unlinked.md: Subject/body: differs from what")
    assert "-We are open longer from Monday." in problem
    assert "keep its text and add a note: Correction:" in problem
    assert (published / "ledger.json").read_bytes() == ledger_before

    # Putting back the text as sent is always accepted, the correction with it.
    source.write_text(source.read_text().replace("from Tuesday", "from Monday"))
    site = publish(published, tmp_path / "restored")
    assert site.html("/emails/unlinked/").select_one(".email-body").get_text(strip=True) == AS_SENT
    assert len(ledger_of(published)["emails/unlinked.md"]["corrections"]) == 1


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda text: text.replace(FIRST + "\n", ""), id="removed"),
        pytest.param(lambda text: text.replace("on Tuesday.", "on Wednesday."), id="reworded"),
    ],
)
def test_a_published_correction_stays_on_the_record(published, tmp_path, edit):
    source = add_fields(published, FIRST)
    publish(published, tmp_path / "corrected")
    source.write_text(edit(source.read_text()))

    (problem,) = refused(published, tmp_path / "again")
    assert problem.startswith("content/emails/unlinked.md: Correction: the Correction of ")
    assert '("2025-09-02 08:00 +02:00 — We said Monday; the longer hours start on Tuesday.")' in (
        problem
    )


def test_an_archive_fix_makes_the_copy_what_was_sent_and_keeps_the_text_it_replaced(
    published, tmp_path
):
    # The archive copy lost a sentence that the email had.
    source = published / "emails" / "unlinked.md"
    source.write_text(source.read_text() + "\nSee you soon.\n")
    assert refused(published, tmp_path / "unexplained")

    add_fields(published, "Archive-Fix: 2025-09-05 12:00 +02:00 — The copy lacked its last line.")
    site = publish(published, tmp_path / "fixed")
    record = ledger_of(published)["emails/unlinked.md"]
    assert record["body"] == AS_SENT + "\n\nSee you soon.\n"
    (fix,) = record["archive_fixes"]
    assert fix["date"] == "2025-09-05 12:00 +02:00"
    assert fix["replaced"]["body"] == AS_SENT + "\n"
    note = site.html("/emails/unlinked/").select_one(".archive-fix").get_text(" ", strip=True)
    assert "fixed on" in note and "The copy lacked its last line." in note
    assert "See you soon." in eml_body(site, "unlinked")

    # The fix was for that change; another one needs its own.
    source.write_text(source.read_text().replace("See you soon.", "See you!"))
    assert refused(published, tmp_path / "changed again")


@pytest.mark.parametrize(
    ("field", "says"),
    [
        ("Correction: We said Monday.", 'needs its time first; write it as "2025-12-02'),
        ("Correction: 2025-09-02 08:00 — We said Monday.", "has no time zone"),
        ("Correction: 2025-08-30 08:00 +02:00 — We said Monday.", "is before the email was sent"),
        ("Correction: 2099-01-01 08:00 +02:00 — We said Monday.", "is in the future"),
        ("Archive-Fix: soon — the copy", "is not a date and time"),
    ],
)
def test_a_correction_without_a_proper_time_is_refused_naming_the_field(
    published, tmp_path, field, says
):
    add_fields(published, field)
    (problem,) = refused(published, tmp_path / "refused")
    name = field.split(":")[0]
    assert problem.startswith(f"content/emails/unlinked.md: {name}: ")
    assert says in problem


def test_corrections_out_of_order_are_refused(published, tmp_path):
    add_fields(published, SECOND, FIRST)
    (problem,) = refused(published, tmp_path / "refused")
    assert "is before the one above it; oldest first" in problem


def test_a_ledger_of_version_one_keeps_its_corrected_texts_and_holds_to_the_text_as_sent(
    published, tmp_path
):
    # Candor before version 2 kept a correction as the corrected text.
    ledger = json.loads((published / "ledger.json").read_text())
    record = ledger["emails"]["emails/unlinked.md"]
    old = {"subject": record["subject"], "body": "We are open longer from Tuesday.\n"}
    record["corrections"] = [{**old, "fingerprint": "sha256:0", "correction": "Tuesday."}]
    ledger["version"] = 1
    (published / "ledger.json").write_text(json.dumps(ledger))
    source = published / "emails" / "unlinked.md"
    source.write_text(source.read_text().replace("from Monday", "from Tuesday"))

    (problem,) = refused(published, tmp_path / "refused")
    assert "differs from what customers received" in problem

    source.write_text(source.read_text().replace("from Tuesday", "from Monday"))
    add_fields(published, FIRST)
    publish(published, tmp_path / "as sent")
    corrections = ledger_of(published)["emails/unlinked.md"]["corrections"]
    assert corrections[0]["correction"] == "Tuesday."  # history kept
    assert corrections[1]["date"] == "2025-09-02 08:00 +02:00"


def test_a_ledger_from_a_newer_candor_is_refused(published, tmp_path):
    ledger = json.loads((published / "ledger.json").read_text())
    (published / "ledger.json").write_text(json.dumps({**ledger, "version": 3}))
    (problem,) = refused(published, tmp_path / "refused")
    assert "is version 3, which this Candor cannot read: update Candor" in problem


def test_the_sample_email_corrected_twice_keeps_its_text_as_sent(tmp_path):
    # The sample's .eml is kept as sent, with the sample site's own public address.
    sample_url = "https://notes.tandemrooms.example"
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    first = "Correction: 2025-12-02 10:30 -05:00 — Nobody received more than 23 messages."
    second = "Correction: 2025-12-04 16:00 -05:00 — The review now covers test lists too."
    add_fields(content, first, second, email="2025-12-01-apology.md")
    site = BuiltSite(build_site(content, tmp_path / "output", "publishconf.py"))

    page = site.html("/emails/apology-duplicate-emails/")
    shown = [li.get_text(" ", strip=True) for li in page.select("#corrections li")]
    assert len(shown) == 2
    assert shown[0].endswith("Nobody received more than 23 messages.")
    assert shown[1].endswith("The review now covers test lists too.")
    sent_text = ledger_of(PROJECT / "content")["emails/2025-12-01-apology.md"]["body"]
    as_sent = " ".join(sent_text.split())
    assert " ".join(page.select_one(".email-body").get_text(" ").split()) == as_sent
    assert " ".join(eml_body(site, "apology-duplicate-emails").split("\n-- \n")[0].split()) == (
        as_sent
    )

    # Renamed after sending, the sample post keeps every link of the .eml leading to it:
    # each link into the site, in the text and the HTML part, resolves in the new build
    # (a page, or a redirect page whose canonical address is a page).
    eml = site.path("/emails/apology-duplicate-emails.eml").read_bytes()
    post = content / "posts" / "2025-12-01-duplicate-emails.md"
    post.write_text(post.read_text().replace("Slug: duplicate-emails-", "Slug: emails-pile-"))
    email = content / "emails" / "2025-12-01-apology.md"
    email.write_text(email.read_text().replace("Post: duplicate-emails-", "Post: emails-pile-"))
    renamed = BuiltSite(build_site(content, tmp_path / "renamed", "publishconf.py"))
    links = links_into_the_site(eml, sample_url)
    assert f"{sample_url}/posts/duplicate-emails-november-2025/" in links
    redirects = 0
    for link in links:
        address = link.removeprefix(sample_url).split("#")[0]
        assert renamed.exists(address), link
        if renamed.html(address).find("meta", attrs={"http-equiv": "refresh"}):
            redirects += 1
            canonical = renamed.html(address).find("link", rel="canonical")["href"]
            assert renamed.exists(canonical.removeprefix(sample_url)), link
    assert redirects == 1  # the post's old address


def links_into_the_site(eml: bytes, site_url: str) -> set[str]:
    message = BytesParser(policy=policy.default).parsebytes(eml)
    html = message.get_body(("html",)).get_content()
    hrefs = {a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)}
    text = message.get_body(("plain",)).get_content().split()
    return {link for link in hrefs | set(text) if link.startswith(site_url + "/")}
