"""No link that runs code: `javascript:` (and `vbscript:`, `data:` pages) taken out of posts.

Python-Markdown writes `[x](javascript:alert(1))` as a live link, and raw HTML
in a post may carry one too. Quoted responses are sanitized on their own
(quote_safety.py); this covers what the author wrote, in the body and the
summary of every post, page and email, once per build, before any page, feed
or email is made from them. Each such link loses its address (its text stays)
and is reported with its file and line: a problem, so `make publish` stops.

Attributes are found with a regular expression rather than a parser: it costs
one pass over the HTML, which matters for very long posts.
"""

from __future__ import annotations

import html
import re

from .problems import ProblemLog

URL_ATTRIBUTE = re.compile(
    r"[\s/](?P<name>href|src|action|formaction|background|poster|cite|data|xlink:href)\s*=\s*"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+)",
    re.IGNORECASE,
)
# What a browser ignores in a URL: tabs and newlines anywhere, controls and spaces before it.
IGNORED = re.compile(r"[\t\n\r]")
SCRIPT_URL = re.compile(r"(?:javascript|vbscript|data(?!:image/(?:png|jpeg|gif|webp)[;,])):", re.I)
SOURCE_HINT = re.compile(r"(?:javascript|vbscript|data)\s*:|&#", re.IGNORECASE)


def runs_code(attribute_value: str) -> bool:
    url = IGNORED.sub("", html.unescape(attribute_value.strip("\"'"))).lstrip("\x00- ")
    return bool(SCRIPT_URL.match(url))


def without_script_links(markup: str) -> tuple[str, list[str]]:
    """`markup` with every code-running address removed, and those addresses as written."""
    removed: list[str] = []

    def drop(match: re.Match) -> str:
        if not runs_code(match["value"]):
            return match[0]
        removed.append(match["value"].strip("\"'"))
        return ""

    return URL_ATTRIBUTE.sub(drop, markup), removed


def source_line(source_path: str, address: str) -> int | None:
    """The line of the file that wrote `address` (or the first that looks like it)."""
    try:
        with open(source_path, encoding="utf-8-sig") as source:
            lines = source.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    decoded = html.unescape(address)
    for wanted in (address, decoded, decoded[:12]):
        for number, line in enumerate(lines, start=1):
            if wanted and wanted in line:
                return number
    for number, line in enumerate(lines, start=1):
        if SOURCE_HINT.search(line):
            return number
    return None


def remove_script_links(content, problems: ProblemLog) -> None:
    """Clean the body and the summary of one post, page or email; report what went."""
    found: list[str] = []
    if getattr(content, "_content", None):
        content._content, removed = without_script_links(content._content)
        found += removed
    summary = content.metadata.get("summary")
    if summary:
        content.metadata["summary"], removed = without_script_links(str(summary))
        content._summary = content.metadata["summary"]
        found += removed
    for address in dict.fromkeys(found):
        line = source_line(content.source_path, address)
        shown = address if len(address) <= 40 else address[:37] + "..."
        problems.add(
            content.source_path,
            f"line {line}" if line else "body",
            f'the link to "{shown}" would run code in the reader\'s browser and was '
            "removed; link to an http:// or https:// address instead",
        )
