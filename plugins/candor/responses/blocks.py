"""Quoted customer responses: what one `::: response` block says, checked and rendered.

A block is `::: response`, `Key: value` header lines up to the first blank line,
the quote (Markdown), optionally a `--- translation` line and the translation,
then `:::` (README.md, "Quoting customer responses", shows every field). The
Markdown plumbing lives in `markdown.py`; this module turns one block's
lines into a `QuotedResponse` and findings (problems and maskings, with lines).
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..text.shown_times import DATE_FORMAT, shown_date
from .channels import CHANNEL_ALIASES, CHANNELS, OUTCOMES, translation_label
from .dropped_markup import dropped_markup, line_of
from .pending import PENDING
from .phone_numbers import DEFAULT_PHONE_REGION
from .quote_safety import (
    has_markup,
    mask_contact_details,
    render_plain_paragraphs,
    sanitize_quote_html,
    unsanitized_markdown_html,
)

FIELDS = {"name", "consent", "channel", "date", "source", "language", "translation-language"}
FIELDS |= {"outcome", "status", "reply-id"}
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
TRANSLATION_MARK = re.compile(r"-{3,}\s*translation\s*-*\s*", re.IGNORECASE)
ANONYMOUS = "a customer"


@dataclass
class QuotedResponse:
    """One quote, ready for templates: every value is plain or already safe HTML."""

    anchor: str  # the figure's id in its post: "response-2"
    line: int
    text_html: str
    name_shown: str
    channel: str
    channel_label: str
    channel_phrase: str
    date: datetime.date | None = None
    date_label: str = ""
    source_url: str = ""
    lang: str = ""
    translation_html: str = ""
    translation_lang: str = ""
    translation_label: str = ""  # "Translation from German"
    outcome: str = ""
    post: object = None  # the article quoting it, set once all posts are read
    url: str = ""  # the quote in its post: "posts/<slug>/#response-2", set with `post`

    def figure(self, element_id: str = "") -> str:
        """The response as `figure` > `blockquote` + `figcaption`, readable without CSS."""
        esc = html.escape
        id_attribute = f' id="{esc(element_id)}"' if element_id else ""
        lang = f' lang="{esc(self.lang)}"' if self.lang else ""
        cite = f' cite="{esc(self.source_url)}"' if self.source_url else ""
        parts = [
            f'<figure class="response response-{self.channel}"{id_attribute}>',
            f"<blockquote{lang}{cite}>\n{self.text_html}\n</blockquote>",
        ]
        if self.translation_html:
            parts.append(
                f'<div class="response-translation" lang="{esc(self.translation_lang)}">\n'
                f'<p class="response-translation-label">{esc(self.translation_label)}:</p>\n'
                f"{self.translation_html}\n</div>"
            )
        caption = f"— {esc(self.name_shown)}, {esc(self.channel_phrase)}"
        if self.date:
            caption += f', <time datetime="{self.date.isoformat()}">{self.date_label}</time>'
        if self.source_url:
            caption += f' (<a href="{esc(self.source_url)}" rel="nofollow ugc noopener">source</a>)'
        parts.append(f"<figcaption>{caption}</figcaption>\n</figure>")
        return "\n".join(parts)

    @cached_property
    def figure_in_post(self) -> str:
        """The figure as its post shows it, with the anchor as its id."""
        return self.figure(self.anchor)

    @cached_property
    def figure_html(self) -> str:
        """The figure without an id, for pages that show quotes from many posts."""
        return self.figure()


@dataclass(frozen=True)
class Finding:
    """Something the build says about one line of a response block."""

    line: int
    message: str
    is_problem: bool  # False for a masking: reported, but nothing to fix


@dataclass
class ResponseBlock:
    """The lines of one `::: response` block, and where it starts in the file."""

    first_line: int  # line number of the `::: response` line
    lines: list[str]
    phone_region: str = DEFAULT_PHONE_REGION  # CANDOR_PHONE_REGION
    findings: list[Finding] = field(default_factory=list)

    def problem(self, offset: int, message: str) -> None:
        self.findings.append(Finding(self.first_line + offset, message, True))

    def mask(self, line: int, text: str, where: str, star: str = "*") -> str:
        """`text` with contact details masked, each masking noted with its line."""
        masked, maskings = mask_contact_details(text, star, self.phone_region)
        for masking in maskings:
            message = f"masked {masking.kind} in {where} (now {masking.shown_as})"
            self.findings.append(Finding(line, message, False))
        return masked


def render_quote(lines: list[tuple[int, str]], block: ResponseBlock) -> str:
    """The quote's lines as safe HTML, contact details masked, what was dropped noted.

    Most quotes are plain text and skip Markdown, which was most of what responses
    cost a build. Which path is decided before masking: a mask is stars, which
    Markdown would read as emphasis, so for Markdown they are escaped.
    """
    text = "\n".join(text for _, text in lines)
    markup = has_markup(text)
    if mask_contact_details(text, region=block.phone_region)[
        1
    ]:  # again line by line, to tell each masking's line
        star = "\\*" if markup else "*"
        text = "\n".join(block.mask(number, line, "a quote", star) for number, line in lines)
    if not markup:
        return render_plain_paragraphs(text)
    rendered = unsanitized_markdown_html(text)
    for dropped in dropped_markup(rendered):
        block.findings.append(Finding(line_of(dropped, lines), dropped.message, False))
    return sanitize_quote_html(rendered)


def read_header(block: ResponseBlock) -> tuple[dict[str, tuple[int, str]], int]:
    """The `Key: value` lines up to the first blank line, and where the quote starts."""
    header: dict[str, tuple[int, str]] = {}
    offset = 1
    while offset < len(block.lines) and block.lines[offset].strip():
        key, colon, value = block.lines[offset].partition(":")
        key = key.strip().lower()
        if not colon or key not in FIELDS:
            fields = ", ".join(sorted(FIELDS))
            block.problem(offset, f'"{key}" is not a response field; use: {fields}')
        else:
            header[key] = (offset, value.strip())
        offset += 1
    return header, offset


def parse_response_block(
    block: ResponseBlock, anchor: str, default_lang: str, date_format: str = DATE_FORMAT
):
    """Return the block's `QuotedResponse`, or None when a problem keeps it out."""
    header, offset = read_header(block)
    body = [(block.first_line + i, block.lines[i]) for i in range(offset, len(block.lines))]
    marks = [
        i
        for i, (_, text) in enumerate(body)
        if "---" in text and TRANSLATION_MARK.fullmatch(text.strip())
    ]
    quote, translation = (body[: marks[0]], body[marks[0] + 1 :]) if marks else (body, [])

    def value(key: str) -> str:
        return header.get(key, (0, ""))[1]

    def problem(key: str, message: str) -> None:
        block.problem(header.get(key, (0, ""))[0], message)

    channel_written = value("channel").lower()
    channel = CHANNELS.get(CHANNEL_ALIASES.get(channel_written, channel_written))
    if channel is None:
        allowed = ", ".join([*CHANNELS, *CHANNEL_ALIASES])
        written = f'"{value("channel")}" is not a channel' if channel_written else "no channel"
        problem("channel", f"{written}; use one of: {allowed}")

    # `Consent: no` is a decision (quote them, never name them); no answer at all
    # next to a name is a question the author has to settle first.
    consent = value("consent").lower()
    if consent not in {"yes", "no", ""}:
        problem("consent", f'consent is "yes" or "no", not "{value("consent")}"')
    elif value("name") and not consent:
        problem("name", "a named response needs `Consent: yes` (name shown) or `Consent: no`")

    if not any(text.strip() for _, text in quote):
        block.problem(0, "the quote is empty; write what the customer said after a blank line")

    date = None
    if value("date"):
        try:
            date = datetime.date.fromisoformat(value("date"))
        except ValueError:
            problem("date", f'"{value("date")}" is not a date; write YYYY-MM-DD')

    source = value("source")
    if source and not re.match(r"https?://", source, re.IGNORECASE):
        problem("source", "a source is an http:// or https:// link")
    elif source and channel and not channel.public:
        problem("source", f"a {channel.slug} conversation is private: it has no source link")

    lang, translation_lang = value("language"), value("translation-language") or default_lang
    for key, tag in (("language", lang), ("translation-language", translation_lang)):
        if tag and not LANGUAGE_TAG.fullmatch(tag):
            problem(key, f'"{tag}" is not a language code such as de or pt-BR')
    if translation and not lang:
        mark_offset = body[marks[0]][0] - block.first_line
        block.problem(
            mark_offset, "a translation needs the original's language: add `Language: de`"
        )

    if value("status") and value("status").lower() != PENDING:
        problem(
            "status",
            f'"{value("status")}" is not a status; a block is approved when it has none: '
            "delete the `Status: pending` line",
        )
    if marks and not any(text.strip() for _, text in translation):
        block.problem(
            body[marks[0]][0] - block.first_line,
            "the translation is empty: write it below `--- translation`, or remove that line",
        )

    outcome = value("outcome").lower()
    if outcome and outcome not in OUTCOMES:
        problem("outcome", f'"{value("outcome")}" is not an outcome; use: {", ".join(OUTCOMES)}')

    name_line = block.first_line + header.get("name", (0, ""))[0]
    name = block.mask(name_line, value("name"), "a name") if consent == "yes" else ""
    # Render even a broken block, so that its maskings are reported with the rest.
    text_html = render_quote(quote, block)
    translation_html = render_quote(translation, block) if translation else ""
    if any(f.is_problem for f in block.findings):
        return None
    return QuotedResponse(
        anchor=anchor,
        line=block.first_line,
        text_html=text_html,
        name_shown=name or ANONYMOUS,
        channel=channel.slug,
        channel_label=channel.label,
        channel_phrase=channel.phrase,
        date=date,
        date_label=shown_date(date, date_format).text if date else "",
        source_url=source,
        lang=lang,
        translation_html=translation_html,
        translation_lang=translation_lang if translation else "",
        translation_label=translation_label(lang) if translation else "",
        outcome=outcome,
    )
