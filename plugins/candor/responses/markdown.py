"""The Markdown side of quoted responses: find `::: response` blocks, hand back what they say.

Two pieces, because Python-Markdown and Pelican each know half of what is needed:

- `QuotedResponses`, a Markdown extension (added to the MARKDOWN setting by the
  plugin), replaces each block with its rendered figure and leaves the parsed
  responses and the findings on the Markdown instance.
- `add_responses_to_metadata`, a metadata step of Candor's checked reader.
  Pelican's `MarkdownReader.read()` returns only (content, metadata): no
  extension is ever told which file it parses, and no signal sees the Markdown
  instance. The reader is the one place
  that has both, so this step moves the responses and findings into the post's metadata
  (`article.responses`, `article.response_findings`). The findings carry line
  numbers; the file is the post's own `source_path`, used when they are reported.
  It also gives a post that quotes customers a summary in its own words
  (`summary_without_quotes`), unless the post has a `Summary:`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from pelican.utils import (
    strip_toc_elements_from_html,
    truncate_html_paragraphs,
    truncate_html_words,
)

from ..build.markdown_steps import PREPROCESSORS
from ..text.markdown_code import code_lines
from ..text.shown_times import DATE_FORMAT
from .blocks import ResponseBlock, parse_response_block
from .pending import needs_translation, pending_status
from .phone_numbers import DEFAULT_PHONE_REGION

BLOCK_START = re.compile(r":::\s*response\s*", re.IGNORECASE)
BLOCK_END = re.compile(r":::\s*")
TAG = re.compile(r"<[^>]*>")


class PendingResponse(NamedTuple):
    line: int  # of its `::: response` line
    needs_translation: bool


class ResponseBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        kept: list[str] = []
        index = 0
        # A `::: response` in fenced or indented code is an example: shown, not quoted.
        is_code = code_lines(lines) if any(":::" in line for line in lines) else []
        while index < len(lines):
            line = lines[index]
            # The `in` test first: most lines of most posts are not a block's start.
            if ":::" not in line or is_code[index] or not BLOCK_START.fullmatch(line.strip()):
                kept.append(lines[index])
                index += 1
                continue
            end = index + 1
            while end < len(lines) and not BLOCK_END.fullmatch(lines[end].strip()):
                end += 1
            block = ResponseBlock(index + 1, lines[index:end], self.md.candor_phone_region)
            if end == len(lines):
                block.problem(0, "the response is not closed: end it with a `:::` line")
            self.replace(block, kept)
            index = end + 1
        return kept

    def replace(self, block: ResponseBlock, kept: list[str]) -> None:
        if pending_status(block.lines):
            # Imported and not yet approved: nothing of it reaches the page, and only its
            # line (and whether it waits for a translation) is kept, for the build's list.
            self.md.pending_responses.append(
                PendingResponse(block.first_line, needs_translation(block.lines))
            )
            return
        found = self.md.quoted_responses
        anchor = f"response-{len(found) + 1}"
        response = parse_response_block(
            block, anchor, self.md.candor_default_lang, self.md.candor_date_format
        )
        self.md.response_findings.extend(block.findings)
        if response is None:
            # Left out until fixed; `make html` prints why, `make publish` stops.
            return
        found.append(response)
        placeholder = self.md.htmlStash.store(response.figure_in_post)
        kept.extend(["", placeholder, ""])


class QuotedResponses(Extension):
    """`::: response` blocks in any post; see the README for the fields."""

    def __init__(self, **kwargs):
        self.config = {
            "default_lang": ["en", "language of translations without their own"],
            # The site's DEFAULT_DATE_FORMAT, so a quote's date reads like every other date.
            "date_format": [DATE_FORMAT, "how a quote's date is shown (strftime)"],
            "phone_region": [DEFAULT_PHONE_REGION, "where national phone numbers are dialled"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        self.start_file(md)
        md.candor_default_lang = self.getConfig("default_lang")
        md.candor_date_format = self.getConfig("date_format")
        md.candor_phone_region = self.getConfig("phone_region")
        md.preprocessors.register(
            ResponseBlocks(md), "candor_responses", PREPROCESSORS["candor_responses"]
        )

    def start_file(self, md: Markdown) -> None:
        """What one file quotes, on the reader's one Markdown instance (reused_markdown.py);
        kept through the `reset` before its `Summary:`, for the reader's metadata step."""
        md.quoted_responses = []
        md.response_findings = []
        md.pending_responses = []


def summary_without_quotes(content: str, responses: list, settings: dict) -> str:
    """The post's own words with its quotes left out, cut as Pelican cuts a summary.

    A summary cut off mid-quote would misquote a customer, and on an index page
    each quote's id would repeat once per post. A post of nothing but quotes is
    summed up by its first quote, whole and without the id (a `Summary:` chooses
    another).
    """
    own_words = content
    for response in responses:
        own_words = own_words.replace(response.figure_in_post, "", 1)
    if not TAG.sub("", own_words).strip():
        return responses[0].figure_html
    # What Pelican's `Content.get_summary` does to content.
    if settings.get("SUMMARY_MAX_PARAGRAPHS") is not None:
        own_words = truncate_html_paragraphs(own_words, settings["SUMMARY_MAX_PARAGRAPHS"])
    if settings.get("SUMMARY_MAX_LENGTH") is not None:
        own_words = truncate_html_words(
            own_words, settings["SUMMARY_MAX_LENGTH"], settings["SUMMARY_END_SUFFIX"]
        )
    return strip_toc_elements_from_html(own_words)


def add_responses_to_metadata(md, content: str, metadata: dict, settings: dict) -> None:
    """The reader's metadata step: the quotes a file's blocks made, and a summary without them."""
    responses = getattr(md, "quoted_responses", None)
    if responses is not None:
        metadata["responses"] = list(responses)
        metadata["response_findings"] = list(md.response_findings)
        if md.pending_responses:  # only then: a post's metadata holds what it says
            metadata["pending_responses"] = list(md.pending_responses)
    if responses and "summary" not in metadata:
        # Pelican takes a summary from the metadata as it is, and resolves its
        # {filename} links like those of a written `Summary:`.
        metadata["summary"] = summary_without_quotes(content, responses, settings)
