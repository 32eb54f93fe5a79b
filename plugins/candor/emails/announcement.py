"""Email announcements: the exact emails customers received, kept as content.

One Markdown file per email under CANDOR_EMAILS_PATH (default `content/emails/`).
Fields: Subject (required), Sent (date, time and zone; required unless
`Status: draft`), From (`Name <address>`), Audience (who received it, in
words), Recipients (a whole number), and optionally Reply-To, Post (the slug of
the post that tells its story), and any number of dated Correction and
Archive-Fix notes (corrections.py).

Adds to each `EmailAnnouncement`: `subject`, `sent` (aware datetime), `sender`,
`sender_name`, `sender_address`, `reply_to`, `audience`, `recipients` (int),
`post_slug`, `corrections` and `archive_fixes` (`DatedNote`s), and `post` (set by
linking.py); for pages, already
formatted: `shown_sent_date` and `shown_sent` (`ShownTime`s) and `recipients_text`.
"""

from __future__ import annotations

import functools
import os
from datetime import datetime
from email.errors import NonASCIILocalPartDefect
from email.headerregistry import HeaderRegistry
from email.utils import formataddr

from email_validator import EmailNotValidError, validate_email
from pelican.contents import Page

from ..text.shown_times import ShownTime, shown_date, shown_moment
from ..text.timestamps import TimestampError, parse_timestamp
from .corrections import read_corrections

EXAMPLE_SENT = "2025-12-01 09:15 -05:00"


class EmailAnnouncement(Page):
    """An email as it was sent. Pelican reads it; Candor checks and renders it."""

    mandatory_properties = ()
    allowed_statuses = ("published", "draft")
    default_template = "email"

    def __init__(self, content, metadata=None, settings=None, source_path=None, context=None):
        metadata = dict(metadata or {})
        if source_path:
            # A slug from the file name stays put when the subject is reworded.
            metadata.setdefault("slug", os.path.splitext(os.path.basename(source_path))[0])
        # Pelican's pages, links and feeds expect a title: the subject is the title.
        metadata.setdefault("title", str(metadata.get("subject") or "").strip())
        super().__init__(content, metadata, settings, source_path, context)
        self.post = None
        self.post_modified_after_sent = False

    def _expand_settings(self, key: str) -> str:
        # Emails share one address pattern whatever their language: EMAIL_URL, EMAIL_SAVE_AS.
        key = key.removeprefix("lang_")
        return str(self.settings[f"EMAIL_{key.upper()}"]).format(**self.url_fields)

    @functools.cached_property
    def url_fields(self) -> dict:
        """Pelican's `url_format`, worked out once: it copies the metadata and finds the
        source path on every call, and an email's addresses are asked for many times."""
        return self.url_format

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    # What pages show of the sending, worked out once (the formats: shown_times.py).
    @functools.cached_property
    def shown_sent_date(self) -> ShownTime | None:
        """The day it was sent, as lists and the box on its post show it."""
        sent = getattr(self, "sent", None)
        return shown_date(sent, self.date_format) if sent else None

    @functools.cached_property
    def shown_sent(self) -> ShownTime | None:
        """The moment it was sent, in the zone it was written with, for the email's header."""
        return shown_moment(getattr(self, "sent", None))

    @functools.cached_property
    def recipients_text(self) -> str:
        """ "12,000 recipients"; empty when the count is not given."""
        count = getattr(self, "recipients", None)
        if not count:
            return ""
        return f"{count:,} recipient{'' if count == 1 else 's'}"

    # The .eml file and the development preview: EMAIL_EML_URL, EMAIL_PREVIEW_SAVE_AS, ...
    eml_url = property(lambda self: self._expand_settings("eml_url"))
    eml_save_as = property(lambda self: self._expand_settings("eml_save_as"))
    preview_url = property(lambda self: self._expand_settings("preview_url"))
    preview_save_as = property(lambda self: self._expand_settings("preview_save_as"))


def single_value(metadata: dict, key: str, errors: list, field: str) -> str | None:
    """A field's text, or None; a field given twice is an error, not a guess."""
    value = metadata.get(key)
    if isinstance(value, list):
        errors.append((field, "is given more than once; keep exactly one"))
        return None
    if value is None:
        return None
    return str(value).strip() or None


# The email package's own RFC 5322 parser: it sees a second address, a group or a
# stray word where parseaddr quietly keeps the first address it finds.
HEADER_PARSER = HeaderRegistry()
ONE_SENDER = "write exactly one address, like Priya Raman <community@example.com>"
# Defects that say nothing about which address is meant: email-validator judges the address.
HARMLESS_DEFECTS = (NonASCIILocalPartDefect,)


# A site sends from a handful of addresses: each is validated once per process, not
# once per email (validating one takes about as long as the rest of the checks).
@functools.lru_cache(maxsize=256)
def parse_address(text: str) -> tuple[tuple[str, str] | None, str | None]:
    """((name, address), None) for one `Name <address>` or bare address; else (None, what to do).

    Exactly one mailbox: no second address, no group (`team: a@x, b@y;`), no
    line break that would start another header, and no name that could be read
    as the address (`a@x <b@y>`); a name with `@` in it is fine in quotes.
    """
    if any(not character.isprintable() for character in text):
        return None, f"holds a line break or another control character; {ONE_SENDER}"
    try:
        header = HEADER_PARSER("From", text)
    except ValueError:  # an encoded word (=?utf-8?q?...=0A?=) that decodes to a line break
        return None, f'"{text}" hides a line break in an encoded word; {ONE_SENDER}'
    groups = header.groups
    if len(groups) != 1 or groups[0].display_name is not None or len(groups[0].addresses) != 1:
        return None, f'"{text}" is more than one address; {ONE_SENDER}'
    unclear = any(not isinstance(defect, HARMLESS_DEFECTS) for defect in header.defects)
    if unclear and text.count("@") > 1:  # two addresses, and which one is meant is a guess
        return None, (
            f'"{text}" is not one clear address (a name holding @, <, or a comma goes in '
            f"double quotes); {ONE_SENDER}"
        )
    mailbox = groups[0].addresses[0]
    address = None if unclear else ascii_address(mailbox.addr_spec)
    if address == "":
        return None, (
            f'"{text}" has letters outside ASCII before the @, which the message headers '
            "cannot carry; use an ASCII address (an international domain is fine)"
        )
    if not address:
        return None, (
            f'"{text}" is not a valid email address; write it like '
            f"Priya Raman <community@example.com>"
        )
    return (mailbox.display_name, address), None


def ascii_address(address: str) -> str | None:
    """The address as the headers carry it (an international domain in its xn-- form);
    "" for a valid address that has no such form (letters outside ASCII before the @),
    None for an invalid one."""
    try:
        valid = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return None
    return valid.ascii_email or ""


def parse_recipients(text: str) -> tuple[int | None, str | None]:
    digits = text.replace(",", "").replace("_", "").strip()
    if digits.isdecimal() and int(digits) > 0:
        return int(digits), None
    return None, f'"{text}" is not a positive whole number; write how many people got it, like 1043'


def parse_sent(text: str) -> tuple[datetime | None, str | None]:
    try:
        return parse_timestamp(text), None
    except TimestampError as problem:
        return None, str(problem)


def read_field(meta: dict, key: str, field: str, errors: list, parse=None, missing=None):
    """One field's value, parsed; None with a problem for a bad one, or a missing one
    when `missing` says what to write. An empty field counts as missing."""
    value = meta.get(key)
    text = single_value(meta, key, errors, field)
    if text is None:
        if missing and not isinstance(value, list):  # given twice is its own problem
            errors.append((field, missing))
        return None
    if parse is None:
        return text
    parsed, problem = parse(text)
    if problem:
        errors.append((field, problem))
    return parsed


def read_email_fields(email: EmailAnnouncement, now: datetime) -> list[tuple[str, str]]:
    """Check every field and set the typed attributes; return [(field, problem)]."""
    errors: list[tuple[str, str]] = []
    meta = email.metadata
    # A draft may leave out what only a sent email has; it still needs its subject.
    sent = not email.is_draft

    email.subject = read_field(
        meta,
        "subject",
        "Subject",
        errors,
        missing="is missing or empty; write the subject line exactly as sent",
    )
    email.sent = read_field(
        meta,
        "sent",
        "Sent",
        errors,
        parse_sent,
        missing=f"is missing; add when it was sent, like {EXAMPLE_SENT}" if sent else None,
    )
    if email.sent and email.sent > now and not email.is_draft:
        errors.append(
            ("Sent", f'"{meta["sent"]}" is in the future; an email not sent yet is Status: draft')
        )
    sender = read_field(
        meta,
        "from",
        "From",
        errors,
        parse_address,
        missing="is missing; add the sender, like Priya Raman <team@example.com>" if sent else None,
    )
    email.sender_name, email.sender_address = sender or (None, None)
    email.sender = formataddr(sender) if sender else None
    reply_to = read_field(meta, "reply-to", "Reply-To", errors, parse_address)
    email.reply_to = formataddr(reply_to) if reply_to else None
    email.audience = read_field(
        meta,
        "audience",
        "Audience",
        errors,
        missing="is missing; say in words who received this email" if sent else None,
    )
    email.recipients = read_field(
        meta,
        "recipients",
        "Recipients",
        errors,
        parse_recipients,
        missing="is missing; write how many people got it, like 1043" if sent else None,
    )
    email.post_slug = read_field(meta, "post", "Post", errors)
    errors += read_corrections(email, now)
    return errors
