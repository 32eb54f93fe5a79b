"""Finding the line of a source file that wrote a piece of rendered text.

Markdown keeps no line numbers in its output: a check that finds something in a
rendered body (a link that runs code, a link leaving the content folder) looks
for it in the file as the author wrote it, as written or HTML-decoded.
"""

from __future__ import annotations

import html


def source_lines(source_path: str) -> list[str]:
    try:
        with open(source_path, encoding="utf-8-sig") as source:
            return source.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def line_of(lines: list[str], text: str, *, prefix: int = 0) -> int | None:
    """The first line holding `text`, as written or HTML-decoded, or else (when `prefix`
    is given) its first `prefix` characters decoded."""
    decoded = html.unescape(text)
    wanted = [text, decoded] + ([decoded[:prefix]] if prefix else [])
    for piece in dict.fromkeys(w for w in wanted if w):
        for number, line in enumerate(lines, start=1):
            if piece in line:
                return number
    return None
