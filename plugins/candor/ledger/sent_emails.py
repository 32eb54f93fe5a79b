"""Checks that need the whole build: what was sent must match what the ledger recorded."""

from __future__ import annotations

import functools
import os
import re

from ..build.problems import ProblemLog
from ..text.plain_text import html_to_text
from .as_sent import SentEmail, as_sent, check_sent_email
from .store import Ledger, LedgerUnreadable, fingerprint

LINE_BREAK = re.compile(r"<br\s*/?>")


def ledger_path(settings: dict) -> str:
    return os.path.join(settings["PATH"], settings["CANDOR_LEDGER_PATH"])


def load_ledger(settings: dict, problems: ProblemLog) -> Ledger | None:
    path = ledger_path(settings)
    try:
        return Ledger.load(path)
    except LedgerUnreadable as error:
        problems.add(path, "", str(error), fatal=True)
        return None


def sent_fingerprint(email) -> str:
    """The fingerprint of what customers received, made once per build.

    It is taken from the reader's HTML before Pelican resolves links, so a
    different SITEURL (development or publish) is not a change.
    """
    if getattr(email, "sent_fingerprint", None) is None:
        email.sent_fingerprint = fingerprint(email.subject or "", email._content)
    return email.sent_fingerprint


def check_sent_emails_unchanged(emails: list, ledger: Ledger, problems: ProblemLog) -> None:
    """A sent email must stay as customers received it; corrections are notes beside it."""
    for email in emails:
        email.sent_fingerprint = None  # a cached email object may carry last build's
        sent = SentEmail(
            email.relative_source_path,
            email.subject or "",
            sent_fingerprint(email),
            functools.cache(lambda email=email: html_to_text(email._content)),
            [note.record() for note in email.corrections],
            [note.record() for note in email.archive_fixes],
            sent_headers(email),
        )
        for field, problem in check_sent_email(ledger, sent):
            if field == "Subject/body" and only_line_breaks_differ(email, ledger):
                problem = (
                    "changed since it was sent: only its line breaks differ. A single line "
                    "break in an email is a line break customers see, so join the lines of "
                    "each paragraph the way they were sent"
                )
            problems.add(email.source_path, field, problem)


def sent_headers(email) -> dict[str, str]:
    """The headers of the .eml that come from the email's file, as it writes them."""
    headers = {"sent": email.sent.isoformat(), "from": email.sender, "reply_to": email.reply_to}
    return {name: value for name, value in headers.items() if value}


def only_line_breaks_differ(email, ledger: Ledger) -> bool:
    """Whether the email, its line breaks read as spaces, is what the ledger recorded:
    a paragraph wrapped over lines, written before emails kept their lines, or re-wrapped."""
    entry = ledger.emails.get(email.relative_source_path)
    if entry is None:
        return False
    joined = LINE_BREAK.sub(" ", email._content)
    return fingerprint(email.subject or "", joined) == as_sent(entry).fingerprint
