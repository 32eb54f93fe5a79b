"""Absolute addresses for places with no page to be relative to: feeds and emails."""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin, urlsplit

# Markdown output quotes every attribute with double quotes; a regular expression
# over href/src is enough there, and much cheaper per post than parsing the HTML.
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


# A path such as "posts/slug/" (no scheme, query, fragment, leading slash, empty
# or dot segments: urljoin would rework those) goes at the end of the base as it is.
PLAIN_PATH = re.compile(r"(?![./])(?!.*//)(?!.*(?:^|/)\.\.?(?:/|$))[^:;?#\x00-\x20]*")


def absolute_links(html: str, base_url: str) -> str:
    """Every href and src made absolute against `base_url` (fragments and mailto: kept)."""
    base = base_url.rstrip("/") + "/"

    def absolute(match: re.Match) -> str:
        return match.group(1) + join(base, match.group(2)) + match.group(3)

    return LINK_ATTRIBUTE.sub(absolute, html)


def join(base: str, url: str) -> str:
    """urljoin(base, url) for a `base` ending in "/", without parsing the common case."""
    if url and PLAIN_PATH.fullmatch(url) and joins_plainly(base):
        return base + url
    try:
        return urljoin(base, url)
    except ValueError:  # such as "//[": no address to make absolute; left as written
        return url


@functools.lru_cache(maxsize=16)
def joins_plainly(base: str) -> bool:
    """Whether a plain path goes at the end of `base` as it is: not when the base has
    a query, a fragment, or empty or dot segments, which urljoin would rework."""
    try:
        return urljoin(base, "a") == base + "a"
    except ValueError:
        return False


def public_base_url(settings: dict) -> str:
    """Where public links point: SITEURL, or the local server in development builds."""
    site_url = (settings.get("SITEURL") or "").rstrip("/")
    if urlsplit(site_url).scheme in ("http", "https"):
        return site_url
    return settings["CANDOR_DEV_SITEURL"].rstrip("/")


def absolute_url(base_url: str, url: str) -> str:
    return join(base_url.rstrip("/") + "/", url)
