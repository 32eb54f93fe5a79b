"""The send-ready email: RFC 5322, UTF-8, multipart/alternative (text, then HTML).

The HTML part is the theme's `email/message.html` with its CSS inlined by
css-inline, since most mail clients drop <style> blocks. The text part is made
from the same HTML (plain_text.py), so the two never disagree.
"""

from __future__ import annotations

import binascii
import hashlib
from email.header import Header
from email.utils import format_datetime

import css_inline
from markupsafe import Markup

from ..text.plain_text import html_to_text
from ..text.urls import absolute_links, absolute_url

# One inliner for the whole build: it is built once and reused for every email.
INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
# The message is written out here, with the email package only for what needs
# care: encoding and folding headers (email.header) and dates (email.utils).
# Composing it from the package's MIME classes cost 0.5 ms a message, most of it
# refolding headers that need nothing; this writes the same structure: CRLF line
# ends, a multipart/alternative of two quoted-printable UTF-8 parts. The tests read
# every message back with the email package's parser.
CRLF = "\r\n"
MAX_HEADER_LINE = 78  # RFC 5322's recommended line length


def message_id(email) -> str:
    domain = email.sender_address.rpartition("@")[2] if email.sender_address else "candor.invalid"
    return f"<{email.slug}.{email.sent:%Y%m%d%H%M%S}@{domain}>"


def message_parts(email, base_url: str, html_template, site_name: str = "") -> tuple[str, str]:
    """(plain text, HTML with CSS inlined): the two parts as customers see them."""
    web_url = absolute_url(base_url, email.url)
    post_url = absolute_url(base_url, email.post.url) if email.post else None
    body = absolute_links(email.content, base_url)
    body_html = Markup(body)

    html = html_template.render(
        email=email, body_html=body_html, web_url=web_url, post_url=post_url, SITENAME=site_name
    )
    footer = [f"View this email in your browser: {web_url}"]
    if post_url:
        footer.append(f"Read the full story: {post_url}")
    text = html_to_text(body) + "\n-- \n" + "\n".join(footer) + "\n"
    return text, INLINER.inline(html)


def build_message(email, parts: tuple[str, str]) -> bytes:
    """The email as customers received it: headers, then the text and HTML parts."""
    text, html = parts
    # A fixed boundary keeps two builds of the same email byte-identical.
    boundary = f"candor-{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    headers = (
        ("Subject", email.subject),
        ("From", email.sender),
        ("Reply-To", email.reply_to),
        ("Date", format_datetime(email.sent)),
        ("Message-ID", message_id(email)),
    )
    lines = [
        "Content-Type: multipart/alternative;",
        f' boundary="{boundary}"',
        "MIME-Version: 1.0",
        *(header_line(name, value) for name, value in headers if value),
        "",
    ]
    for body, subtype in ((text, "plain"), (html, "html")):
        lines += [
            f"--{boundary}",
            f'Content-Type: text/{subtype}; charset="utf-8"',
            "Content-Transfer-Encoding: quoted-printable",
            "",
            quoted_printable(body),
        ]
    lines.append(f"--{boundary}--")
    return (CRLF.join(lines) + CRLF).encode("ascii")


def header_line(name: str, value: str) -> str:
    """`Name: value`, folded and encoded as UTF-8 words when it is long or not ASCII."""
    value = " ".join(value.splitlines())  # one header, one logical line
    line = f"{name}: {value}"
    if value.isascii() and len(line) <= MAX_HEADER_LINE:
        return line
    encoded = Header(value, header_name=name).encode(linesep=CRLF, maxlinelen=MAX_HEADER_LINE)
    return f"{name}: {encoded}"


def quoted_printable(body: str) -> str:
    """UTF-8 `body` as quoted-printable lines of at most 76 characters, CRLF between."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    return binascii.b2a_qp(body.encode("utf-8")).decode("ascii").replace("\n", CRLF)
