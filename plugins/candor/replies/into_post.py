"""The post the replies go into: what it already holds, and the new version written once.

Read first: the `Reply-Id:` of every block (and the channel, date and text of
each, for blocks written by hand), so that a reply already there is skipped,
and the stated totals (`Replies:`). Then the new text is the old one with the
new blocks after it and `Replies:` counting every reply imported, quoted or
not. It is written once, at the end, to a temporary file beside the post that
then replaces it: an import that stops leaves the post as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field

from ..responses.channels import OUTCOMES
from ..responses.markdown import BLOCK_END, BLOCK_START
from ..responses.stated_totals import read_stated_totals
from .blocks_written import content_key, masked

HEADER_LINE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)")


@dataclass
class PostReplies:
    """What the post holds before the import."""

    text: str
    line_ending: str = "\n"  # "\r\n" for a post saved on Windows: kept as it is
    ids: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    outcomes: Counter = field(default_factory=Counter)  # by block, "" for none
    stated: object = None  # StatedTotals, when `Replies:` is there and readable


def read_post(path: str, region: str) -> PostReplies:
    with open(path, encoding="utf-8", newline="") as source:
        raw = source.read()
    text = raw.replace("\r\n", "\n")
    post = PostReplies(text, "\r\n" if "\r\n" in raw else "\n")
    lines = text.split("\n")
    for line in lines:
        if not line.strip():
            break
        found = HEADER_LINE.fullmatch(line.strip())
        if found and found["key"].lower() == "replies":
            post.stated = read_stated_totals(found["value"])[0]
    index = 0
    while index < len(lines):
        if not BLOCK_START.fullmatch(lines[index].strip()):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not BLOCK_END.fullmatch(lines[end].strip()):
            end += 1
        read_block(lines[index + 1 : end], post, region)
        index = end + 1
    return post


def read_block(lines: list[str], post: PostReplies, region: str) -> None:
    fields, offset = {}, 0
    while offset < len(lines) and lines[offset].strip():
        key, _, value = lines[offset].partition(":")
        fields[key.strip().lower()] = value.strip()
        offset += 1
    quote = []
    for line in lines[offset:]:
        if re.fullmatch(r"-{3,}\s*translation\s*-*", line.strip(), re.IGNORECASE):
            break
        quote.append(line)
    if fields.get("reply-id"):
        post.ids.add(fields["reply-id"])
    # Masked as an import masks, so a block written by hand with a phone number in it
    # is recognised as the same reply.
    text = masked("\n".join(quote), region)
    post.keys.add(content_key(fields.get("channel", "").lower(), fields.get("date", ""), text))
    post.outcomes[fields.get("outcome", "").lower()] += 1


def replies_field(post: PostReplies, new: Counter) -> str:
    """`Replies: 18 (14 thanks, 3 unsubscribe, 1 other)`: what was there, and what came in."""
    if post.stated is not None:
        before = Counter(post.stated.outcomes)
        total = post.stated.total + sum(new.values())
    else:
        before = Counter({k: v for k, v in post.outcomes.items() if k})
        total = sum(post.outcomes.values()) + sum(new.values())
    counts = before + new
    listed = ", ".join(f"{counts[o]:,} {o}" for o in OUTCOMES if counts[o])
    return f"Replies: {total:,}" + (f" ({listed})" if listed else "")


def with_new_blocks(post: PostReplies, blocks: list[str], replies_line: str) -> str:
    lines = post.text.split("\n")
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    for i in range(header_end):
        found = HEADER_LINE.fullmatch(lines[i].strip())
        if found and found["key"].lower() == "replies":
            lines[i] = replies_line
            break
    else:
        lines.insert(header_end, replies_line)
    text = "\n".join(lines).rstrip("\n") + "\n"
    text += "\n" + "\n\n".join(blocks) + "\n"
    return text.replace("\n", post.line_ending)


def write_atomically(path: str, text: str) -> None:
    """The whole new text in place at once, or the old file untouched."""
    folder = os.path.dirname(os.path.abspath(path))
    # No .md ending: a leftover of a killed import is never read as a post.
    descriptor, temporary = tempfile.mkstemp(prefix=".importing-", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
