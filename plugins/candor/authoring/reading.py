"""Reading Markdown files so that a bad file is a problem with its file and field.

Pelican's Markdown reader raises on bytes that are not UTF-8 or on a `Date:`
dateutil cannot read; the generator then logs "Could not process <file>" with no
reason and leaves the post out of the site. It also keeps the first of two
`Date:` lines with a warning, turns two `Title:` lines into a list, and renders
`Summary:` with raw HTML kept. `CheckedMarkdownReader` reads the same way, and:

- a file that is empty, not UTF-8 (with the line) or has a field Pelican cannot
  read (named) becomes a fatal problem; the reader then raises `ContentUnreadable`,
  which `pelican_errors` knows is already reported;
- a control character (not tab or a line end) anywhere, a field over 4,000
  characters, more than 100 tags, lists nested too deep for Markdown, or an author
  note `<!--` never closed (author_notes.py) stops the build, named by field or line;
- a field given twice is a problem (it stops `make publish`); the first one is kept;
  only a field made to be repeated (`REPEATABLE_FIELDS`: an email's dated notes)
  gives the list of every value, each one written over as many lines as it takes;
- `Summary:` is Markdown without raw HTML: `<script>` in it is shown as text.
- one Markdown instance serves every file the reader reads (reused_markdown.py).

`HeaderFields` (a Markdown extension) notes where each header field is written,
since the meta extension keeps no line numbers and merges repeats.
"""

from __future__ import annotations

import os
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pelican.readers import MarkdownReader

from ..build.markdown_steps import PREPROCESSORS
from ..build.problems import problem_log
from .reused_markdown import ReusedMarkdownReading

# The meta extension's own patterns: a field, and a continuation line of the one before.
FIELD_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MORE_LINE = re.compile(r"^[ ]{4,}(?P<value>.*)")
# Fields written once per note, as many times as there are notes (emails/corrections.py).
REPEATABLE_FIELDS = frozenset({"correction", "archive-fix"})
DATE_EXAMPLE = "2025-11-26 10:00, or with an offset: 2025-11-26 10:00 -05:00"
# Control characters other than tab and line ends: invisible in an editor, refused by
# XML 1.0 (every feed), and a terminal runs some of them. UTF-8 never uses these
# bytes inside a character, so the raw file is searched before it is decoded.
CONTROL_BYTE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A header field is a line or a few; beyond this it is text pasted in the wrong place.
# Below Python's 4,300 digits for int(), so no count can be too long to read.
MAX_FIELD_LENGTH = 4000
# Each tag is a page of its own and a feed: a few hundred would take minutes to write.
MAX_TAGS = 100


class ContentUnreadable(Exception):
    """A file Candor has already reported; Pelican leaves it out and says nothing more."""


class HeaderScan(Preprocessor):
    """Records each header field once per file: [(line, key as written, [values])]."""

    def run(self, lines: list[str]) -> list[str]:
        if getattr(self.md, "candor_header", None) is not None:
            return lines  # a Summary rendered later with the same instance
        fields: list[tuple[int, str, list[str]]] = []
        start = 1 if lines and lines[0].startswith("---") else 0
        for number, line in enumerate(lines[start:], start=start + 1):
            field, more = FIELD_LINE.match(line), MORE_LINE.match(line)
            if not line.strip() or not (field or (more and fields)):
                break
            if field:
                fields.append((number, field["key"], [field["value"].strip()]))
            else:
                fields[-1][2].append(more["value"].strip())
        self.md.candor_header = fields
        return lines


class HeaderFields(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        self.start_file(md)
        md.preprocessors.register(HeaderScan(md), "candor_header", PREPROCESSORS["candor_header"])

    def start_file(self, md: Markdown) -> None:
        """Per file, not per `reset` (reused_markdown.py): a Summary must not replace it."""
        md.candor_header = None


def undecodable_line(path: str, error: UnicodeDecodeError) -> tuple[int, int]:
    """The line of the first byte that is not UTF-8, and the byte."""
    with open(path, "rb") as raw:
        data = raw.read()
    start = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
    return data[:start].count(b"\n") + 1, data[start]


class CheckedMarkdownReader(ReusedMarkdownReading, MarkdownReader):
    # What features add to a file's metadata from what their Markdown steps found:
    # (markdown, content, metadata, settings) -> None, set by `use_checked_reader`.
    metadata_steps: tuple = ()

    def problem(self, field: str, message: str, *, fatal: bool = False) -> None:
        problem_log(self.settings).add(self._source_path, field, message, fatal=fatal)

    def read(self, source_path: str):
        self._source_path = source_path
        self._fields = {}
        if os.path.getsize(source_path) == 0:
            self.problem("", "the file is empty; write the post in it, or delete it", fatal=True)
            raise ContentUnreadable(source_path)
        self.refuse_control_characters(source_path)
        try:
            content, metadata = self.read_markdown(source_path)
            for add_metadata in self.metadata_steps:
                add_metadata(self._md, content, metadata, self.settings)
        except UnicodeDecodeError as error:
            line, byte = undecodable_line(source_path, error)
            self.problem(
                f"line {line}",
                f"byte 0x{byte:02x} is not UTF-8 text; save the file as UTF-8 "
                "(in most editors: Save As, Encoding: UTF-8)",
                fatal=True,
            )
            raise ContentUnreadable(source_path) from None
        except RecursionError:
            self.problem(
                "",
                "lists or quotes are nested too deeply for Markdown to read "
                "(hundreds of levels); flatten them",
                fatal=True,
            )
            raise ContentUnreadable(source_path) from None
        finally:
            self._fields = {}
        for line in getattr(self._md, "unclosed_note_lines", []):
            self.problem(
                f"line {line}",
                "the author note <!-- is not closed, so all that follows would be "
                "published; end it with -->",
                fatal=True,
            )
        if getattr(self._md, "unclosed_note_lines", []):
            raise ContentUnreadable(source_path)
        return content, metadata

    def refuse_control_characters(self, source_path: str) -> None:
        with open(source_path, "rb") as raw:
            data = raw.read()
        found = CONTROL_BYTE.search(data)
        if found is None:
            return
        line = data.count(b"\n", 0, found.start()) + 1
        header = data.split(b"\n\n", 1)[0].decode("utf-8", "replace").splitlines()
        field = FIELD_LINE.match(header[line - 1]) if line <= len(header) else None
        where = f"{field['key']} (line {line})" if field else f"line {line}"
        others = len({data.count(b"\n", 0, m.start()) for m in CONTROL_BYTE.finditer(data)}) - 1
        more = f" ({others} more line{'s have' if others > 1 else ' has'} one)" if others else ""
        self.problem(
            where,
            f"has the control character U+{found[0][0]:04X}{more}, invisible in most editors "
            "and not allowed in feeds; delete it",
            fatal=True,
        )
        raise ContentUnreadable(source_path)

    def _parse_metadata(self, meta: dict) -> dict:
        self.refuse_oversized_fields()
        for _line, key, values in self.repeated_fields():
            meta[key.lower()] = values
        for key, notes in self.repeatable_fields().items():
            meta[key] = notes
        # Raw HTML in a Summary is shown as written, never run: turn it off for the
        # fields rendered after the body (the body itself was converted already).
        self._md.preprocessors.deregister("html_block", strict=False)
        self._md.inlinePatterns.deregister("html", strict=False)
        self._in_header = True
        try:
            return super()._parse_metadata(meta)
        finally:
            self._in_header = False

    def refuse_oversized_fields(self) -> None:
        """A field of a megabyte or thousands of tags is a mistake; refused before it is read."""
        refused = False
        for _line, key, values in getattr(self._md, "candor_header", None) or []:
            length = sum(len(value) for value in values)
            if length > MAX_FIELD_LENGTH:
                self.problem(
                    key,
                    f"is {length:,} characters long; a field holds at most "
                    f"{MAX_FIELD_LENGTH:,}: put long text in the body",
                    fatal=True,
                )
                refused = True
            elif key.lower() == "tags" and (count := " ".join(values).count(",") + 1) > MAX_TAGS:
                self.problem(
                    key,
                    f"has {count:,} tags; a post takes at most {MAX_TAGS}, since each tag gets "
                    "pages of its own: keep the ones readers look for",
                    fatal=True,
                )
                refused = True
        if refused:
            raise ContentUnreadable(self._source_path)

    def repeated_fields(self) -> list[tuple[int, str, list[str]]]:
        """Report each field written more than once; return the first of each."""
        seen: dict[str, list[tuple[int, str, list[str]]]] = {}
        for line, key, values in getattr(self._md, "candor_header", None) or []:
            seen.setdefault(key.lower(), []).append((line, key, values))
            self._fields.setdefault(key.lower(), (line, key))
        first = []
        for key, written in seen.items():
            if len(written) > 1 and key not in REPEATABLE_FIELDS:
                lines = ", ".join(str(line) for line, _, _ in written)
                self.problem(
                    written[0][1],
                    f"is given {len(written)} times (lines {lines}); keep exactly one",
                )
                first.append(written[0])
        return first

    def repeatable_fields(self) -> dict[str, list[str]]:
        """Each repeatable field's values, one per time it is written: the meta extension
        would give a continuation line as a value of its own."""
        notes: dict[str, list[str]] = {}
        for _line, key, values in getattr(self._md, "candor_header", None) or []:
            if key.lower() in REPEATABLE_FIELDS:
                notes.setdefault(key.lower(), []).append(" ".join(values))
        return notes

    def process_metadata(self, name: str, value):
        if not getattr(self, "_in_header", False):
            return super().process_metadata(name, value)  # Pelican's defaults, not a file
        try:
            return super().process_metadata(name, value)
        except Exception:
            _, key = self._fields.get(name, (0, name.capitalize()))
            if name in ("date", "modified"):
                message = f'"{value}" is not a date; write it as {DATE_EXAMPLE}'
            else:
                message = f'"{value}" cannot be read; check what the README says of {key}'
            self.problem(key, message, fatal=True)
            raise ContentUnreadable(self._source_path) from None


def checked_reader(*metadata_steps) -> type[CheckedMarkdownReader]:
    """A checked reader that also runs the features' `metadata_steps` on each file."""
    return type(
        "CheckedMarkdownReader", (CheckedMarkdownReader,), {"metadata_steps": metadata_steps}
    )


def use_checked_reader(readers, reader: type[MarkdownReader] = CheckedMarkdownReader) -> None:
    """`readers_init`: read Markdown with `reader` wherever Pelican would use its own."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = reader
