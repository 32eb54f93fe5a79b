"""The ledger: a committed record of what customers have already received.

`content/ledger.json` (setting CANDOR_LEDGER_PATH, relative to PATH) holds, for
every email that a publish build has published, a fingerprint of its subject and
body together with the text itself, so a later change can be shown, not just
detected; and the permanent feed id of every post, email and feed (entry_ids.py).
Keys are source paths relative to the content folder: renaming the subject or the
slug does not lose the record.

Only strict builds (`make publish`) write the ledger, and only once the site is
built, has passed its checks and is in place (cli.py); every build compares
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

LEDGER_VERSION = 1


class LedgerUnreadable(Exception):
    pass


@dataclass
class Ledger:
    path: str
    emails: dict[str, dict] = field(default_factory=dict)
    entries: dict[str, dict] = field(default_factory=dict)
    feeds: dict[str, str] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: str) -> Ledger:
        if not os.path.exists(path):
            return cls(path)
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            return cls(
                path,
                dict(data.get("emails", {})),
                dict(data.get("entries", {})),
                dict(data.get("feeds", {})),
            )
        except (OSError, ValueError, AttributeError) as error:
            raise LedgerUnreadable(
                f"cannot be read ({error}); restore it from version control"
            ) from error

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
    correction: str | None = None


def latest_record(entry: dict) -> SentRecord:
    """What the ledger says customers last saw: the original, or its latest correction."""
    latest = (entry.get("corrections") or [entry])[-1]
    return SentRecord(
        latest["subject"], latest["body"], latest["fingerprint"], latest.get("correction")
    )


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


def check_sent_email(
    ledger: Ledger,
    key: str,
    subject: str,
    current: str,
    correction: str | None,
    body_text: Callable[[], str],
) -> str | None:
    """Compare one sent email (its fingerprint, `current`) with the ledger.

    Returns None when it matches or is new (and records it as pending), or the
    description of an unexplained change. A change is explained by a
    `Correction:` note that the ledger has not seen yet. The body's text, kept
    in the ledger to show what changed, is only made when it is needed.
    """
    entry = ledger.emails.get(key)
    if entry is not None and latest_record(entry).fingerprint == current:
        return None
    if entry is None:
        # The text is made when the ledger is saved: most builds never save it.
        ledger.emails[key] = {"subject": subject, "body": body_text, "fingerprint": current}
        ledger.changed = True
        return None
    body = body_text()
    before = latest_record(entry)
    if correction and correction != before.correction:
        entry.setdefault("corrections", []).append(
            {"subject": subject, "body": body, "fingerprint": current, "correction": correction}
        )
        ledger.changed = True
        return None
    return describe_change(before, subject, body)
