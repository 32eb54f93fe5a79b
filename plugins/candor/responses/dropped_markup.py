"""What the sanitizer takes out of a quote that the author should hear about.

Most of what `sanitize_quote_html` removes leaves the quote reading the same (a
heading becomes text, an event handler goes). Three things change what a reader
sees, so each is reported with its line, as a masking is: a link whose address is
not http, https or mailto (unwrapped to its text), and an element that runs, loads
or embeds something (dropped). Pure: the rendered Markdown in, descriptions out.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .quote_safety import ALLOWED_URL_SCHEMES

# Elements whose loss a reader would notice, or that would have run or loaded
# something; the rest of the disallowed ones (h1, pre, div, ...) just lose their shape.
REPORTED_ELEMENTS = {
    "applet", "audio", "base", "embed", "form", "frame", "frameset", "iframe", "img",
    "input", "link", "math", "meta", "object", "picture", "script", "style", "svg",
    "video",
}  # fmt: skip
SHOWN_ADDRESS_LENGTH = 40


class DroppedMarkup:
    """One thing taken out: what to tell the author, and what to look for in the source."""

    def __init__(self, message: str, written_as: str):
        self.message = message
        self.written_as = written_as  # found in the source line that holds it, lower case


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dropped: list[DroppedMarkup] = []

    def handle_starttag(self, tag, attrs):
        if tag in REPORTED_ELEMENTS:
            message = f"dropped <{tag}> from a quote (a quote keeps text, links and emphasis)"
            self.dropped.append(DroppedMarkup(message, f"<{tag}"))
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            scheme, colon, _ = href.partition(":")
            # A relative address ("notes/", "#top") has no scheme and is kept.
            if (
                colon
                and not any(c in scheme for c in "/?#")
                and (scheme.lower() not in ALLOWED_URL_SCHEMES)
            ):
                shown = href if len(href) <= SHOWN_ADDRESS_LENGTH else href[:40] + "..."
                message = (
                    f'unwrapped a link to "{shown}" in a quote, its text kept: '
                    "a quote links only to http, https or mailto addresses"
                )
                self.dropped.append(DroppedMarkup(message, href.lower()))


def dropped_markup(rendered_html: str) -> list[DroppedMarkup]:
    """What `sanitize_quote_html` will take out of `rendered_html` that a reader notices."""
    if "<" not in rendered_html:
        return []
    finder = _Finder()
    finder.feed(rendered_html)
    finder.close()
    return finder.dropped


def line_of(dropped: DroppedMarkup, lines: list[tuple[int, str]]) -> int:
    """The number of the first source line that shows what was dropped; else the first.

    Markdown can write a link over several lines, or with entities: then the quote's
    first line is the best the build can say.
    """
    for number, text in lines:
        if dropped.written_as in text.lower():
            return number
    return lines[0][0]
