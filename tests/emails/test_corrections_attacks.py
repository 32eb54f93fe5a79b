"""Corrections and archive fixes as a careless author, a merge or a hostile file would
write them: each test publishes a tiny site, edits it, and publishes again."""

from __future__ import annotations

import test_corrections
from test_corrections import (
    SECOND,
    add_fields,
    ledger_of,
    publish,
    refused,
)

# test_corrections.py's fixture, by name: the site published once.
published = test_corrections.published
FIX = "Archive-Fix: 2025-09-05 12:00 +02:00 — The copy lacked its last line."


def fix_the_copy(content):
    """The archive copy lost its last line: put it back and say so."""
    source = content / "emails" / "unlinked.md"
    source.write_text(source.read_text() + "\nSee you soon.\n")
    return add_fields(content, FIX)


def test_a_published_archive_fix_is_accepted_by_every_later_publish(published, tmp_path):
    fix_the_copy(published)
    publish(published, tmp_path / "fixed")
    # Nothing changed: the next publish must not ask to put back what is already there.
    publish(published, tmp_path / "again")
    add_fields(published, SECOND)
    publish(published, tmp_path / "corrected")
    record = ledger_of(published)["emails/unlinked.md"]
    assert len(record["archive_fixes"]) == 1 and "replaced" in record["archive_fixes"][0]
    assert len(record["corrections"]) == 1


def test_a_link_an_archive_fix_restores_is_recorded_as_sent(published, tmp_path):
    # The copy lost the line that linked to a post: customers have that link.
    source = published / "emails" / "unlinked.md"
    source.write_text(source.read_text() + "\nMore in [our note]({filename}../posts/thanks.md).\n")
    add_fields(published, FIX)
    publish(published, tmp_path / "fixed")
    record = ledger_of(published)["emails/unlinked.md"]
    assert "posts/thanks-for-patience/" in record["links"]
    assert record["archive_fixes"][0]["replaced"]["links"] == ["emails/unlinked/"]


def test_an_archive_fix_on_a_draft_is_refused_naming_the_archive_fix(published, tmp_path):
    add_fields(published, FIX, email="draft.md")
    (problem,) = refused(published, tmp_path / "refused")
    assert problem == (
        "content/emails/draft.md: Archive-Fix: is for a sent email; a draft is simply edited"
    )


def test_the_eml_of_a_sent_email_stays_as_sent_when_its_post_is_retitled(published, tmp_path):
    before = (tmp_path / "output" / "emails" / "patience-note.eml").read_bytes()
    post = published / "posts" / "thanks.md"
    post.write_text(post.read_text().replace("Title: Thanks for your patience", "Title: Thanks!"))
    after = publish(published, tmp_path / "retitled").path("/emails/patience-note.eml")
    assert after.read_bytes() == before


def test_the_sending_time_and_sender_of_a_sent_email_stay_as_sent(published, tmp_path):
    source = published / "emails" / "unlinked.md"
    as_sent = source.read_text()
    source.write_text(
        as_sent.replace("Sent: 2025-09-01 10:00", "Sent: 2025-09-03 10:00").replace(
            "Sam Ortiz <support@", "Sam Ortiz <sales@"
        )
    )
    problems = refused(published, tmp_path / "refused")
    assert sorted(problems) == [
        'content/emails/unlinked.md: From: was "Sam Ortiz <support@example.com>" when the '
        'email was sent, now "Sam Ortiz <sales@example.com>"; put it back (the ledger keeps '
        "it), or, if only this copy was wrong, add Archive-Fix: <time> — <what the copy got "
        "wrong>",
        'content/emails/unlinked.md: Sent: was "2025-09-01T10:00:00+02:00" when the email '
        'was sent, now "2025-09-03T10:00:00+02:00"; put it back (the ledger keeps it), or, if '
        "only this copy was wrong, add Archive-Fix: <time> — <what the copy got wrong>",
    ]
    # The same moment written in another zone is another Date header: also refused.
    source.write_text(as_sent.replace("10:00 +02:00", "08:00 +00:00"))
    assert refused(published, tmp_path / "zone")
    # An archive fix may say the copy's time was wrong; the ledger keeps the replaced one.
    source.write_text(as_sent.replace("Sent: 2025-09-01 10:00", "Sent: 2025-09-01 09:00"))
    add_fields(published, FIX)
    publish(published, tmp_path / "fixed")
    record = ledger_of(published)["emails/unlinked.md"]
    assert record["headers"]["sent"] == "2025-09-01T09:00:00+02:00"
    assert record["archive_fixes"][0]["replaced"]["headers"]["sent"] == (
        "2025-09-01T10:00:00+02:00"
    )


def test_a_kept_message_that_is_missing_stops_publish_naming_it(published, tmp_path):
    (published / "sends" / "unlinked.eml").unlink()
    problems = refused(published, tmp_path / "refused")
    assert problems == [
        "content/ledger.json: emails: emails/unlinked.md: names the message as sent, "
        "sends/unlinked.eml, which is missing beside the ledger: restore it from version "
        "control (git checkout, or git log -- on the file)"
    ]
