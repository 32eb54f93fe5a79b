"""The email to send, read from the content as `make publish` reads it, made into its message.

The content is read by Pelican with the plugin, as a publish build does, up to
the point where a build would write: every file read, linked and checked, and
a problem that would stop a publish stops the send. The message is then made
by the same code as the `.eml` files (emails/message.py), with links at the
public SITEURL, so what customers receive is what the archive keeps.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

from pelican import signals

from ..build.problems import Problem, problem_log
from ..build.read_only import read_without_writing
from ..emails.generator import EmailGenerator
from ..emails.message import build_message, message_parts
from ..text.urls import public_base_url


class NotSendable(Exception):
    """The email cannot be sent as it is; `problems` say what to fix, one a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_content(settings: dict) -> tuple[dict, EmailGenerator]:
    """The content read as a publish reads it, nothing written; the context and the email
    reader. The plugin's run ends as usual (`finalized`), so a problem that would stop a
    publish raises BuildStopped here."""
    pelican, context, generators = read_without_writing(settings)
    # The build report counts what a build writes; a send has its own report.
    with contextlib.redirect_stderr(io.StringIO()):
        signals.finalized.send(pelican)
    (emails,) = [g for g in generators if isinstance(g, EmailGenerator)]
    return context, emails


def find_email(context: dict, name: str):
    """The email whose slug or file name is `name`."""
    every = context["emails"] + context["email_drafts"]
    for email in every:
        stem = email.source_path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if name in (email.slug, stem, email.relative_source_path):
            return email
    known = ", ".join(sorted(email.slug for email in every)) or "(no emails yet)"
    raise NotSendable([Problem("EMAIL", "", f'there is no email "{name}"; use one of: {known}')])


def check_sendable(email, context: dict, problems) -> list[Problem]:
    """What a draft must have before it can go out, beyond what every build checks."""
    found = []
    where = problems.shown(email.source_path)
    for field, value, missing in (
        ("From", email.sender, "add the sender, like Priya Raman <team@example.com>"),
        ("Audience", email.audience, "say in words who will receive this email"),
    ):
        if not value:
            found.append(Problem(where, field, f"is missing; {missing}"))
    if email.post is None and email.post_slug:
        posts = {p.slug: p for p in context["articles"] + context["hidden_articles"]}
        email.post = posts.get(email.post_slug)
        if email.post is None:
            found.append(
                Problem(
                    where,
                    "Post",
                    f'names "{email.post_slug}", which is not a published post; publish '
                    "the post first, so the link in the email works",
                )
            )
    return found


@dataclass(frozen=True)
class Outgoing:
    """The message, ready for each recipient's own headers."""

    head: bytes  # the headers every copy shares, without Message-ID
    body: bytes  # the blank line, then the two parts
    fingerprint: str  # of what customers read: subject, sender, reply address, both parts
    sender_address: str
    domain: str
    slug: str
    date: datetime
    text: str
    html: str
    message: bytes  # the whole message as the .eml keeps it (beside the ledger, once sent)


def compose(email, generator: EmailGenerator, settings: dict, date: datetime) -> Outgoing:
    email.sent = date
    base_url = public_base_url(settings)
    parts = message_parts(email, base_url, generator.message_template(), settings["SITENAME"])
    message = build_message(email, parts)
    head, _, body = message.partition(b"\r\n\r\n")
    shared = [line for line in head.split(b"\r\n") if not line.startswith(b"Message-ID:")]
    text, html = parts
    seen = "\0".join((email.subject, email.sender, email.reply_to or "", text, html))
    return Outgoing(
        head=b"\r\n".join(shared),
        body=b"\r\n\r\n" + body,
        fingerprint=hashlib.sha256(seen.encode("utf-8")).hexdigest(),
        sender_address=email.sender_address,
        domain=email.sender_address.rpartition("@")[2],
        slug=email.slug,
        date=date,
        text=text,
        html=html,
        message=message,
    )


def first_problems(context: dict) -> list[Problem]:
    return list(problem_log(context).problems)
