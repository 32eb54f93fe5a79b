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

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field

from .kept_messages import write_kept_messages

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
        if not isinstance(entry.get("message", ""), str) or leaves_the_site(
            entry.get("message", "")
        ):
            return f'emails: "{key}": its "message" is not a file name in the sends folder'
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
    # Messages as sent, made by this build, written beside the ledger when it is saved
    # (kept_messages.py); and the emails whose kept message an archive fix replaces.
    messages: dict[str, bytes] = field(default_factory=dict)
    remade_messages: set[str] = field(default_factory=set)

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
        write_kept_messages(folder, self.messages)  # before the ledger names them
        self.messages = {}
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
