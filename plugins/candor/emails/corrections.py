"""Corrections and archive fixes of a sent email: dated notes beside the text as sent.

An email that has been sent cannot change: its file keeps the subject and body
customers received, and the ledger holds it to that. What can follow it is a note:

    Correction: 2025-12-02 10:30 -05:00 — The email said up to 25 messages; ...
    Archive-Fix: 2025-12-03 09:00 -05:00 — This copy lacked the last sentence ...

- A **correction** says the email itself was wrong. The text stays as sent; the
  web version shows it, then every correction in order, dated; feeds carry them,
  and the email's feed entry is updated at the latest one.
- An **archive fix** says this file was a wrong copy of what was sent (a sentence
  lost when it was pasted in). The author makes the text what customers really
  received and adds the note; the ledger keeps the text it replaced, and the web
  version says when and why its copy was fixed.

Both fields may be given any number of times, oldest first. Each is a time with
its zone, a dash (—, – or -) and the note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from ..text.shown_times import ShownTime, shown_moment
from ..text.timestamps import TIME_THEN_TEXT, TimestampError, elapsed, parse_timestamp

EXAMPLE = "2025-12-02 10:30 -05:00 — what was wrong, and what is right"
NOTE_FIELDS = (("correction", "Correction"), ("archive-fix", "Archive-Fix"))


@dataclass(frozen=True)
class DatedNote:
    """One correction or archive fix: when, as written and as shown, and what it says."""

    written_time: str
    moment: datetime
    note: str

    @property
    def shown(self) -> ShownTime:
        return shown_moment(self.moment)

    def record(self) -> dict:
        """As the ledger keeps it: the time exactly as written, and the note."""
        return {"date": self.written_time, "note": self.note}


def written_values(metadata: dict, key: str) -> list[str]:
    """Every value of a field given once or several times (Pelican gives a list then)."""
    value = metadata.get(key)
    if value is None:
        return []
    return [str(item) for item in (value if isinstance(value, list) else [value])]


def read_notes(metadata: dict, key: str, field: str, sent, now) -> tuple[list, list]:
    """([DatedNote], [(field, problem)]) for one of the two fields."""
    notes: list[DatedNote] = []
    errors: list[tuple[str, str]] = []
    for written in written_values(metadata, key):
        parts = TIME_THEN_TEXT.match(written)
        if parts is None or not parts["text"].strip():
            errors.append((field, f'"{written}" needs its time first; write it as "{EXAMPLE}"'))
            continue
        try:
            moment = parse_timestamp(parts["time"])
        except TimestampError as problem:
            errors.append((field, f"{problem}; write it as {EXAMPLE!r}"))
            continue
        if sent is not None and elapsed(sent, moment).total_seconds() < 0:
            errors.append((field, f'"{parts["time"]}" is before the email was sent'))
        elif elapsed(moment, now).total_seconds() < 0:
            errors.append((field, f'"{parts["time"]}" is in the future'))
        elif notes and elapsed(notes[-1].moment, moment).total_seconds() < 0:
            errors.append((field, f'"{parts["time"]}" is before the one above it; oldest first'))
        notes.append(DatedNote(parts["time"].strip(), moment, " ".join(parts["text"].split())))
    return notes, errors


def read_corrections(email, now: datetime) -> list[tuple[str, str]]:
    """Set `email.corrections` and `email.archive_fixes`; return [(field, problem)]."""
    errors: list[tuple[str, str]] = []
    sent = getattr(email, "sent", None)
    corrections, problems = read_notes(email.metadata, "correction", "Correction", sent, now)
    errors += problems
    fixes, problems = read_notes(email.metadata, "archive-fix", "Archive-Fix", sent, now)
    errors += problems
    if email.is_draft:
        for field, notes in (("Correction", corrections), ("Archive-Fix", fixes)):
            if notes:
                errors.append((field, "is for a sent email; a draft is simply edited"))
    email.corrections, email.archive_fixes = corrections, fixes
    return errors


def last_corrected(email) -> datetime | None:
    corrections = getattr(email, "corrections", None)
    return corrections[-1].moment if corrections else None


def corrections_html(email) -> str:
    """The corrections as a feed entry carries them after the text as sent."""
    if not getattr(email, "corrections", None):
        return ""
    items = "".join(
        f'<li><time datetime="{c.shown.iso}">{escape(c.shown.text)}</time>: {escape(c.note)}</li>'
        for c in email.corrections
    )
    return (
        '<section class="corrections"><h2>Corrections</h2>'
        "<p>The email above is shown exactly as it was sent. Since then:</p>"
        f"<ol>{items}</ol></section>"
    )
