"""One Markdown instance per reader, made ready for each file instead of made anew.

Pelican's `MarkdownReader.read` (pelican/readers.py) builds `Markdown(**MARKDOWN)`
for every file: every extension loaded and every processor made again, about a
third of the time spent converting a short post. The checked reader keeps one
instance per reader instead and, before each file, undoes what the file before it
left behind:

- the processors taken away for the header fields (Pelican's `_parse_metadata`
  removes `meta`; Candor's removes raw HTML) are put back;
- `Markdown.reset()` clears Python-Markdown's own state (footnotes, abbreviations,
  reference links, the HTML stash, `Meta`) through each extension's `reset`;
- each Candor extension's `start_file(md)` clears what it keeps per file (a note
  never closed, the quoted responses, where each header field is written): those
  are not cleared by `reset`, which Pelican also calls between the body and the
  `Summary:` of one file;
- a file whose reading stopped with an error leaves state `reset` does not clear
  (the block parser's "list" state after a RecursionError): the instance is dropped
  and the next file gets a new one.

A reader whose MARKDOWN setting is replaced (the email generator adds line breaks
after its readers are made) gets an instance built from the new setting. With
CANDOR_FAST_MARKDOWN on, the instance is a `FastMarkdown` (fast_markdown.py).
"""

from __future__ import annotations

from markdown import Markdown
from pelican.utils import pelican_open

from ..build.settings import DEFAULTS
from .fast_markdown import FastMarkdown

# The registries a file's header fields change (pelican/readers.py and reading.py).
CHANGED_REGISTRIES = ("preprocessors", "inlinePatterns")


class ReusedMarkdown:
    """The Markdown instance of one reader, made ready for one file at a time."""

    def __init__(self) -> None:
        self.settings: dict | None = None
        self.md: Markdown | None = None
        self.registered: dict[str, tuple[dict, list]] = {}

    def for_next_file(self, settings: dict, fast: bool) -> Markdown:
        kind = FastMarkdown if fast else Markdown
        if self.md is None or settings is not self.settings or type(self.md) is not kind:
            self.settings, self.md = settings, kind(**settings)
            # Python-Markdown's Registry has no public way to put an item back at its
            # priority, so its two fields (`_data`, `_priority`) are kept as built.
            self.registered = {
                name: (dict(registry._data), list(registry._priority))
                for name in CHANGED_REGISTRIES
                for registry in [getattr(self.md, name)]
            }
            return self.md
        for name, (data, priority) in self.registered.items():
            registry = getattr(self.md, name)
            registry._data, registry._priority = dict(data), list(priority)
            registry._is_sorted = False
        self.md.reset()
        if isinstance(self.md, FastMarkdown):
            self.md.paths_taken = []
        for extension in settings.get("extensions", []):
            if hasattr(extension, "start_file"):
                extension.start_file(self.md)
        return self.md

    def forget(self) -> None:
        """After a file whose conversion stopped midway: the next file gets a new instance."""
        self.md = None


class ReusedMarkdownReading:
    """For a Pelican `MarkdownReader`: `read_markdown`, its `read` with the reused instance."""

    def read_markdown(self, source_path: str) -> tuple[str, dict]:
        """Pelican's `MarkdownReader.read` (pelican/readers.py), but with the reader's one
        Markdown instance made ready for the file (`ReusedMarkdown`), not a new one:
        Pelican makes the instance inside `read`, with no hook to give it another."""
        if "_markdown" not in self.__dict__:
            self._markdown = ReusedMarkdown()
        # A reader may be made from Pelican's settings alone (without Candor's defaults).
        fast = self.settings.get("CANDOR_FAST_MARKDOWN", DEFAULTS["CANDOR_FAST_MARKDOWN"])
        self._md = self._markdown.for_next_file(self.settings["MARKDOWN"], fast)
        try:
            with pelican_open(source_path) as text:
                content = self._md.convert(text)
            metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        except BaseException:
            # Stopped halfway (a RecursionError deep in the block parser, a file that
            # cannot be read): Python-Markdown's state is not cleared by `reset()` (the
            # parser's block state stays "list"...), so the next file gets a new instance.
            self._markdown.forget()
            raise
        return content, metadata
