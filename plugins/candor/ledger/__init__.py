"""The ledger (`content/ledger.json`): what customers received and each feed entry's id.

store.py         reading, checking and saving the ledger
as_sent.py       a sent email held to its record: text and headers as sent, dated notes
kept_messages.py the message as sent (`sends/<email>.eml`), published as it was
sent_emails.py   a sent email compared with what the ledger recorded
addresses.py     every address a post or email has had; redirects from the old ones
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import addresses, kept_messages, sent_emails
from .addresses import RedirectGenerator


def load_ledger(build: Build) -> None:
    build.state.ledger = sent_emails.load_ledger(build.context, build.state.problems)


def check_sent_emails(build: Build) -> None:
    if build.state.ledger is not None:
        sent_emails.check_sent_emails_unchanged(
            build.context["emails"], build.state.ledger, build.state.problems
        )


def check_kept_messages(build: Build) -> None:
    ledger = build.state.ledger
    for key, name in kept_messages.missing_messages(ledger) if ledger is not None else []:
        build.state.problems.add(
            ledger.path,
            f"emails: {key}",
            f"names the message as sent, {name}, which is missing beside the ledger: "
            "restore it from version control (git checkout, or git log -- on the file)",
        )


def keep_addresses(build: Build) -> None:
    """After posts and emails are linked: each old address redirects to the new one."""
    ledger = build.state.ledger
    redirects = addresses.record_addresses(build.context, ledger) if ledger is not None else []
    build.context["candor_redirects"] = redirects


def check_sent_links(build: Build) -> None:
    if build.state.ledger is not None:
        addresses.check_sent_links(build.context, build.state.ledger, build.state.problems)


# The ledger is saved by `python -m candor build`, once the site is built,
# checked and in place, so a failed publish records nothing.
FEATURE = Feature(
    "ledger",
    generators=(RedirectGenerator,),
    links=(load_ledger, keep_addresses),
    checks=(check_sent_emails, check_sent_links, check_kept_messages),
)
