"""No code in what authors publish: script links, handlers, frames and the like removed.

Python-Markdown writes `[x](javascript:alert(1))` as a live link, and raw HTML
in a post may carry much more: an `onerror=` handler, an `<iframe>`, a
`<meta http-equiv=refresh>`, an SVG `<animate>` that turns a link into
`javascript:`. Feeds and mail clients apply no Content-Security-Policy, so
this is cleaned in the body and the summary of every post, page and email, once
per build, before any page, feed or `.eml` is made from them. Quoted responses
are sanitized on their own (quote_safety.py).

Two steps. Finding: one pass of regular expressions over the tags (not the
text: a code sample showing `<script>` is escaped by Markdown and left alone)
names each element, handler and address that runs code, so each is reported
with its file and line, a problem that stops `make publish`. Cleaning: only when
something was found, the whole markup goes through nh3 (the ammonia sanitizer)
with an allow-list of what Markdown and authors ordinarily write (tables,
images, details/summary, classes, styles), so whatever came with the payload
goes too; a post with nothing found is left byte for byte as Markdown wrote it,
which keeps sent emails' ledger fingerprints unchanged.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from ..build.problems import ProblemLog
from ..text.source_lines import line_of, source_lines

# A tag and its attributes; quoted values may hold ">" (`<a title=">" onclick=...>`).
# The trailing ">" is optional so that an unclosed tag is still read, in one pass.
TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?")
ATTRIBUTE = re.compile(
    r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?",
)
# Elements that run code, load another page into this one, or change where links go.
CODE_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "portal", "animate", "animatemotion", "animatetransform", "set", "handler",
}  # fmt: skip
# Attributes whose value is markup or code rather than an address.
CODE_ATTRIBUTES = {"srcdoc"}
# What a browser ignores in a URL: tabs and newlines anywhere, controls and spaces before it.
IGNORED = re.compile(r"[\t\n\r]")
SCRIPT_URL = re.compile(r"(?:javascript|vbscript|data(?!:image/(?:png|jpeg|gif|webp)[;,])):", re.I)

# What a cleaned body may keep: nh3's own allow-list and what authors ordinarily add.
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "audio", "input", "main", "picture", "section", "source", "track", "video",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "dir", "style", "role", "width", "height", "align"},
    "a": {"href", "hreflang", "rel", "name"},
    "img": {"src", "srcset", "sizes", "alt", "loading"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "audio": {"src", "controls", "loop", "muted", "preload"},
    "video": {"src", "controls", "loop", "muted", "preload", "poster"},
    "track": {"src", "kind", "srclang", "label"},
    "input": {"type", "checked", "disabled"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "li": {"value"},
}
# In a style attribute: what loads code however the URL is written, and each url(...).
STYLE_CODE = re.compile(r"expression\s*\(|behavior\s*:|-moz-binding|javascript:|vbscript:", re.I)
CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]*)", re.I)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}  # data: only for images, below


@dataclass(frozen=True)
class Finding:
    """One thing removed: what it is, and a piece of it to find its line by."""

    what: str  # 'the <iframe> element', 'the onerror= attribute of <img>', ...
    needle: str  # text to look for in the source file
    address: str = ""  # for a link: the address as written


def runs_code(attribute_value: str) -> bool:
    url = IGNORED.sub("", html.unescape(attribute_value.strip("\"'"))).lstrip("\x00- ")
    return bool(SCRIPT_URL.match(url))


def runs_code_anywhere(name: str, attribute_value: str) -> bool:
    """Also each of a list of values: SVG's `<animate values="x;javascript:...">`, and
    a style that loads code (`background: url(javascript:...)`, old IE's `expression()`)."""
    if runs_code(attribute_value):
        return True
    values = html.unescape(attribute_value.strip("\"'"))
    if name == "style":
        return style_runs_code(values)
    return name == "values" and any(runs_code(value) for value in values.split(";"))


def style_runs_code(style: str) -> bool:
    # CSS escapes (`\6a avascript`) and comments could hide a word: undo them first.
    css = CSS_COMMENT.sub("", CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), style))
    css = IGNORED.sub("", css)
    return bool(STYLE_CODE.search(css)) or any(runs_code(url) for url in CSS_URL.findall(css))


def findings_in(markup: str) -> list[Finding]:
    """Every element, handler and address in `markup` that would run code."""
    found: list[Finding] = []
    for tag in TAG.finditer(markup):
        name = tag[1].lower()
        if name in CODE_ELEMENTS:
            found.append(Finding(f"the <{name}> element", f"<{tag[1]}"))
            continue
        for attribute in ATTRIBUTE.finditer(tag[2]):
            key, value = attribute[1].lower(), attribute[2] or ""
            if key.startswith("on") or key in CODE_ATTRIBUTES:
                what = f"the {shown(key)}= attribute of <{shown(name)}>"
                found.append(Finding(what, attribute[1]))
            elif key == "style" and style_runs_code(html.unescape(value.strip("\"'"))):
                what = f"the style= attribute of <{shown(name)}> (it loads code)"
                found.append(Finding(what, value.strip("\"'")))
            elif value and runs_code_anywhere(key, value):
                address = value.strip("\"'")
                found.append(Finding(f'the link to "{shorten(address)}"', address, address))
    return found


def shorten(text: str) -> str:
    return shown(text if len(text) <= 40 else text[:37] + "...")


def shown(text: str) -> str:
    """`text` for a terminal: a control character is written out (\\x1b), never sent."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def keep_safe_value(tag: str, attribute: str, value: str) -> str | None:
    # nh3 allows data: for every URL; only images of the usual kinds keep one.
    # It also keeps a style as written: one that loads code goes.
    if runs_code(value) or (attribute == "style" and style_runs_code(value)):
        return None
    return value


def cleaned(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_safe_value,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=False,
    )


def without_script_links(markup: str) -> tuple[str, list[Finding]]:
    """`markup` without anything that runs code, and what was found; unchanged if nothing."""
    found = findings_in(markup)
    return (cleaned(markup) if found else markup), found


def message(finding: Finding) -> str:
    if finding.address:
        return (
            f"{finding.what} would run code in the reader's browser and was removed; "
            "link to an http:// or https:// address instead"
        )
    if finding.what.endswith("element"):
        return (
            f"{finding.what} would run code or load another page in the reader's browser "
            "(feeds and mail clients have no Content-Security-Policy) and was removed; "
            "link to what it showed instead"
        )
    return f"{finding.what} would run code in the reader's browser and was removed"


def remove_script_links(content, problems: ProblemLog) -> None:
    """Clean the body and the summary of one post, page or email; report what went."""
    found: list[Finding] = []
    if getattr(content, "_content", None):
        content._content, removed = without_script_links(content._content)
        found += removed
    summary = content.metadata.get("summary")
    if summary:
        content.metadata["summary"], removed = without_script_links(str(summary))
        content._summary = content.metadata["summary"]
        found += removed
    lines = source_lines(content.source_path) if found else []
    reported: set[tuple[str, int | None]] = set()
    for finding in found:
        line = line_of(lines, finding.needle, prefix=12)
        if (finding.what, line) in reported:
            continue  # the body and the summary both hold it
        reported.add((finding.what, line))
        field = f"line {line}" if line else "body"
        problems.add(content.source_path, field, message(finding))
