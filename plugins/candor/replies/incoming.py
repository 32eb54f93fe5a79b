"""One reply as read from its source, before it becomes a block: what every reader makes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


class SourceProblem(Exception):
    """One thing that keeps the import from reading its source; the message names where."""


@dataclass
class IncomingReply:
    where: str  # "message 3", "line 5", "reply.eml"
    channel: str
    text: str
    date: datetime.date | None = None
    message_id: str = ""
    sender: str = ""  # the address to suppress on "remove me"; never written to content
    author: str = ""
    consent: str = ""
    language: str = ""
    link: str = ""
    notes: list[str] = field(default_factory=list)
    skipped: str = ""  # why it is not imported: an automatic reply, an empty body
