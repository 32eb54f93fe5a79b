"""Atom, RSS and JSON Feed for everything, for each kind, for the email archive,
and Atom for each category and tag; plus the /feeds/ page that lists them.

Pelican's own feeds are left off: their entry ids change with the host, slug
and date, and they carry no JSON Feed. Each entry is prepared once per build
(`FeedEntry`: absolute content, summary, dates, links) and reused by every feed
it appears in.

What the feeds are and hold is planned once everything is read (plan.py); this
generator only writes them, and the /feeds/ page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

from pelican.generators import Generator

from ..emails.corrections import corrections_html, last_corrected
from ..incidents import fields as incidents
from ..text.urls import absolute_links, absolute_url, public_base_url
from . import entry_ids, reading
from .formats import json_feed, xml_feed


@dataclass
class FeedEntry:
    """One post or email as every feed shows it."""

    id: str
    title: str
    url: str
    content_html: str
    summary_html: str
    published: datetime
    updated: datetime
    author: str | None
    tags: list[str]
    related: list[str]  # Atom rel="related" links (a post's email)
    extension: dict  # JSON Feed "_candor"


def post_entry(post, base_url: str) -> FeedEntry:
    related, extension = [], {"kind": post.kind}
    email = getattr(post, "email", None)
    if email is not None:
        related.append(absolute_url(base_url, email.url))
        extension["email"] = {"url": related[0], "subject": email.subject}
    incident = getattr(post, "incident", None)
    if incident is not None:
        extension["incident"] = {"state": incident.state}
    return FeedEntry(
        id=post.entry_id,
        title=incidents.feed_title(post),
        url=absolute_url(base_url, post.url),
        content_html=absolute_links(post.content, base_url),
        summary_html=absolute_links(post.summary, base_url),
        published=post.date,
        # Moves only when the content says so (Modified, a new state), never on a rebuild.
        updated=incidents.feed_updated(post),
        author=str(post.author) if getattr(post, "author", None) else None,
        tags=[str(tag) for tag in getattr(post, "tags", [])],
        related=related,
        extension=extension,
    )


def email_entry(email, base_url: str) -> FeedEntry:
    extension: dict = {"kind": "email", "audience": email.audience}
    related = []
    if email.post is not None:
        related.append(absolute_url(base_url, email.post.url))
        extension["post"] = {"url": related[0], "title": email.post.title}
    return FeedEntry(
        id=email.entry_id,
        title=email.subject,
        url=absolute_url(base_url, email.url),
        # The text as sent, then its corrections: a reader of the feed sees both, and
        # the entry is updated when a correction is added, never on a rebuild.
        content_html=absolute_links(email.content, base_url) + corrections_html(email),
        summary_html=absolute_links(email.summary, base_url),
        published=email.sent,
        updated=last_corrected(email) or getattr(email, "modified", None) or email.sent,
        author=email.sender_name or email.sender_address,
        tags=[],
        related=related,
        extension=extension,
    )


def is_email(item) -> bool:
    return hasattr(item, "eml_url")


def published(item) -> datetime:
    """What an item's entry gives as `published`: an email's sending time, a post's date."""
    return item.sent if is_email(item) else item.date


class FeedGenerator(Generator):
    """Writes every planned feed; each entry is prepared once, however many feeds hold it."""

    def generate_context(self) -> None:
        # Feeds are planned after linking, in feeds_for_templates. Entries are prepared
        # once per build, however many feeds (and calls) show them.
        self.prepared: dict[int, FeedEntry] = {}

    def generate_output(self, writer) -> None:
        base_url = public_base_url(self.settings)
        language = self.settings["DEFAULT_LANG"]
        max_items = self.settings.get("FEED_MAX_ITEMS")
        prepared = self.prepared
        folder = self.settings["CANDOR_FEEDS_PATH"].strip("/")
        site_url = self.settings["SITEURL"].rstrip("/")
        stylesheet = f"{site_url}/{folder}/{reading.XSL_NAME}"

        def entry(item) -> FeedEntry:
            key = id(item)
            if key not in prepared:
                make = email_entry if is_email(item) else post_entry
                prepared[key] = make(item, base_url)
            return prepared[key]

        for info in self.context["candor_feeds"]:
            # Only the newest FEED_MAX_ITEMS are prepared: the rest are never shown.
            most = min(filter(None, (info.max_items, max_items)), default=None)
            newest = sorted(info.items, key=published, reverse=True)[:most]
            entries = [entry(item) for item in newest]
            feed_id = info.id or entry_ids.feed_id(self.settings, None, info.name)
            for fmt, path in info.formats.items():
                feed_url = absolute_url(base_url, path)
                if fmt == "json":
                    text = json_feed(
                        info, entries, feed_id, feed_url, base_url, language, self.settings
                    )
                else:
                    text = xml_feed(
                        fmt, info, entries, feed_id, feed_url, base_url, language, stylesheet
                    )
                self.write(path, text)
        # Written: each entry holds a post's whole HTML again, with absolute links (3 MB
        # at 1,000 posts); nothing reads them after this.
        prepared.clear()
        self.write(f"{folder}/{reading.XSL_NAME}", reading.feed_xsl(self.settings))
        feeds = self.context["candor_feeds"]
        self.write(
            f"{folder}/{reading.OPML_NAME}", reading.feeds_opml(feeds, self.settings, base_url)
        )
        if self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"]:
            writer.write_file(
                self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"],
                self.get_template("feeds"),
                self.context,
                page_name="feeds",
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings["CANDOR_FEEDS_PAGE_URL"],
            )

    def write(self, path: str, text: str) -> None:
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)
