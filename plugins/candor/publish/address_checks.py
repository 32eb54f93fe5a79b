"""Email addresses in a built site: only the company's own senders may appear.

Posts about emails quote customers and incidents; a customer's address pasted
into a write-up, a response round-up or an .eml would be published to everyone.
Every text file of the build is scanned: HTML and XML with entities decoded
(`&#64;` is still an @), and .eml files part by part, since their bodies are
transfer-encoded and a raw scan would miss them.

Allowed: the From and Reply-To addresses of the published emails, the
addresses in CANDOR_ALLOWED_ADDRESSES, and CANDOR_ID_AUTHORITY when it is an
address (it is part of every feed id).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
from collections.abc import Callable, Iterable
from email import message_from_bytes, policy

from ..responses.quote_safety import email_addresses, plain_address
from ..text.source_lines import source_lines

TEXT_SUFFIXES = (".html", ".htm", ".xml", ".json", ".txt", ".css", ".js", ".svg", ".csv")
# Headers that hold ids shaped like addresses, not anyone's mailbox.
ID_HEADERS = {"message-id", "in-reply-to", "references"}


def allowed_addresses(senders: Iterable[str], settings: dict) -> set[str]:
    allowed = {a.lower() for a in senders}
    allowed |= {str(a).lower() for a in settings.get("CANDOR_ALLOWED_ADDRESSES") or ()}
    authority = str(settings.get("CANDOR_ID_AUTHORITY") or "")
    if "@" in authority:
        allowed.add(authority.lower())
    return allowed


def eml_text(data: bytes) -> str:
    message = message_from_bytes(data, policy=policy.default)
    pieces = [f"{k}: {v}" for k, v in message.items() if k.lower() not in ID_HEADERS]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            pieces.append(html.unescape(part.get_content()))
    return "\n".join(pieces)


def file_text(path: str, already_read: str | None = None) -> str | None:
    """The text of the file at `path` as a reader sees it, entities decoded; None for a
    file that is not text. `already_read`: its contents, when another check read them."""
    if path.endswith(".eml"):
        with open(path, "rb") as handle:
            return eml_text(handle.read())
    if not path.endswith(TEXT_SUFFIXES):
        return None
    if already_read is None:
        with open(path, encoding="utf-8", errors="replace") as handle:
            already_read = handle.read()
    if path.endswith(".json"):
        # Its strings as a feed reader gets them: "\\n" before an address is a line
        # break, not an "n" the address starts with.
        with contextlib.suppress(ValueError, RecursionError):
            already_read = "\n".join(json_strings(json.loads(already_read)))
    return html.unescape(already_read)


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return []


def addresses_in(text: str) -> set[str]:
    """Every address in `text` as a mail client reads it: the same rule that masks
    them in quotes (quote_safety.py), so an address written with letters of any
    script, in punycode, or as `mailto:a%40b.com` is found here too."""
    return {plain_address(match) for match in email_addresses(text)}


def check_addresses(
    root: str,
    files: Iterable[str],
    allowed: set[str],
    report: Callable[[str, str, str], None],
    read: dict[str, str] | None = None,
    sources: dict[str, str] | None = None,
    report_in_source: Callable[[str, str, str], None] | None = None,
) -> None:
    """One problem per address: a post's text is repeated on index, tag and feed
    pages, and one fix in the content clears them all.

    It is reported at the source file and line that wrote it, when a page showing it
    was written from a source (`sources`: output path -> source path) and that file
    holds it; else at the first file of the build that shows it.
    `read`: files already read by another check (path -> contents), not read again."""
    read, sources = read or {}, sources or {}
    where: dict[str, list[str]] = {}
    for path in sorted(files):
        text = file_text(os.path.join(root, path), read.get(path))
        if text is not None:
            for address in addresses_in(text) - allowed:
                where.setdefault(address, []).append(path)
    for address, paths in sorted(where.items()):
        fix = (
            "A customer's address must never be published: remove it from the content; "
            "if it is the company's, add it to CANDOR_ALLOWED_ADDRESSES"
        )
        count = f"{len(paths)} files of the build" if len(paths) > 1 else "1 file of the build"
        found_in = f"{address} is not a sender address of this site (in {count}, such as"
        located = next(source_lines_of(address, paths, sources), None)
        if located and report_in_source:
            source, line = located
            report_in_source(source, f"line {line}", f"{found_in} {paths[0]}). {fix}")
        else:
            also = f" (and {len(paths) - 1} other files)" if len(paths) > 1 else ""
            message = f"{address} is not a sender address of this site{also}. {fix}"
            report(paths[0], "address", message)


def source_lines_of(address: str, paths: list[str], sources: dict[str, str]):
    """(source path, line number) of each source of `paths` with a line showing `address`."""
    for source in dict.fromkeys(sources[path] for path in paths if path in sources):
        for number, line in enumerate(source_lines(source), start=1):
            if address in addresses_in(html.unescape(line)):
                yield source, number
                break
