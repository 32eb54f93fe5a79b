"""Links and anchors in a built site: every internal one must lead somewhere.

Each HTML file is parsed once into a `BuiltPage` (its ids, its links, the text of
its headings and link labels); the checks then work on those sets, so a site
of a thousand pages costs a thousand parses, not a million.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# Stands in for an empty SITEURL (development builds), so relative links resolve the same way.
PLACEHOLDER_ORIGIN = "http://candor.invalid"
# Where a page points at another file of the site.
LINK_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "video": "src",
    "audio": "src",
}
# Where a title shows when a page lists or presents a post.
HEADLINE_TAGS = ("h1", "h2", "h3", "a")


@dataclass
class BuiltPage:
    """One HTML file of the built site, as the link check reads it (not Pelican's Page)."""

    path: str  # relative to the site root, with "/" separators
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    headlines: set[str] = field(default_factory=set)


def read_page(path: str, html: str) -> BuiltPage:
    """The ids, links and headlines of the page at `path`, whose HTML is `html`."""
    soup = BeautifulSoup(html, "html.parser")
    page = BuiltPage(path)
    for element in soup.find_all(True):
        if element.get("id"):
            page.ids.add(element["id"])
        if element.name == "a" and element.get("name"):
            page.ids.add(element["name"])
        attribute = LINK_ATTRIBUTES.get(element.name)
        if attribute and element.get(attribute):
            page.links.append(element[attribute].strip())
        if element.name in HEADLINE_TAGS:
            text = " ".join(element.get_text(" ").split())
            if text:
                page.headlines.add(text)
    return page


def site_base(site_url: str) -> str:
    return (site_url or PLACEHOLDER_ORIGIN).rstrip("/")


def internal_target(page_path: str, link: str, base: str) -> tuple[str, str] | None:
    """The file a link points at and its fragment, or None when it leaves the site."""
    absolute = urljoin(f"{base}/{page_path}", link)
    if absolute != base and not absolute.startswith(base + "/"):
        return None  # another host, mailto:, tel:, data: ...
    parts = urlsplit(absolute[len(base) :])
    return unquote(parts.path).lstrip("/"), unquote(parts.fragment)


def existing_file(target: str, files: set[str], folders: set[str]) -> str | None:
    """The file a web server would answer with for `target`, if the build has one."""
    if target == "" or target.endswith("/"):
        target += "index.html"
    elif target in folders:
        target += "/index.html"
    return target if target in files else None


def check_links(
    pages: dict[str, BuiltPage],
    files: set[str],
    site_url: str,
    report: Callable[[str, str, str], None],
) -> None:
    """Report each internal link to a missing file, and each anchor to a missing id.

    A link in a shared part (the menu, a post's summary) is on many pages; it is
    reported once, at the first page, with how many others carry it.
    """
    base = site_base(site_url)
    folders = {os.path.dirname(path) for path in files}
    folders |= {parent for folder in folders for parent in parents(folder)}
    broken: dict[tuple[str, str], list[str]] = {}  # (kind, message) -> pages
    for path in sorted(pages):
        for link in dict.fromkeys(pages[path].links):  # once per page
            problem = link_problem(path, link, pages, files, folders, base)
            if problem:
                broken.setdefault(problem, []).append(path)
    for (kind, message), on_pages in broken.items():
        also = f" (and on {len(on_pages) - 1} other pages)" if len(on_pages) > 1 else ""
        report(on_pages[0], kind, message.replace("{also}", also))


def link_problem(path, link, pages, files, folders, base) -> tuple[str, str] | None:
    try:
        target = internal_target(path, link, base)
    except ValueError:  # urljoin cannot read it, such as "http://[::1"
        return ("link", f'"{link}" is not a web address{{also}}: fix the link')
    if target is None:
        return None
    found = existing_file(target[0], files, folders)
    if found is None:
        return (
            "link",
            f'"{link}" leads to no file in the build{{also}}: fix the link, or restore '
            "what it pointed at",
        )
    if target[1] and found in pages and target[1] not in pages[found].ids:
        return (
            "anchor",
            f'"{link}": {found} has no element with id "{target[1]}"{{also}}: fix the '
            "anchor, or give the heading it meant that id",
        )
    return None


def parents(folder: str):
    while folder:
        folder = os.path.dirname(folder)
        yield folder
