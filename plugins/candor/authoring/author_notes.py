"""Author notes: HTML comments in a post or email never reach readers.

Python-Markdown copies `<!-- ... -->` into the page, the feeds and the email as
it is, so a note meant for a colleague ("check the count with Sam") would be
published. `make new` also parks optional fields in a comment. This extension
removes each comment, one by one and nothing else, before anything else reads
the text: a comment on a line of its own, at the end of a line or inside one.
The text between two notes always stays.

Line numbers that other checks report must still match the file: a comment
over several lines leaves its line breaks, after the rest of the line it ended
on, so the text around it stays one paragraph and every later line keeps its
number. Comments in code (fenced, indented or a `code span`) are examples and
stay. A `<!--` that is never closed would publish the rest of the file: its
line is kept on the Markdown instance (`unclosed_note_lines`) and the reader
reports it (reading.py).
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

from ..build.markdown_steps import PREPROCESSORS
from ..text.markdown_code import code_lines

# What starts something to skip or to remove: a run of backticks (a code span) or a comment.
START = re.compile(r"`+|<!--")
# A comment ends at `-->`; `<!-->` and `<!--->` are whole (empty) comments in HTML.
COMMENT_END = re.compile(r">|->|.*?-->", re.DOTALL)
BLANK_LINE = re.compile(r"\n[ \t]*\n")


class NotesRemover:
    """Removes the comments from one stretch of text that is not code."""

    def __init__(self, text: str):
        self.text = text
        self.unclosed_at: int | None = None  # offset of a `<!--` never closed
        self.no_closing: dict[int, int] = {}  # backtick count -> where a search failed
        self.paragraph_limit = -1

    def paragraph_end(self, start: int) -> int:
        """Where the paragraph holding `start` ends: a code span never runs past it."""
        # Found once per paragraph, not once per backtick: a long one stays linear.
        if self.paragraph_limit < start:
            blank = BLANK_LINE.search(self.text, start)
            self.paragraph_limit = blank.start() if blank else len(self.text)
        return self.paragraph_limit

    def code_span_end(self, ticks: str, start: int) -> int | None:
        """Where the code span opened by `ticks` at `start` ends, within its paragraph."""
        limit = self.paragraph_end(start)
        # A failed search is not repeated: a run of lone backticks stays linear.
        if self.no_closing.get(len(ticks), -1) >= start:
            return None
        closing = re.compile(rf"(?<!`){ticks}(?!`)").search(self.text, start, limit)
        if closing is None:
            self.no_closing[len(ticks)] = limit
            return None
        return closing.end()

    def run(self) -> str:
        kept: list[str] = []
        position = search_from = 0
        # The line breaks of comments over several lines go after the rest of the
        # line the last one ended on (`flush_at`), so that line joins the text before.
        moved_breaks, flush_at = "", 0
        while match := START.search(self.text, search_from):
            if moved_breaks and match.start() > flush_at:
                kept += [self.text[position:flush_at], moved_breaks]
                moved_breaks, position = "", flush_at
            if match[0] != "<!--":
                end = self.code_span_end(match[0], match.end())
                search_from = end if end is not None else match.end()
                continue
            end = COMMENT_END.match(self.text, match.end())
            if end is None:
                self.unclosed_at = match.start()
                break
            kept.append(self.text[position : match.start()])
            position = search_from = end.end()
            if "\n" in end[0]:
                moved_breaks += "\n" * end[0].count("\n")
                line_end = self.text.find("\n", position)
                flush_at = len(self.text) if line_end == -1 else line_end
        if moved_breaks:
            kept += [self.text[position:flush_at], moved_breaks]
            position = flush_at
        kept.append(self.text[position:])
        return "".join(kept)


class StripAuthorNotes(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not any("<!--" in line for line in lines):
            return lines
        is_code = code_lines(lines)
        result: list[str] = []
        start = 0
        # Each stretch of lines that are not code is handled on its own.
        for number in range(len(lines) + 1):
            if number < len(lines) and not is_code[number]:
                continue
            if start < number:
                result += self.without_notes(lines[start:number], start)
            if number < len(lines):
                result.append(lines[number])
            start = number + 1
        return result

    def without_notes(self, lines: list[str], first: int) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        remover = NotesRemover(text)
        kept = remover.run().split("\n")
        # Only the file itself has lines to name: Pelican renders `Summary:` with this same
        # instance later (reading.HeaderScan has seen the file by then), its raw HTML off.
        if remover.unclosed_at is not None and getattr(self.md, "candor_header", None) is None:
            self.md.unclosed_note_lines.append(first + text.count("\n", 0, remover.unclosed_at) + 1)
        return kept


class AuthorNotes(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        self.start_file(md)
        md.preprocessors.register(
            StripAuthorNotes(md), "candor_author_notes", PREPROCESSORS["candor_author_notes"]
        )

    def start_file(self, md) -> None:
        """Per file, not per `reset` (reused_markdown.py): a Summary keeps the file's."""
        md.unclosed_note_lines = []
