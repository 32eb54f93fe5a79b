"""Email announcements: the email customers received, linked both ways to its post."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime, timedelta, timezone
from email.utils import formataddr
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup
from jinja2 import Template

from candor.build.problems import BuildStopped
from candor.emails.message import build_message, message_parts
from conftest import BuiltSite, build_site

SITEURL = "https://news.example.org"


def parse_eml(site, slug: str) -> email.message.EmailMessage:
    raw = site.path(f"/emails/{slug}.eml").read_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default)


def problems_of(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


# --- reading and linking -------------------------------------------------------------


def test_a_post_and_its_email_are_linked_from_either_side(build_test_data):
    site = build_test_data("emails_linked")
    # The email names the post (Post: login-outage) ...
    outage = site.html("/posts/login-outage/").select_one("aside.email-box")
    assert "We're sorry about Tuesday's login outage" in outage.get_text()
    assert outage.find("a")["href"] == "/emails/outage-apology/"
    # ... or the post names the email (Email: patience-note).
    patience = site.html("/posts/thanks-for-patience/").select_one("aside.email-box")
    assert "Thank you for your patience" in patience.get_text()
    # A post without an email has no box.
    assert site.html("/posts/no-email/").select_one("aside.email-box") is None


def test_the_email_box_says_when_to_whom_and_how_many(build_test_data):
    site = build_test_data("emails_linked")
    box = " ".join(site.html("/posts/login-outage/").select_one("aside.email-box").stripped_strings)
    assert "Sent on Thu 02 October 2025 to Everyone who tried to log in on Tuesday" in box
    assert "(2,310 recipients)" in box
    assert site.html("/posts/login-outage/").select_one("aside time")["datetime"] == (
        "2025-10-02T09:30:00-04:00"
    )


def test_the_web_version_shows_the_email_as_sent_and_links_to_its_post(build_test_data):
    site = build_test_data("emails_linked")
    page = site.html("/emails/outage-apology/")
    assert page.find("h1").get_text() == "We're sorry about Tuesday's login outage"
    header = {
        dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select("dl.email-header dt")
    }
    assert header == {
        "Subject": "We're sorry about Tuesday's login outage",
        "From": "Sam Ortiz <support@example.com>",
        "Sent": "Thu 2 Oct 2025, 9:30 am UTC-04:00",
        "To": "Everyone who tried to log in on Tuesday (2,310 recipients)",
    }
    assert "Nothing was lost." in page.select_one(".email-body").get_text()
    story = page.find("a", string="The login outage")
    assert story["href"] == "/posts/login-outage/"
    assert page.select_one(".notice") is None, "the post was not modified after sending"


def test_the_web_version_says_when_the_post_changed_after_the_email_was_sent(build_test_data):
    site = build_test_data("emails_linked")
    notice = site.html("/emails/patience-note/").select_one("p.notice")
    assert "updated on" in notice.get_text() and "after this email was sent" in notice.get_text()
    assert notice.find("time")["datetime"] == "2025-10-09T08:00:00-04:00"


def test_the_archive_lists_every_sent_email_newest_first_with_its_post(build_test_data):
    site = build_test_data("emails_linked")
    items = site.html("/emails/").select("ol.email-archive > li")
    subjects = [item.find("h2").get_text(strip=True) for item in items]
    assert subjects == [
        "Thank you for your patience",
        "We're sorry about Tuesday's login outage",
        "Our new office hours",
    ]
    posts = [item.find("a", string=True, href=lambda h: "/posts/" in h) for item in items]
    assert [p and p.get_text() for p in posts] == [
        "Thanks for your patience",
        "The login outage",
        None,
    ]


def test_drafts_are_checked_but_never_published(build_test_data):
    site = build_test_data("emails_linked")
    assert not site.exists("/emails/draft/")
    assert not site.exists("/emails/draft.eml")
    assert "Coming soon" not in site.text("/emails/")


def test_emails_are_never_read_as_posts_even_when_posts_are_read_from_everywhere(
    build_test_data,
):
    site = build_test_data("emails_linked", ARTICLE_PATHS=[""])
    index = site.text("/")
    assert "Our new office hours" not in index
    assert not any("office-hours" in str(p) for p in site.files() if "posts" in p.parts)
    # Nor in the feeds of posts: only in the emails' own feed.
    post_feed = feedparser.parse(site.path("/feeds/all.atom.xml").read_bytes())
    email_feed = feedparser.parse(site.path("/feeds/emails.atom.xml").read_bytes())
    assert not [e for e in post_feed.entries if ":emails/" in e.id]
    assert any(e.title == "Our new office hours" for e in email_feed.entries)


# --- the send-ready message ----------------------------------------------------------


def test_the_eml_is_a_multipart_alternative_utf8_message_with_the_sent_headers(
    build_test_data,
):
    site = build_test_data("emails_linked", SITEURL=SITEURL)
    message = parse_eml(site, "outage-apology")
    assert message["Subject"] == "We're sorry about Tuesday's login outage"
    assert message["From"] == "Sam Ortiz <support@example.com>"
    assert message["Reply-To"] == "Help Desk <help@example.com>"
    assert message["Date"] == "Thu, 02 Oct 2025 09:30:00 -0400"
    assert message["Date"].datetime.isoformat() == "2025-10-02T09:30:00-04:00"
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in parts)
    raw = site.path("/emails/outage-apology.eml").read_bytes()
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"), "RFC 5322 line ends"


def test_the_text_part_reads_on_its_own_with_links_written_out(build_test_data):
    site = build_test_data("emails_linked", SITEURL=SITEURL)
    text = parse_eml(site, "outage-apology").get_body(("plain",)).get_content()
    assert all(len(line) <= 72 or "://" in line for line in text.splitlines())
    assert "\n- Nothing was lost." in text
    text = " ".join(text.split())  # wrapped at 72 columns: compare the words
    assert f"our write-up ({SITEURL}/posts/login-outage/)" in text
    assert "status page (https://status.example.com/)" in text
    assert f"View this email in your browser: {SITEURL}/emails/outage-apology/" in text
    assert f"Read the full story: {SITEURL}/posts/login-outage/" in text
    assert "<" not in text


def test_the_html_part_has_its_css_inlined_and_absolute_links(build_test_data):
    site = build_test_data("emails_linked", SITEURL=SITEURL)
    html = parse_eml(site, "outage-apology").get_body(("html",)).get_content()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("style") is None
    assert "max-width: 600px" in soup.select_one("div.wrapper")["style"]
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert f"{SITEURL}/emails/outage-apology/" in hrefs
    assert f"{SITEURL}/posts/login-outage/" in hrefs
    assert all(h.startswith(("https://", "mailto:")) for h in hrefs), hrefs


def test_an_email_without_a_post_has_no_story_link_and_builds_byte_identically(
    build_test_data, tmp_path
):
    site = build_test_data("emails_linked", SITEURL=SITEURL)
    message = parse_eml(site, "unlinked")
    assert "Read the full story" not in message.get_body(("plain",)).get_content()
    first = site.path("/emails/unlinked.eml").read_bytes()
    again = build_test_data("emails_linked", SITEURL=SITEURL)
    assert again.path("/emails/unlinked.eml").read_bytes() == first


def test_a_subject_and_sender_name_beyond_ascii_survive_in_the_eml():
    sent = datetime(2025, 10, 2, 9, 30, tzinfo=timezone(timedelta(hours=-4)))
    announcement = SimpleNamespace(
        url="emails/desole/",
        post=None,
        content="<p>Voilà.</p>",
        subject="Désolé — nous avons envoyé trop d’e-mails à beaucoup trop de monde cette semaine",
        sender=formataddr(("Renée Côté", "renee@example.com")),
        sender_address="renee@example.com",
        reply_to=None,
        sent=sent,
        slug="desole",
    )
    parts = message_parts(announcement, SITEURL, Template("<p>{{ email.subject }}</p>"))
    raw = build_message(announcement, parts)
    assert raw.isascii() and raw.count(b"\n") == raw.count(b"\r\n")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == announcement.subject
    assert message["From"] == "Renée Côté <renee@example.com>"
    assert "Voilà." in message.get_body(("plain",)).get_content()


# --- checks --------------------------------------------------------------------------


def test_links_to_missing_or_draft_partners_are_reported_with_file_and_field(
    read_test_data, caplog
):
    read = read_test_data("email_missing_partners")
    # Reported, and left unlinked: the build goes on without them.
    assert read.email("e").post is None and read.article("names-missing").email is None
    assert sorted(problems_of(caplog)) == [
        'content/emails/e.md: Post: names "no-such-post", but there is no post with that '
        "slug; use the slug of the post that tells this email's story",
        'content/emails/to-draft.md: Post: names "draft-post", which is still a draft post; '
        "publish the post or remove the Post field",
        'content/posts/p.md: Email: names "no-such-email", but there is no email with that '
        "slug; use one of: e, to-draft",
    ]


def test_two_emails_claiming_one_post_and_partners_that_disagree_are_reported(
    build_test_data, caplog
):
    site = build_test_data("email_conflicts")
    messages = problems_of(caplog)
    assert len(messages) == 4
    first = next(m for m in messages if m.startswith("content/emails/first.md: Post:"))
    assert 'post "shared" is linked to two emails' in first
    assert "content/emails/second.md (Post: shared)" in first
    disagree = next(m for m in messages if m.startswith("content/posts/disagree.md: Email:"))
    assert "content/emails/fourth.md (Post: disagree)" in disagree
    # Nothing ambiguous is linked: neither post shows an email box.
    assert site.html("/posts/shared/").select_one(".email-box") is None
    assert site.html("/posts/disagree/").select_one(".email-box") is None


def test_bad_fields_are_reported_together_and_the_site_still_builds(build_test_data, caplog):
    site = build_test_data("email_bad_fields")
    assert sorted(problems_of(caplog)) == sorted(
        [
            'content/emails/bad-sender.md: From: "Support Team <support at example dot com>" '
            "is not a valid email address; write it like Priya Raman <community@example.com>",
            'content/emails/bad-sender.md: Recipients: "many" is not a positive whole number; '
            "write how many people got it, like 1043",
            'content/emails/future.md: Sent: "2999-01-01 09:30 +00:00" is in the future; '
            "an email not sent yet is Status: draft",
            "content/emails/no-subject.md: Subject: is missing or empty; "
            "write the subject line exactly as sent",
            'content/emails/no-zone.md: Sent: "2025-10-02 09:30" has no time zone; add one, as in '
            '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"',
            'content/emails/zero.md: Recipients: "0" is not a positive whole number; '
            "write how many people got it, like 1043",
            'content/emails/zero.md: Sent: "not a date" is not a date and time; write it as '
            '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"',
        ]
    )
    assert site.exists("/posts/a-post/")


def test_a_strict_build_stops_on_the_same_problems_and_writes_nothing(build_test_data, tmp_path):
    with pytest.raises(BuildStopped) as stopped:
        build_test_data("email_bad_fields", CANDOR_STRICT=True)
    assert len(stopped.value.problems) == 7
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


# --- the ledger: what customers received cannot silently change -----------------------


@pytest.fixture
def published(build_test_data, tmp_path):
    """The emails_linked site after its first publish; returns its content folder."""
    build_test_data("emails_linked", "publishconf.py")
    return tmp_path / "content"


def rebuild(content: Path, output: Path, conf="publishconf.py"):
    return build_site(content, output, conf)


def test_the_first_publish_records_every_sent_email_in_the_ledger(published):
    ledger = json.loads((published / "ledger.json").read_text())
    assert sorted(ledger["emails"]) == [
        "emails/outage-apology.md",
        "emails/patience-note.md",
        "emails/unlinked.md",
    ]
    record = ledger["emails"]["emails/unlinked.md"]
    assert record["subject"] == "Our new office hours"
    assert record["body"] == "We are open longer from Monday.\n"
    assert record["fingerprint"].startswith("sha256:")


def test_a_development_build_does_not_write_the_ledger(build_test_data, tmp_path):
    build_test_data("emails_linked")
    assert not (tmp_path / "content" / "ledger.json").exists()


def test_changing_a_sent_email_fails_publish_showing_what_changed(published, tmp_path):
    source = published / "emails" / "unlinked.md"
    text = source.read_text()
    text = text.replace("Subject: Our new office hours", "Subject: Our longer office hours")
    source.write_text(text.replace("We are open longer", "We are open much longer"))
    ledger_before = (published / "ledger.json").read_bytes()
    with pytest.raises(BuildStopped) as stopped:
        rebuild(published, tmp_path / "again")
    (problem,) = stopped.value.problems
    message = str(problem)
    assert message.startswith(
        "content/emails/unlinked.md: Subject/body: differs from what customers"
    )
    assert 'subject was "Our new office hours", now "Our longer office hours"' in message
    assert "-We are open longer from Monday." in message
    assert "+We are open much longer from Monday." in message
    assert "add a note: Correction: <time>" in message
    assert (published / "ledger.json").read_bytes() == ledger_before


def test_a_different_siteurl_is_not_a_change(published, tmp_path):
    # Each of these raises BuildStopped if the ledger sees a change.
    rebuild(published, tmp_path / "dev", conf="pelicanconf.py")
    build_site(published, tmp_path / "other", "publishconf.py", SITEURL="https://b.example")
    assert json.loads((published / "ledger.json").read_text())["emails"]


def test_a_line_break_added_to_a_sent_email_is_a_change_with_its_own_hint(published, tmp_path):
    # One line break in an email is a line break customers see: not a re-wrapping. (So
    # is a paragraph wrapped over lines in a ledger recorded before emails kept lines.)
    hours = published / "emails" / "unlinked.md"
    hours.write_text(hours.read_text().replace("open longer from", "open longer\nfrom"))
    with pytest.raises(BuildStopped) as stopped:
        rebuild(published, tmp_path / "rewrapped")
    (problem,) = stopped.value.problems
    assert "only its line breaks differ" in str(problem)
    assert "join the lines" in str(problem)
    hours.write_text(hours.read_text().replace("open longer\nfrom", "open longer from"))
    source = published / "emails" / "outage-apology.md"
    original = source.read_text()
    source.write_text(original.replace("The details are in", "The full details are in"))
    with pytest.raises(BuildStopped) as stopped:
        rebuild(published, tmp_path / "reworded")
    assert "+On Tuesday logins failed for an hour. The full details are in" in str(
        stopped.value.problems[0]
    )
    assert "only its line breaks differ" not in str(stopped.value.problems[0])
    source.write_text(original)
    rebuild(published, tmp_path / "restored")  # raises BuildStopped if it saw a change


def test_pelicans_cache_reuses_a_message_only_while_nothing_it_is_made_from_changes(
    build_test_data, tmp_path
):
    cache = {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
        "SITEURL": SITEURL,
    }
    fresh = build_test_data("emails_linked", SITEURL=SITEURL)
    first = build_test_data("emails_linked", **cache)
    assert (tmp_path / "cache" / "candor-messages").exists()
    content = first.root.parent / "content1"
    again = BuiltSite(build_site(content, tmp_path / "again", **cache))
    for slug in ("outage-apology", "patience-note", "unlinked"):
        eml = f"/emails/{slug}.eml"
        assert (
            again.path(eml).read_bytes()
            == first.path(eml).read_bytes()
            == fresh.path(eml).read_bytes()
        )

    source = content / "emails" / "unlinked.md"
    source.write_text(source.read_text().replace("longer from Monday", "longer from Tuesday"))
    changed = BuiltSite(build_site(content, tmp_path / "changed", **cache))
    text = parse_eml(changed, "unlinked").get_body(("plain",)).get_content()
    assert "longer from Tuesday" in text


def test_an_empty_sent_field_on_a_sent_email_is_missing_not_silently_unpublished():
    from candor.emails.announcement import EmailAnnouncement, read_email_fields

    metadata = {
        "subject": "Hello",
        "sent": "",
        "from": "support@example.com",
        "audience": "Everyone",
        "recipients": "3",
    }
    announcement = EmailAnnouncement("<p>Hi</p>", metadata, source_path="/c/emails/e.md")
    errors = read_email_fields(announcement, datetime.now(UTC))
    assert errors == [("Sent", "is missing; add when it was sent, like 2025-12-01 09:15 -05:00")]
