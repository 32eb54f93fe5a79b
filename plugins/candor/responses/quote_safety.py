"""Making quoted customer text safe to publish: sanitized HTML, masked contact details.

What customers wrote comes from outside: an email reply can carry raw HTML, and a
quote copied from a support chat can carry someone's address or phone number. Both
functions here are pure, so every rule is tested without a build.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

import nh3
from markdown import Markdown

from .phone_numbers import DEFAULT_PHONE_REGION, mask_phone_number, phone_number_spans

# What a quoted reply may keep: emphasis, links and lists survive; anything that
# runs code, loads something or restyles the page does not.
ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "i",
    "li",
    "ol",
    "p",
    "s",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# "ugc": the link was written by someone else, search engines should not credit us.
QUOTED_LINK_REL = "nofollow ugc noopener noreferrer"

# One description of a contact detail, used both to mask quotes and by the scan of
# the built site (address_checks.py), so the two never disagree on what is one.
#
# "@" as a reader or a mail client sees it: written (also fullwidth, U+FF20, and small,
# U+FE6B, which read as "@"), as an HTML entity, or percent-encoded in a mailto: link.
AT = r"(?:[@\uff20\ufe6b]|&#0*64;|&#[xX]0*40;|&commat;|%40)"
AT_SIGNS = ("@", "\uff20", "\ufe6b", "&", "%")  # one of which every AT starts with
# Letters of any script (josé@exämple.de); the domain may be punycode (xn--...).
# The look-behind starts a match only where a run of address characters starts:
# without it a 40,000-letter word with no "@" is tried from each of its letters.
EMAIL_ADDRESS = re.compile(
    rf"(?<![\w.+%-])[.+-]*(\w)(?:[\w.+-]|%[0-9A-Fa-f]{{2}})*{AT}"
    r"([\w-]+(?:\.[\w-]+)*\.(?:xn--[\w-]+|[^\W\d_]{2,}))(?![\w-])"
)
# `logo@2x.png` looks like an address; a file name is not one.
FILE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "css", "js", "html"}


def email_addresses(text: str) -> list[re.Match]:
    """Every email address in `text`, however its "@" is written; not file names."""
    return [
        match
        for match in EMAIL_ADDRESS.finditer(text)
        if match[2].rpartition(".")[2].lower() not in FILE_EXTENSIONS
    ]


def plain_address(match: re.Match) -> str:
    """The address a mail client would write to, in lower case: jane@customer.example."""
    return re.sub(AT, "@", unquote(match[0].lstrip(".+-"))).lower()


@dataclass(frozen=True)
class Masking:
    """One contact detail hidden from a quote: what kind, and how it now reads."""

    kind: str  # "email address" or "phone number"
    shown_as: str


# A link whose address the sanitizer removed (javascript:, data:, ...) or that never
# had one: nh3 writes its attributes in this form, and links cannot nest.
LINK_WITHOUT_ADDRESS = re.compile(r"<a(?: (?:title|rel)=\"[^\"]*\")*>(.*?)</a>", re.DOTALL)


def sanitize_quote_html(html: str) -> str:
    """Keep only harmless markup: no scripts, handlers, styles, frames or odd URLs.

    A link left without an address is unwrapped to its text: an `<a>` with no href
    is a word styled as a link that goes nowhere.
    """
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=QUOTED_LINK_REL,
        strip_comments=True,
    )
    return LINK_WITHOUT_ADDRESS.sub(r"\1", cleaned) if "<a" in cleaned else cleaned


# Quotes are rendered apart from the post, by plain Markdown with no extensions,
# so nothing a customer wrote reaches the post's own extensions or its HTML stash.
_untrusted_markdown = Markdown(extensions=[])


# Anything Markdown or HTML could read as markup: a text without any of it is
# plain paragraphs. Most quotes are; the tests hold both paths to the same output.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]<>#|~&]|^[ \t]|[ \t]$|^(?:[-+=]|\d+\.)", re.MULTILINE)


def has_markup(text: str) -> bool:
    """Whether Markdown or HTML could read anything in `text` as markup."""
    return MARKDOWN_SYNTAX.search(text) is not None


def render_plain_paragraphs(text: str) -> str:
    """Text without markup (see `has_markup`) as the paragraphs Markdown would make.

    Safe by construction: every character is text, escaped, so no sanitizer is needed.
    """
    paragraphs = re.split(r"\n{2,}", text.strip("\n"))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p)


def unsanitized_markdown_html(text: str) -> str:
    """Markdown from outside as HTML NOT yet safe: only for `sanitize_quote_html` next."""
    _untrusted_markdown.reset()
    return _untrusted_markdown.convert(text)


def render_untrusted_markdown(text: str) -> str:
    """Markdown from outside, as sanitized HTML."""
    return sanitize_quote_html(unsanitized_markdown_html(text))


def mask_contact_details(
    text: str, star: str = "*", region: str = DEFAULT_PHONE_REGION
) -> tuple[str, list[Masking]]:
    """Mask email addresses (j***@example.com) and phone numbers in one line of text.

    National phone numbers are read as numbers of `region` (CANDOR_PHONE_REGION);
    phone_numbers.py says which numbers are found.

    `star` replaces each hidden character: Markdown input needs an escaped star, or
    the stars would turn into emphasis. The maskings report the plain form.
    """
    maskings: list[Masking] = []

    def hide_address(match: re.Match) -> str:
        maskings.append(Masking("email address", f"{match[1]}***@{match[2]}"))
        return f"{match[1]}{star * 3}@{match[2]}"

    if any(sign in text for sign in AT_SIGNS):  # most lines hold no address at all
        text = EMAIL_ADDRESS.sub(hide_address, text)
    pieces, done = [], 0
    for start, end in phone_number_spans(text, region):
        number = text[start:end]
        maskings.append(Masking("phone number", mask_phone_number(number)))
        pieces += [text[done:start], mask_phone_number(number, star)]
        done = end
    return "".join(pieces) + text[done:], maskings
