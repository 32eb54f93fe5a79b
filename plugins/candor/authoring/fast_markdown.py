"""Plain Markdown converted by pulldown-cmark (pyromark), byte for byte as Python-Markdown would.

Python-Markdown's block and inline parsing is most of a build's Markdown time;
pulldown-cmark does the same work for a plain post a hundred times faster.
`FastMarkdown` is a Markdown instance whose `convert` runs Python-Markdown's own
preprocessors (Candor's author notes, response blocks and header fields, `meta`,
fenced code, raw HTML), then, when the text left is in the subset below, lets
pyromark parse and write it and runs Python-Markdown's own postprocessors (each
response placeholder becomes its figure). Any other text takes Python-Markdown's
own path from the same point, so nothing is done twice.

The subset (`is_plain`), where both give the same HTML (tests/authoring/
test_fast_markdown.py checks it on every file and on generated text):
blocks separated by blank lines, each a paragraph, an `#` heading on one line,
a tight `- ` list of one-line items (never two lists in a row), or a stashed
placeholder on its own; inline: text, `*em*`, `**strong**`, `` `code` ``,
`[text](/address/)`. Anything else is left to Python-Markdown: raw HTML, `&`,
backslashes, `_`, tables, footnotes, abbreviations, attribute lists, definition
lists, indented lines, setext headings, quotes, numbered lists, line-end spaces.

Only for the extensions Candor is known with (Pelican's MARKDOWN default, Candor's
own, `nl2br` for emails): any other registered processor (`toc`, `smarty`, ...)
turns the fast path off for that instance.
"""

from __future__ import annotations

import re

import pyromark
from markdown import Markdown

# Every processor of Pelican's default extensions, Candor's and nl2br: each either does
# nothing to text in the subset, or runs before (preprocessors) or after (postprocessors).
KNOWN = {
    "preprocessors": {
        "normalize_whitespace", "fenced_code_block", "html_block", "meta",
        "candor_author_notes", "candor_responses", "candor_header",
    },
    "treeprocessors": {
        "inline", "prettify", "unescape", "footnote", "footnote-duplicate",
        "attr_list", "abbr", "hilite",
    },
    "inlinePatterns": {
        "backtick", "escape", "reference", "link", "image_link", "image_reference",
        "short_reference", "short_image_ref", "autolink", "automail", "linebreak",
        "html", "entity", "em_strong", "footnote", "nl",
    },
    "postprocessors": {"raw_html", "amp_substitute", "footnote"},
    "blockprocessors": {
        "empty", "indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist",
        "quote", "reference", "paragraph", "footnote", "defindent", "deflist", "table",
        "abbr", "markdown_block",
    },
}  # fmt: skip

# A placeholder Python-Markdown put in the text for HTML it keeps aside (a response's figure,
# a fenced code block), as a block of its own: `raw_html` turns it back into its HTML.
PLACEHOLDER_BLOCK = re.compile(r"\x02(?<![^\n]\x02)(?<![^\n]\n\x02)wzxhzdk:\d+\x03(?=\n\n|\n?\Z)")
# Text inside a code span, a link or emphasis: none of the characters that mean something,
# and no line end. (Each pattern starts with its character, the lookbehind after it: Python's
# `re` then only tries where that character is.)
TEXT = r"(?!\s)[^*`<>&\\_\[\]{}|~^\x00-\x1f\x7f]+(?<!\s)"
CODE = re.compile(rf"`(?<!``){TEXT}`(?!`)")
LINK = re.compile(rf"\[(?<![!\]]\[){TEXT}\]\([A-Za-z0-9/.#:?=%+,-]+\)")
# Emphasis where both agree: after a space, an opening bracket or the line's start,
# before a space, punctuation or the line's end.
STRONG = re.compile(rf"\*\*(?<![^ (\n]\*\*){TEXT}\*\*(?![^ .,;:!?)\n])")
EMPHASIS = re.compile(rf"\*(?<![^ (\n]\*){TEXT}\*(?![^ .,;:!?)\n])")
# Left once the constructs above are taken out: a character with a meaning to one of them,
# or a control character.
SPECIAL = re.compile(r"[*_`\[\]<&\\{}|~^\x00-\x09\x0b-\x1f\x7f]")
BLANK_LINES = re.compile(r"\n\n+")
# Never ending in `#` or in any space (Python-Markdown strips a no-break or em space,
# pulldown-cmark only ASCII's).
HEADING = re.compile(r"#{1,6} (?!>)\S.*(?<![#\s])")
LIST_ITEM = re.compile(r"- (.+)")
# How a paragraph line or a list item may start: a letter or digit, an opening quote or
# bracket. Never a numbered item (`1.`), nor what starts any other block.
LINE_START = re.compile(r"(?:[^\W_]|[(\"'])(?!(?<=\d)\d*[.)])")
PARAGRAPH = re.compile(r"<p>.*?</p>", re.DOTALL)


def is_plain(text: str) -> bool:
    """Whether pyromark renders `text` (preprocessed) exactly as Python-Markdown does."""
    for construct in (PLACEHOLDER_BLOCK, CODE, LINK, STRONG, EMPHASIS):
        text = construct.sub("x", text)
    # Two spaces, a space starting or ending a line, or a last line end that is not a blank
    # line (Python-Markdown keeps it in the last paragraph).
    if SPECIAL.search(text) or "  " in text or "\n " in text or " \n" in text:
        return False
    if text[:1] == " " or text[-1:] == " " or (text[-1:] == "\n" and text[-2:] != "\n\n"):
        return False
    after_list = False
    for block in BLANK_LINES.split(text.strip("\n")):
        lines = block.split("\n")
        is_list = block.startswith("- ")
        if is_list:
            items = [LIST_ITEM.fullmatch(line) for line in lines]
            if after_list or not all(item and LINE_START.match(item[1]) for item in items):
                return False
        elif not (len(lines) == 1 and HEADING.fullmatch(block)) and not all(
            LINE_START.match(line) for line in lines
        ):
            return False
        after_list = is_list
    return True


class FastMarkdown(Markdown):
    """Python-Markdown, with pyromark for the parsing of text in the plain subset."""

    def __init__(self, **settings):
        super().__init__(**settings)
        registries = {
            "preprocessors": self.preprocessors,
            "blockprocessors": self.parser.blockprocessors,
            "treeprocessors": self.treeprocessors,
            "inlinePatterns": self.inlinePatterns,
            "postprocessors": self.postprocessors,
        }
        # A Registry's names are only in its `_data` (markdown/util.py has no public list).
        self.fast_path = self.output_format in ("html", "html5") and all(
            registry._data.keys() <= KNOWN[name] for name, registry in registries.items()
        )
        self.line_breaks = "nl" in self.inlinePatterns
        # For each text converted since the file began, whether it took the fast path.
        self.paths_taken: list[bool] = []

    def convert(self, source: str) -> str:
        """`Markdown.convert` (markdown/core.py) with one fork after the preprocessors."""
        if not source.strip():
            return ""
        self.lines = str(source).split("\n")
        for preprocessor in self.preprocessors:
            self.lines = preprocessor.run(self.lines)
        text = "\n".join(self.lines)
        fast = self.fast_path and is_plain(text)
        self.paths_taken.append(fast)
        if not fast:
            return self.parse_and_write()
        output = pyromark.html(text).strip()
        if self.line_breaks:  # nl2br: each line end inside a paragraph is a <br>
            output = PARAGRAPH.sub(lambda p: p[0].replace("\n", "<br>\n"), output)
        for postprocessor in self.postprocessors:
            output = postprocessor.run(output)
        return output.strip()

    def parse_and_write(self) -> str:
        """The rest of `Markdown.convert` (markdown/core.py), from the preprocessed lines."""
        root = self.parser.parseDocument(self.lines).getroot()
        for treeprocessor in self.treeprocessors:
            new_root = treeprocessor.run(root)
            if new_root is not None:
                root = new_root
        output = self.serializer(root)
        if self.stripTopLevelTags:
            try:
                start = output.index(f"<{self.doc_tag}>") + len(self.doc_tag) + 2
                end = output.rindex(f"</{self.doc_tag}>")
                output = output[start:end].strip()
            except ValueError:
                if not output.strip().endswith(f"<{self.doc_tag} />"):
                    raise
                output = ""
        for postprocessor in self.postprocessors:
            output = postprocessor.run(output)
        return output.strip()
