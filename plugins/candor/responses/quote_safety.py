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
# What people type between the digits of a phone number: spaces (also the
# no-break ones, U+00A0, U+2007, U+2009, U+202F), dots, dashes of every width,
# slashes and brackets.
PHONE_SEPARATORS = "().\\-/ \u00a0\u2007\u2009\u202f\u2010-\u2015\u2212"
# A run of digits and separators; the digit count and the date check in
# `looks_like_phone_number` decide the rest. Not the phonenumbers library: its
# matcher needs a home region to read a national number (555-123-4567) and by
# default keeps only numbers valid in a numbering plan, where masking must err
# the other way, for any country a customer writes from.
PHONE_LIKE = re.compile(rf"(?<![\w@.+/])(?:\+|\()?\d[\d{PHONE_SEPARATORS}]{{5,}}\d(?![\w@/])")
DATE_LIKE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


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


MAX_PHONE_DIGITS = 15  # E.164's longest
MAX_PHONE_LENGTH = 40  # digits and what people type between them


def looks_like_phone_number(candidate: str) -> bool:
    digits = sum(ch.isdigit() for ch in candidate)
    return 7 <= digits <= MAX_PHONE_DIGITS and not DATE_LIKE.fullmatch(candidate.strip("()"))


def hide_numbers_in(words: list[str], hide) -> list[str]:
    """`words` with each longest run of them that reads as one phone number hidden.

    A run starts on a digit, bracket or plus and ends on a digit or bracket, and is
    at most MAX_PHONE_LENGTH characters, so each word is looked at a bounded
    number of times however long the line.
    """
    out, start = [], 0
    while start < len(words):
        found = None
        if not is_number_edge(words[start][:1], "+("):
            out.append(words[start])
            start += 1
            continue
        for end in range(start + 1, len(words) + 1):
            run = " ".join(words[start:end])
            if len(run) > MAX_PHONE_LENGTH:
                break
            if is_number_edge(run[:1], "+(") and is_number_edge(run[-1:], ")"):
                found = end if looks_like_phone_number(run) else found
        if found is None:
            out.append(words[start])
            start += 1
        else:
            out.append(hide(words[start:found]))
            start = found
    return out


def is_number_edge(character: str, also: str) -> bool:
    return bool(character) and (character.isdigit() or character in also)


def mask_phone_number(number: str, star: str = "*") -> str:
    """Hide every digit but the last two, keeping the shape: +1 (***) ***-**67."""
    total = sum(ch.isdigit() for ch in number)
    seen = 0
    masked = []
    for ch in number:
        if ch.isdigit():
            seen += 1
            masked.append(ch if seen > total - 2 else star)
        else:
            masked.append(ch)
    return "".join(masked)


def mask_contact_details(text: str, star: str = "*") -> tuple[str, list[Masking]]:
    """Mask email addresses (j***@example.com) and phone numbers in one line of text.

    `star` replaces each hidden character: Markdown input needs an escaped star, or
    the stars would turn into emphasis. The maskings report the plain form.
    """
    maskings: list[Masking] = []

    def hide_address(match: re.Match) -> str:
        maskings.append(Masking("email address", f"{match[1]}***@{match[2]}"))
        return f"{match[1]}{star * 3}@{match[2]}"

    def hide_number(match: re.Match) -> str:
        if looks_like_phone_number(match[0]):
            maskings.append(Masking("phone number", mask_phone_number(match[0])))
            return mask_phone_number(match[0], star)
        if sum(ch.isdigit() for ch in match[0]) <= MAX_PHONE_DIGITS:
            return match[0]
        # Too long for one number: a date or a second number runs into it
        # ("2025-12-01 555-123-4567", "555-123-4567 / 555-123-4568").
        words = match[0].split(" ")  # PHONE_LIKE's one breaking space
        return " ".join(hide_numbers_in(words, hide_number_words))

    def hide_number_words(words: list[str]) -> str:
        number = " ".join(words)
        maskings.append(Masking("phone number", mask_phone_number(number)))
        return mask_phone_number(number, star)

    if any(sign in text for sign in AT_SIGNS):  # most lines hold no address at all
        text = EMAIL_ADDRESS.sub(hide_address, text)
    text = PHONE_LIKE.sub(hide_number, text)
    return text, maskings
