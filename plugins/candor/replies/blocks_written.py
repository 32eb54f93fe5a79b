"""An imported reply written as a pending `::: response` block, in the post's own syntax.

Privacy first: no name unless the source records consent (`Consent: yes`), no
source link for a private channel, contact details in the text masked as the
build masks quotes (with escaped stars, so Markdown shows them as stars), and
never the sender's address. Each block carries a `Reply-Id:`, a hash of the
message's Message-ID (or of its channel, date and text), so that importing the
same mailbox again adds nothing.
"""

from __future__ import annotations

import hashlib
import re

from ..responses.channels import CHANNELS
from ..responses.quote_safety import mask_contact_details
from .incoming import IncomingReply

PENDING = "Status: pending"
# A customer's line that the block syntax would read as its end or as the translation mark,
# or that Markdown would read as a code fence running on over the blocks after it.
SYNTAX_LINE = re.compile(r"\s*(?::::|-{3,}\s*translation|`{3,}|~{3,})", re.IGNORECASE)
# An author note's opening: one never closed stops every build, one closed in a later
# reply hides the blocks between. `<\!--` reads as `<!--` once Markdown unescapes it.
NOTE_OPENING = "<!--"


def content_key(channel: str, date: str, text: str) -> str:
    """Same channel, same date, same words (spacing aside): the same reply."""
    words = " ".join(text.split())
    return hashlib.sha256(f"{channel}|{date}|{words}".encode()).hexdigest()[:16]


def reply_id(reply: IncomingReply, masked_text: str) -> str:
    if reply.message_id:
        return hashlib.sha256(f"message-id|{reply.message_id}".encode()).hexdigest()[:16]
    return content_key(reply.channel, date_text(reply), masked_text)


def date_text(reply: IncomingReply) -> str:
    return reply.date.isoformat() if reply.date else ""


def masked(text: str, region: str) -> str:
    # A bare CR is a line break to an editor, Pelican and Markdown: a line of its own here.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(NOTE_OPENING, "<\\!--")
    lines = []
    for line in text.split("\n"):
        line = mask_contact_details(line, "\\*", region)[0]
        lines.append("\\" + line.lstrip() if SYNTAX_LINE.match(line) else line)
    return "\n".join(lines)


def pending_block(
    reply: IncomingReply, text: str, language: str, outcome: str, site_language: str
) -> str:
    """The block's lines; `text` already masked."""
    lines = ["::: response", PENDING]
    if reply.author and reply.consent == "yes":
        lines += [f"Name: {one_line(reply.author)}", "Consent: yes"]
    lines.append(f"Channel: {reply.channel}")
    if reply.date:
        lines.append(f"Date: {date_text(reply)}")
    if reply.link and CHANNELS[reply.channel].public:
        lines.append(f"Source: {one_line(reply.link)}")
    lines += [f"Language: {one_line(language)}", f"Outcome: {outcome}"]
    lines += [f"Reply-Id: {reply_id(reply, text)}", "", text]
    if language.split("-")[0].lower() != site_language.split("-")[0].lower():
        lines += ["", "--- translation"]  # for the author to fill before approving
    lines.append(":::")
    return "\n".join(lines)


def one_line(value: str) -> str:
    return " ".join(value.split())
