"""Pending responses: blocks `make import-replies` wrote, held back until the author approves.

A block with `Status: pending` in its header is never rendered: markdown.py keeps
only its line (and whether it still waits for its translation) for the build's
list of pending replies (linking.py). Approving is deleting that line.
"""

from __future__ import annotations

import re

PENDING = "pending"
TRANSLATION_MARK = re.compile(r"-{3,}\s*translation\s*-*\s*", re.IGNORECASE)


def pending_status(lines: list[str]) -> bool:
    """Whether the block's header says `Status: pending` (imported, not yet approved)."""
    for line in lines[1:]:
        if not line.strip():
            return False
        key, _, value = line.partition(":")
        if key.strip().lower() == "status":
            return value.strip().lower() == PENDING
    return False


def needs_translation(lines: list[str]) -> bool:
    """A `--- translation` line with nothing after it: the importer's request to translate."""
    marks = [i for i, line in enumerate(lines) if TRANSLATION_MARK.fullmatch(line.strip())]
    return bool(marks) and not any(line.strip() for line in lines[marks[-1] + 1 :])
