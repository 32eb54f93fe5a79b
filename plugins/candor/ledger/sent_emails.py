"""Checks that need the whole build: what was sent must match what the ledger recorded."""

from __future__ import annotations

import os
import re

from ..build.problems import ProblemLog
from ..text.plain_text import html_to_text
from .store import Ledger, LedgerUnreadable, check_sent_email, fingerprint, latest_record

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
    """A sent email's subject and body must match the ledger, unless a new Correction says why."""
    for email in emails:
        email.sent_fingerprint = None  # a cached email object may carry last build's
        change = check_sent_email(
            ledger,
            email.relative_source_path,
            email.subject or "",
            sent_fingerprint(email),
            email.correction,
            lambda email=email: html_to_text(email._content),
        )
        if change and only_line_breaks_differ(email, ledger):
            problems.add(
                email.source_path,
                "Subject/body",
                "changed since it was sent: only its line breaks differ. A single line break "
                "in an email is a line break customers see, so join the lines of each "
                "paragraph the way they were sent (or add a Correction: note if the email "
                "itself was wrong)",
            )
        elif change:
            problems.add(
                email.source_path,
                "Subject/body",
                f"changed since it was sent ({change}). Customers received the original: "
                "undo the change, or add a Correction: note saying what changed and why",
            )


def only_line_breaks_differ(email, ledger: Ledger) -> bool:
    """Whether the email, its line breaks read as spaces, is what the ledger recorded:
    a paragraph wrapped over lines, written before emails kept their lines, or re-wrapped."""
    entry = ledger.emails.get(email.relative_source_path)
    if entry is None:
        return False
    joined = LINE_BREAK.sub(" ", email._content)
    return fingerprint(email.subject or "", joined) == latest_record(entry).fingerprint
