"""reStructuredText that reads no file outside the content folder, and no address at all.

Pelican reads `.rst` posts with docutils, whose `include` directive and the
`:file:` and `:url:` options of `raw` and `csv-table` read whatever they name:
`.. include:: ../../secret.txt` publishes that file, `:url:` fetches an address
while the site builds. docutils can only turn all of them off
(`file_insertion_enabled`), which would also refuse a snippet kept in the
content folder. So Candor registers its own versions of the three directives
(under every name the site's language gives them, since docutils looks a
localized name up before its English one), which check the path docutils has
resolved (from the including file, so nested includes count too) before
reading. A refused read stops every build, with the post's line.
"""

from __future__ import annotations

import os

from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.misc import Include, Raw
from docutils.parsers.rst.directives.tables import CSVTable
from docutils.parsers.rst.languages import get_language
from pelican.readers import RstReader

from ..build.folders import is_within
from ..build.problems import problem_log
from ..text.source_lines import line_of, source_lines
from .reading import ContentUnreadable

FILE_HOW = "put the file in the content folder and name it from there"
URL_HOW = "paste what it holds into the post instead"


class OutsideRead(Exception):
    """A directive asked for a file outside the content folder, or for an address."""

    def __init__(self, written: str, message: str):
        super().__init__(written)
        self.written = written
        self.message = message


def refuse_outside(directive, written: str, resolved: str) -> None:
    # The directives are registered for the whole process; docutils run by anything
    # but a Candor build has no content folder to keep to.
    root = getattr(directive.state.document.settings, "candor_content_root", None)
    if root and not is_within(os.path.realpath(resolved), root):
        raise OutsideRead(
            written, f'"{written}" is outside the content folder and was not read; {FILE_HOW}'
        )


def refuse_external_options(directive) -> None:
    """The `:url:` and `:file:` options shared by `raw` and `csv-table`."""
    if "url" in directive.options:
        url = directive.options["url"]
        raise OutsideRead(url, f'"{url}" is an address a build must not read; {URL_HOW}')
    if "file" in directive.options:
        written = directive.options["file"]
        source = directive.state.document.current_source or ""
        refuse_outside(directive, written, os.path.join(os.path.dirname(source), written))


class ConfinedInclude(Include):
    def read_file(self, path):
        written = directives.path(self.arguments[0])
        if not (written.startswith("<") and written.endswith(">")):  # docutils' own files
            refuse_outside(self, written, str(path))
        return super().read_file(path)


class ConfinedRaw(Raw):
    def run(self):
        refuse_external_options(self)
        return super().run()


class ConfinedCSVTable(CSVTable):
    def run(self):
        refuse_external_options(self)
        return super().run()


CONFINED = {"include": ConfinedInclude, "raw": ConfinedRaw, "csv-table": ConfinedCSVTable}


class ConfinedRstReader(RstReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localized = get_language(self._language_code).directives
        for name, canonical in [*localized.items(), *((name, name) for name in CONFINED)]:
            if canonical in CONFINED:
                directives.register_directive(name, CONFINED[canonical])
        # Reaches the directives as document.settings.candor_content_root.
        self.settings["DOCUTILS_SETTINGS"] = {
            **(self.settings.get("DOCUTILS_SETTINGS") or {}),
            "candor_content_root": os.path.realpath(self.settings["PATH"]),
        }

    def read(self, source_path):
        try:
            return super().read(source_path)
        except OutsideRead as refused:
            line = line_of(source_lines(source_path), refused.written)
            problem_log(self.settings).add(
                source_path, f"line {line}" if line else "", refused.message, fatal=True
            )
            raise ContentUnreadable(source_path) from None


def use_confined_rst_reader(readers) -> None:
    """`readers_init`: read reStructuredText with `ConfinedRstReader`."""
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is RstReader:
            readers.reader_classes[extension] = ConfinedRstReader
