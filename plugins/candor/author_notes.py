"""Author notes: HTML comments in a post or email never reach readers.

Python-Markdown copies `<!-- ... -->` blocks into the page, the feeds and the
email as they are, so a note meant for a colleague ("check the count with
Sam") would be published. `make new` also parks optional fields in a comment.
This extension removes every comment that starts a line, before anything else
reads the text; each removed line becomes an empty one, so the line numbers
that other checks report still match the file.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# After whitespace clean-up (30), before the responses blocks (29), the meta header
# (27) and raw HTML (20).
PRIORITY = 29.5
COMMENT = re.compile(r"(?ms)^[ ]{0,3}<!--.*?-->[ \t]*$")


def blank_out(match: re.Match) -> str:
    return "\n" * match.group(0).count("\n")


class StripAuthorNotes(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return COMMENT.sub(blank_out, text).split("\n")


class AuthorNotes(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(StripAuthorNotes(md), "candor_author_notes", PRIORITY)
