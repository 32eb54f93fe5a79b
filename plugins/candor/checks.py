"""Checks that need the whole build: what was sent must match what the ledger recorded."""

from __future__ import annotations

import os

from .email_message import html_to_text
from .ledger import Ledger, LedgerUnreadable, check_sent_email
from .problems import ProblemLog


def ledger_path(settings: dict) -> str:
    return os.path.join(settings["PATH"], settings["CANDOR_LEDGER_PATH"])


def load_ledger(settings: dict, problems: ProblemLog) -> Ledger | None:
    path = ledger_path(settings)
    try:
        return Ledger.load(path)
    except LedgerUnreadable as error:
        problems.add(path, "", str(error), fatal=True)
        return None


def sent_text(email) -> str:
    """An email's body as the ledger records it: text from the reader's HTML, before
    Pelican resolves links, so a different SITEURL is not a change."""
    return html_to_text(email._content)


def check_sent_emails_unchanged(emails: list, ledger: Ledger, problems: ProblemLog) -> None:
    """A sent email's subject and body must match the ledger, unless a new Correction says why.

    The body is compared as text from the reader's HTML before Pelican resolves
    links, so a different SITEURL (development or publish) is not a change.
    """
    for email in emails:
        body = sent_text(email)
        change = check_sent_email(
            ledger, email.relative_source_path, email.subject or "", body, email.correction
        )
        if change:
            problems.add(
                email.source_path,
                "Subject/body",
                f"changed since it was sent ({change}). Customers received the original: "
                "undo the change, or add a Correction: note saying what changed and why",
            )
