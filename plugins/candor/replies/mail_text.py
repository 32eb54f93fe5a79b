"""What the customer wrote in one email: their own words, without what mail clients add.

A reply carries the original it answers (quoted with ">" or in an HTML
`blockquote`), a header line before it ("On Tue, 2 Dec 2025, ... wrote:", "Le
... a écrit :", "Am ... schrieb ...:", or Outlook's "From: / Sent: / To:" block,
in English, French and German), a signature ("-- ", "Kind regards", "Sent from
my iPhone", "Mit freundlichen Grüßen"), and sometimes a company's disclaimer.
mail-parser-reply knows those headers and signatures per language; HTML-only
mail is read with BeautifulSoup, after the clients' quote and signature
containers (Gmail, Outlook, Apple Mail, Thunderbird) and everything that loads
or runs (images, tracking pixels, scripts, styles) are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from mailparser_reply.parser import EmailMessage

# The clients' own "On ... wrote:" and signature phrases are known in these languages.
HEADER_LANGUAGES = ["en", "de", "fr"]
# Elements that hold the quoted original or a signature, by client:
# Gmail, Apple Mail and Thunderbird quote in a blockquote (Apple's and Thunderbird's
# with type="cite"); Thunderbird writes its "On ... wrote:" in div.moz-cite-prefix;
# Outlook puts the original after div#divRplyFwdMsg (or an hr before it).
QUOTE_CONTAINERS = (
    "blockquote",
    "div.gmail_quote",
    "div.gmail_attr",
    "div.gmail_signature",
    "div.moz-cite-prefix",
    "div.moz-signature",
    "div#Signature",
    "div#appendonsend",
)
OUTLOOK_ORIGINAL = ("div#divRplyFwdMsg ~ *", "div#divRplyFwdMsg")
LOADS_OR_RUNS = ("script", "style", "head", "img", "iframe", "object", "embed", "svg", "link")
REPORTED = {"script": "scripts", "img": "images and tracking pixels", "iframe": "frames"}
BLOCK_ELEMENTS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul", "ol")
# A company's footer: a paragraph that says it is confidential or a disclaimer.
DISCLAIMER = re.compile(
    r"\b(?:confidential|intended (?:solely |only )?for the (?:addressee|recipient)|"
    r"disclaimer|vertraulich|haftungsausschluss|confidentiel|destinataire)\b",
    re.IGNORECASE,
)
QUOTED_LINE = re.compile(r"^\s*>")


@dataclass
class ReplyText:
    text: str
    removed: list[str] = field(default_factory=list)  # what was taken out, for the report


def html_to_text(markup: str) -> ReplyText:
    """The visible words of an HTML reply, without the original, signatures or loaded things."""
    soup = BeautifulSoup(markup, "html.parser")
    removed = []
    for name in LOADS_OR_RUNS:
        found = soup.find_all(name)
        if found and name in REPORTED:
            removed.append(f"{REPORTED[name]} ({len(found)})")
        for element in found:
            element.decompose()
    # Found all at once: the original's siblings are found by it, before it goes.
    quoted = [
        element
        for selector in (*OUTLOOK_ORIGINAL, *QUOTE_CONTAINERS)
        for element in soup.select(selector)
    ]
    for element in quoted:
        element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for element in soup.find_all(BLOCK_ELEMENTS):
        element.insert_before("\n\n")
        element.insert_after("\n\n")
    text = soup.get_text()
    return ReplyText(plain_reply(text), removed)


def plain_reply(text: str) -> str:
    """The newest reply in a plain text body: headers, quotes, signatures, disclaimers gone."""
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    message = EmailMessage(text=text, languages=list(HEADER_LANGUAGES), keep_hyphen_lists=True)
    replies = message.read().replies
    body = replies[0].body if replies else ""
    lines = [line.rstrip() for line in body.split("\n") if not QUOTED_LINE.match(line)]
    paragraphs = re.split(r"\n\s*\n", "\n".join(lines).strip())
    kept = [p.strip() for p in paragraphs if p.strip() and not DISCLAIMER.search(p)]
    return "\n\n".join(kept)
