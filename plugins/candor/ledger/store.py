"""The ledger: a committed record of what customers have already received.

`content/ledger.json` (setting CANDOR_LEDGER_PATH, relative to PATH) holds, for
every email that a publish build has published, a fingerprint of its subject and
body together with the text itself, so a later change can be shown, not just
detected; and the permanent feed id of every post, email and feed (feeds/entry_ids.py).
Keys are source paths relative to the content folder: renaming the subject or the
slug does not lose the record.

Only strict builds (`make publish`) write the ledger, and only once the site is
built, has passed its checks and is in place (commands/cli.py); every build compares
against it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

# 2: corrections are dated notes beside the text as sent (1 kept corrected texts).
LEDGER_VERSION = 2


RESTORE = "restore it from version control (git checkout, or git log -p to find the last good one)"
SENT_FIELDS = ("subject", "body", "fingerprint")
NOTE_FIELDS = ("date", "note")


class LedgerUnreadable(Exception):
    pass


class RepeatedKey(ValueError):
    pass


def without_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    """json's `object_pairs_hook`: a key given twice is an error, not the last one kept."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen = set()
        raise RepeatedKey(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return data


def leaves_the_site(address: str) -> bool:
    """An address whose page would be written outside the site: from the root ("/x/")
    or up (".."); Pelican's writer would stop with a traceback."""
    return address.startswith(("/", "\\")) or ".." in address.replace("\\", "/").split("/")


def is_sent_record(record) -> bool:
    return isinstance(record, dict) and all(isinstance(record.get(n), str) for n in SENT_FIELDS)


def is_note(note) -> bool:
    """A dated note; or, from a version 1 ledger, a corrected text (kept as history)."""
    if not isinstance(note, dict):
        return False
    if "note" not in note:
        return is_sent_record(note)
    replaced = note.get("replaced")
    return all(isinstance(note.get(n), str) for n in NOTE_FIELDS) and (
        replaced is None or is_sent_record(replaced)
    )


def shape_error(data) -> str | None:
    """What is wrong with the ledger's structure, or None: each record is read as written."""
    if not isinstance(data, dict):
        return f"holds a JSON {type(data).__name__}, not an object with emails, entries and feeds"
    version = data.get("version", 1)
    if not isinstance(version, int) or not 1 <= version <= LEDGER_VERSION:
        return f"is version {version!r}, which this Candor cannot read: update Candor"
    for part in ("emails", "entries", "feeds"):
        if not isinstance(data.get(part, {}), dict):
            return f'its "{part}" is not an object of records by file'
    for key, entry in data.get("emails", {}).items():
        if not is_sent_record(entry):
            return f'emails: "{key}" lacks a text subject, body or fingerprint'
        for part in ("corrections", "archive_fixes"):
            notes = entry.get(part, [])
            if not isinstance(notes, list) or not all(map(is_note, notes)):
                return f'emails: "{key}": its "{part}" is not a list of dated notes'
        headers = entry.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            return f'emails: "{key}": its "headers" is not an object of texts'
        links = entry.get("links", [])
        if not isinstance(links, list) or not all(isinstance(a, str) for a in links):
            return f'emails: "{key}": its "links" is not a list of addresses'
    for key, entry in data.get("entries", {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            return f'entries: "{key}" has no text id'
    if not isinstance(data.get("addresses", {}), dict):
        return 'its "addresses" is not an object of address lists by file'
    for key, addresses in data.get("addresses", {}).items():
        if not isinstance(addresses, list) or not all(isinstance(a, str) for a in addresses):
            return f'addresses: "{key}" is not a list of addresses'
        leaving = next((a for a in addresses if leaves_the_site(a)), None)
        if leaving is not None:
            return (
                f'addresses: "{key}" holds "{leaving}", which is not an address inside the '
                'site; write addresses as the posts\' URLs are, like "posts/my-slug/"'
            )
    for key, feed_id in data.get("feeds", {}).items():
        if not isinstance(feed_id, str):
            return f'feeds: "{key}" is not a text id'
    return None


@dataclass
class Ledger:
    path: str
    emails: dict[str, dict] = field(default_factory=dict)
    entries: dict[str, dict] = field(default_factory=dict)
    feeds: dict[str, str] = field(default_factory=dict)
    # Every address each post and email has had, by source file (addresses.py).
    addresses: dict[str, list[str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: str) -> Ledger:
        if not os.path.exists(path):
            return cls(path)
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise LedgerUnreadable(f"cannot be read ({error}); {RESTORE}") from None
        try:
            data = json.loads(text, object_pairs_hook=without_repeated_keys)
        except json.JSONDecodeError as error:
            raise LedgerUnreadable(
                f"is not JSON (line {error.lineno}, column {error.colno}: {error.msg}); {RESTORE}"
            ) from None
        except RepeatedKey as error:
            raise LedgerUnreadable(
                f'has "{error}" twice, as a merge can leave it; keep the one that was '
                "published (`git log -p` on the file shows it) and delete the other"
            ) from None
        wrong = shape_error(data)
        if wrong:
            raise LedgerUnreadable(f"{wrong}; {RESTORE}")
        return cls(
            path,
            data.get("emails", {}),
            data.get("entries", {}),
            data.get("feeds", {}),
            data.get("addresses", {}),
        )

    def save(self) -> None:
        """Write atomically, keys sorted, so the file diffs cleanly in review."""
        for entry in self.emails.values():
            if callable(entry["body"]):
                entry["body"] = entry["body"]()
        data = {
            "version": LEDGER_VERSION,
            "emails": self.emails,
            "entries": self.entries,
            "feeds": self.feeds,
        }
        if self.addresses:
            data["addresses"] = self.addresses
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        folder = os.path.dirname(self.path) or "."
        handle, temporary = tempfile.mkstemp(prefix=".ledger-", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            # mkstemp makes the file 0600: keep the ledger's own mode (a new one: 0644).
            mode = os.stat(self.path).st_mode if os.path.exists(self.path) else 0o644
            os.chmod(temporary, stat.S_IMODE(mode))
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)  # a full disk must not leave half a ledger beside it
            raise
        self.changed = False


def fingerprint(subject: str, body_html: str) -> str:
    """The subject and the body's HTML with its whitespace collapsed: re-wrapping the
    Markdown is not a change, any change to a word or a link is."""
    body = " ".join(body_html.split())
    digest = hashlib.sha256(f"{subject}\n\n{body}".encode()).hexdigest()
    return f"sha256:{digest}"


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
