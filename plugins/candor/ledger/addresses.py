"""Permanent addresses: an address customers were given keeps leading to its story.

A sent email links to its web version and to its post; a thousand inboxes keep
those links long after a post or an email is renamed. The ledger records every
address each published post and email has had (`addresses`, by source file) and
the site's addresses each sent email contains (`links` in its email record).

Once everything is read and linked, each old address of a post or email gets a
redirect page to where it lives now (no script: a refresh and `rel=canonical`,
so it works on any static host, S3 included). A sent email's link to an address
the ledger knows but that no post or email has any more (the post was deleted)
would lead nowhere: that is a problem naming the email and the address.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from pelican.generators import Generator

from ..build.problems import ProblemLog

LINK = "href"


@dataclass(frozen=True)
class Redirect:
    old_url: str  # site-relative, as the item's `url` was: "posts/old-slug/"
    new_url: str
    title: str
    save_as: str
    source: str  # the post's or email's file, named when another takes its old address


def save_as_of(url: str) -> str:
    """Where the page of a site-relative address is written."""
    return posixpath.join(url, "index.html") if not url or url.endswith("/") else url


def site_address(href: str, page_url: str, site_url: str) -> str | None:
    """`href` in a page at `page_url` as a site-relative address, or None if it leaves the site."""
    parts = urlsplit(href)
    base = urlsplit(site_url)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not base.netloc:
            return None
        path = parts.path
        prefix = base.path.rstrip("/")
        if not path.startswith(prefix + "/") and path != prefix:
            return None
        path = path[len(prefix) :]
    elif href.startswith(("#", "mailto:", "tel:")) or not parts.path:
        return None
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        path = posixpath.join("/" + posixpath.dirname(page_url.rstrip("/") + "/x"), parts.path)
    address = posixpath.normpath(path).lstrip("/")
    return address + "/" if address and path.endswith("/") else address


class LinksInHtml(HTMLParser):
    """Every `href` in a piece of HTML, in order: the standard library's parser with no
    tree, the same tags and values BeautifulSoup's `find_all(href=True)` found with it
    (a repeated attribute: the last one), at a third of the cost."""

    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = [value for name, value in attrs if name == LINK]
        if values:
            self.hrefs.append(values[-1] or "")


def links_of(email, site_url: str) -> list[str]:
    """The site's addresses a sent email contains: its web version, its post, its links."""
    found = [email.url] + ([email.post.url] if getattr(email, "post", None) else [])
    for href in LinksInHtml(email.content).hrefs:
        address = site_address(href, email.url, site_url)
        if address is not None:
            found.append(address)
    return list(dict.fromkeys(found))


def record_addresses(context: dict, ledger) -> list[Redirect]:
    """Record where each post and email lives now; the redirects from where it lived before."""
    redirects: list[Redirect] = []
    for item in context["articles"] + context["emails"]:
        history = ledger.addresses.setdefault(item.relative_source_path, [])
        if item.url not in history:
            history.append(item.url)
            ledger.changed = True
        for old in history:
            if old != item.url:
                redirects.append(
                    Redirect(old, item.url, item.title, save_as_of(old), item.relative_source_path)
                )
    return redirects


def check_sent_links(context: dict, ledger, problems: ProblemLog) -> None:
    """After the sent emails are checked (a new one is recorded then): record, once, the
    site's addresses each contains; a link to an address that no post or email has any
    more is a problem naming the email and the address."""
    emails = {email.relative_source_path: email for email in context["emails"]}
    live = {item.relative_source_path for item in context["articles"]} | set(emails)
    live_addresses = {a for key in live for a in ledger.addresses.get(key, [])}
    known = {a for history in ledger.addresses.values() for a in history}
    site_url = context.get("SITEURL") or ""
    for key, email in emails.items():
        entry = ledger.emails.get(key)
        if entry is not None and "links" not in entry:
            entry["links"] = links_of(email, site_url)  # what was sent, recorded once
            ledger.changed = True
    for key, entry in ledger.emails.items():
        for address in entry.get("links", []):
            if address in known and address not in live_addresses:
                email = emails.get(key)
                problems.add(
                    email.source_path if email else ledger.path,
                    "links",
                    f"the sent email links to /{address}, which no post or email has any "
                    "more; customers would land nowhere: restore the post (its file, with "
                    "the same Slug), or give another post that address with Save_as",
                )


class RedirectGenerator(Generator):
    """Writes a page at each old address of a post or email, pointing to where it lives now."""

    def generate_context(self) -> None:
        pass  # the redirects are known once everything is read (record_addresses)

    def generate_output(self, writer) -> None:
        template = self.get_template("redirect")
        for redirect in self.context.get("candor_redirects", []):
            writer.write_file(
                redirect.save_as,
                template,
                self.context,
                redirect=redirect,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=redirect.old_url,
            )
