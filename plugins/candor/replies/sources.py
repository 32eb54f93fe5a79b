"""Where replies come from: an mbox file, a folder of .eml files, or a CSV export.

Each is read into `IncomingReply` values, each naming where it came from
("message 3", "line 5") for every message about it. What cannot be read at all
(not mail, a cut-off mailbox, text not in the charset it declares, a CSV
without its columns or with a formula) is a `SourceProblem`: the import then
stops, having written nothing. What is read but has nothing to quote (an empty
body, an automatic reply) is skipped, with a note; so is an attachment's content.
"""

from __future__ import annotations

import datetime
import email.utils
import mailbox
import os
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from . import csv_replies
from .incoming import IncomingReply, SourceProblem
from .mail_text import html_to_text, plain_reply

# An automatic reply says so in a header (RFC 3834), or in the subject in the clients' words.
AUTO_SUBJECTS = (
    "automatic reply",
    "auto-reply",
    "autoreply",
    "out of office",
    "out of the office",
    "abwesenheitsnotiz",
    "automatische antwort",
    "réponse automatique",
    "absence du bureau",
)
# What a message cut off in the middle leaves: MIME parts that never end.
CUT_SHORT = {"CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect"}
MEGABYTE = 1024 * 1024


def read_source(path: str, shown: str, zone: datetime.tzinfo) -> list[IncomingReply]:
    """Every reply in `path`; SourceProblem (all of them, one a line) if any cannot be read."""
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.lower().endswith(".eml"))
        if not names:
            raise SourceProblem(f"{shown}: this folder holds no .eml files")
        messages = [(name, read_file(os.path.join(path, name))) for name in names]
        return from_messages(messages, shown, zone)
    if not os.path.isfile(path):
        raise SourceProblem(
            f"{shown}: there is no such file or folder; give the mailbox with FROM="
        )
    with open(path, "rb") as source:
        start = source.read(4096)
    if path.lower().endswith(".csv"):
        return csv_replies.read_csv(path, shown)
    if start.startswith(b"From "):
        box = mailbox.mbox(path, create=False)
        messages = [(f"message {n}", box.get_bytes(key)) for n, key in enumerate(box.keys(), 1)]
        return from_messages(messages, shown, zone)
    if path.lower().endswith(".eml") or looks_like_headers(start):
        return from_messages([(os.path.basename(path), read_file(path))], shown, zone)
    raise SourceProblem(
        f"{shown}: is not an mbox file, a folder of .eml files or a CSV file with the columns "
        f"{csv_replies.REQUIRED_SHOWN}; export the replies again in one of these"
    )


def read_file(path: str) -> bytes:
    with open(path, "rb") as source:
        return source.read()


def looks_like_headers(start: bytes) -> bool:
    head = start.split(b"\n\n", 1)[0].lower()
    return b"\nfrom:" in b"\n" + head and (b"\ndate:" in b"\n" + head or b"message-id:" in head)


def from_messages(messages, shown: str, zone) -> list[IncomingReply]:
    replies, problems = [], []
    for where, raw in messages:
        try:
            replies.append(read_message(raw, where, zone))
        except SourceProblem as problem:
            problems.append(f"{shown}: {where}: {problem}")
    if problems:
        raise SourceProblem("\n".join(problems))
    return replies


def read_message(raw: bytes, where: str, zone) -> IncomingReply:
    if not looks_like_headers(raw[:65536].replace(b"\r\n", b"\n")):
        raise SourceProblem("is not an email (no From: and Date: headers); export it again")
    message: EmailMessage = BytesParser(policy=policy.default).parsebytes(raw)
    defects = {type(d).__name__ for part in message.walk() for d in part.defects}
    if defects & CUT_SHORT:
        raise SourceProblem(
            "is cut short (its parts never end): the mailbox was truncated; export it again"
        )
    sender = email.utils.parseaddr(str(message.get("From", "")))[1]
    reply = IncomingReply(where, "email", "", sender=sender)
    reply.message_id = str(message.get("Message-ID", "")).strip()
    reply.date = message_date(message, zone)
    if reply.date is None:
        reply.notes.append("no readable Date: header; add the date to the block")
    automatic = automatic_reply(message)
    if automatic:
        reply.skipped = f"an automatic reply ({automatic}): skipped"
        return reply
    for attachment in message.iter_attachments():
        size = len(attachment.get_payload(decode=True) or b"")
        name = attachment.get_filename() or attachment.get_content_type()
        reply.notes.append(f"its attachment {name} ({size / MEGABYTE:.1f} MB) is not imported")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        reply.skipped = "has no text to quote: skipped"
        return reply
    try:
        content = body.get_content()
    except (LookupError, UnicodeError) as error:
        raise SourceProblem(f"its text cannot be decoded ({error}); export it again") from error
    if "\ufffd" in content:
        charset = body.get_content_charset() or "us-ascii"
        raise SourceProblem(
            f"its text is not in the charset it declares ({charset}); export it again "
            "with its charset, or paste it into a CSV file saved as UTF-8"
        )
    if body.get_content_type() == "text/html":
        depth = nesting_depth(content)
        if depth > MAX_HTML_DEPTH:
            # Parsing and reading such a tree takes minutes; no mail client writes one.
            raise SourceProblem(
                f"its HTML is nested {depth:,} levels deep (a reply is at most "
                f"{MAX_HTML_DEPTH}); export it as plain text, or paste the reply into a CSV file"
            )
        found = html_to_text(content)
        reply.text = found.text
        if found.removed:
            reply.notes.append("removed from its HTML: " + ", ".join(found.removed))
    else:
        reply.text = plain_reply(content)
    if not reply.text.strip():
        reply.skipped = "has no text of its own (empty, or only the quoted original): skipped"
    return reply


# Mail clients nest a few dozen levels (a long thread of quotes); thousands is an attack.
MAX_HTML_DEPTH = 500
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


def nesting_depth(markup: str) -> int:
    """The deepest nesting of elements, counted from the tags in one pass (no tree)."""
    depth = deepest = 0
    for closing, name, self_closing in TAG.findall(markup):
        if name.lower() in VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def message_date(message: EmailMessage, zone) -> datetime.date | None:
    try:
        when = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return when.date()
    return when.astimezone(zone).date()


def automatic_reply(message: EmailMessage) -> str:
    """The header or subject that says a message was sent by a machine, or ""."""
    submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    if submitted != "no":
        return f"Auto-Submitted: {submitted}"
    for header in ("X-Autoreply", "X-Autorespond"):
        if message.get(header):
            return header
    if str(message.get("Precedence", "")).strip().lower() in ("auto_reply", "bulk", "junk"):
        return f"Precedence: {message['Precedence']}"
    subject = str(message.get("Subject", "")).strip().lower()
    for words in AUTO_SUBJECTS:
        if subject.startswith(words):
            return f'subject "{message["Subject"]}"'
    return ""
