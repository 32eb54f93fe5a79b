"""The ledger (`content/ledger.json`): what customers received and each feed entry's id.

store.py         reading, checking and saving the ledger
sent_emails.py   a sent email compared with what the ledger recorded
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import sent_emails


def load_ledger(build: Build) -> None:
    build.state.ledger = sent_emails.load_ledger(build.context, build.state.problems)


def check_sent_emails(build: Build) -> None:
    if build.state.ledger is not None:
        sent_emails.check_sent_emails_unchanged(
            build.context["emails"], build.state.ledger, build.state.problems
        )


# The ledger is saved by `python -m candor build`, once the site is built,
# checked and in place, so a failed publish records nothing.
FEATURE = Feature("ledger", links=(load_ledger,), checks=(check_sent_emails,))
