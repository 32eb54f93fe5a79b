"""A sent email held to what customers received: its text, headers and dated notes.

The ledger's record of a sent email is the text as sent (subject, body, the
headers customers saw); corrections are dated notes beside it, and only an
archive fix (the recorded copy itself was wrong) replaces it, keeping what it
replaced. emails/corrections.py reads the notes from the email's file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from .store import NOTE_FIELDS, Ledger


@dataclass(frozen=True)
class SentRecord:
    subject: str
    body: str
    fingerprint: str


def as_sent(entry: dict) -> SentRecord:
    """What customers received: the record's own subject, body and fingerprint.

    Corrections never replace it (they are notes beside it); only an archive fix,
    which says the record itself was a wrong copy, does, keeping what it replaced.
    """
    return SentRecord(entry["subject"], entry["body"], entry["fingerprint"])


def recorded_notes(entry: dict, part: str) -> list[dict]:
    """The dated notes the ledger holds under `part` ("corrections" or "archive_fixes").

    A ledger written before corrections were notes (version 1) kept each corrected
    text as a correction; those stay in the file, as history, but are not notes.
    """
    return [note for note in entry.get(part, []) if "note" in note]


def describe_change(before: SentRecord, subject: str, body: str, limit: int = 6) -> str:
    """What changed, in a few lines an author can act on."""
    lines = []
    if before.subject != subject:
        lines.append(f'subject was "{before.subject}", now "{subject}"')
    if before.body != body:
        diff = difflib.unified_diff(before.body.splitlines(), body.splitlines(), lineterm="", n=0)
        changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        shown = changed[:limit]
        if len(changed) > limit:
            shown.append(f"... and {len(changed) - limit} more changed lines")
        lines.append("body changed:\n      " + "\n      ".join(shown))
    return "; ".join(lines)


@dataclass(frozen=True)
class SentEmail:
    """One sent email as this build read it: what the ledger is compared with."""

    key: str  # its source path, relative to the content folder
    subject: str
    fingerprint: str
    body_text: Callable[[], str]  # made only when the ledger needs the text
    corrections: list[dict]  # DatedNote.record() of each, oldest first
    archive_fixes: list[dict]
    # The headers customers got, as the .eml writes them: {"sent": ISO time, "from": ...}
    headers: dict[str, str] = field(default_factory=dict)


NOTE_PARTS = (("corrections", "Correction"), ("archive_fixes", "Archive-Fix"))


def lost_note(recorded: list[dict], written: list[dict], field: str) -> str | None:
    """A published note must stay as it was: the recorded ones begin the written ones."""
    for index, note in enumerate(recorded):
        # Only its date and note are written in the file; an archive fix's record
        # also keeps the text it replaced.
        as_written = {name: note[name] for name in NOTE_FIELDS}
        if index >= len(written) or written[index] != as_written:
            return (
                f"the {field} of {note['date']} was published and stays on the record: put it "
                f'back as it was ("{note["date"]} — {note["note"]}"), before any newer one; '
                f"to say more, add another {field}"
            )
    return None


def check_sent_email(ledger: Ledger, email: SentEmail) -> list[tuple[str, str]]:
    """Compare one sent email with the ledger; [(field, problem)], empty when it agrees.

    A new email is recorded (as pending: the ledger is saved after a publish). A
    new correction is recorded beside the text as sent; the text itself must not
    change, unless a new archive fix says the recorded copy was wrong.
    """
    entry = ledger.emails.get(email.key)
    if entry is None:
        # The text is made when the ledger is saved: most builds never save it.
        entry = {"subject": email.subject, "body": email.body_text}
        entry["fingerprint"] = email.fingerprint
        entry["headers"] = dict(email.headers)
        for part, _ in NOTE_PARTS:
            if getattr(email, part):
                entry[part] = list(getattr(email, part))
        ledger.emails[email.key] = entry
        ledger.changed = True
        return []
    problems = []
    for part, name in NOTE_PARTS:
        lost = lost_note(recorded_notes(entry, part), getattr(email, part), name)
        if lost:
            problems.append((name, lost))
    new_fixes = email.archive_fixes[len(recorded_notes(entry, "archive_fixes")) :]
    before = as_sent(entry)
    text_changed = before.fingerprint != email.fingerprint
    fixed = new_fixes and not problems
    if text_changed and not fixed:
        problems.append(("Subject/body", text_change_problem(before, email)))
    # Recorded since ledger version 2; an older record takes them from this build.
    if "headers" not in entry:
        entry["headers"] = dict(email.headers)
        ledger.changed = True
    recorded_headers = entry["headers"]
    headers_changed = recorded_headers != email.headers
    if headers_changed and not fixed:
        problems += header_change_problems(recorded_headers, email.headers)
    if problems:
        return problems
    if text_changed or headers_changed:  # an archive fix: the ledger's copy was wrong
        replaced = {"subject": before.subject, "body": before.body}
        replaced["fingerprint"] = before.fingerprint
        replaced["headers"] = recorded_headers
        entry["headers"] = dict(email.headers)
        if "links" in entry:
            # The fixed text is what was sent: its links are recorded from it
            # (addresses.check_sent_links), the replaced copy keeps its own.
            replaced["links"] = entry.pop("links")
        ledger.remade_messages.add(email.key)  # the kept .eml was made from the wrong copy
        new_fixes = [*new_fixes[:-1], {**new_fixes[-1], "replaced": replaced}]
        entry.update(subject=email.subject, body=email.body_text(), fingerprint=email.fingerprint)
    new_corrections = email.corrections[len(recorded_notes(entry, "corrections")) :]
    for part, notes in (("corrections", new_corrections), ("archive_fixes", new_fixes)):
        if notes:
            entry.setdefault(part, []).extend(notes)
            ledger.changed = True
    return []


HEADER_FIELDS = (("sent", "Sent"), ("from", "From"), ("reply_to", "Reply-To"))


def header_change_problems(recorded: dict, now: dict) -> list[tuple[str, str]]:
    return [
        (
            name,
            f'was "{recorded.get(key, "")}" when the email was sent, now "{now.get(key, "")}"; '
            "put it back (the ledger keeps it), or, if only this copy was wrong, add "
            "Archive-Fix: <time> — <what the copy got wrong>",
        )
        for key, name in HEADER_FIELDS
        if recorded.get(key, "") != now.get(key, "")
    ]


def text_change_problem(before: SentRecord, email: SentEmail) -> str:
    change = describe_change(before, email.subject, email.body_text())
    return (
        f"differs from what customers received ({change}). "
        "Put back the text as sent (the ledger keeps it); if the email itself was wrong, "
        "keep its text and add a note: Correction: <time> — <what was wrong and what is "
        "right>; if only this copy was wrong (not what was sent), make it what was sent "
        "and add Archive-Fix: <time> — <what the copy got wrong>"
    )
