"""Atom, RSS and JSON Feed for everything, for each kind, for the email archive,
and Atom for each category and tag; plus the /feeds/ page that lists them.

Pelican's own feeds are left off: their entry ids change with the host, slug
and date, and they carry no JSON Feed. Each entry is prepared once per build
(`FeedEntry`: absolute content, summary, dates, links) and reused by every feed
it appears in.

Adds to templates: `candor_feeds` (every `FeedInfo`, in the order the /feeds/
page shows them), `site_feed` (the one every page announces), and for
autodiscovery `feed_of_kind` ({kind: FeedInfo}),
`feed_of_tag` and `feed_of_category` ({slug: FeedInfo}) and `email_feed`.
Each `FeedInfo` has `links`: one `FeedLink` (`format_name`, `media_type`, `url`)
per format, for `<link rel="alternate">` and for the /feeds/ page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from pelican.generators import Generator

from ..incidents import fields as incidents
from ..kinds.post_kinds import KINDS
from ..text.urls import absolute_links, absolute_url, public_base_url
from . import entry_ids
from .formats import json_feed, xml_feed

FORMATS = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
# How each format is named to readers, and announced to browsers.
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
KIND_FEED_NAMES = {"thank-you": "thank-you", "incident": "incidents", "responses": "responses"}


@dataclass(frozen=True)
class FeedLink:
    format_name: str  # "Atom"
    media_type: str  # "application/atom+xml"
    url: str  # relative to SITEURL


@dataclass
class FeedInfo:
    name: str  # e.g. "all", "incidents", "tag/email"
    title: str
    description: str
    formats: dict[str, str]  # format -> URL path relative to SITEURL
    items: list = field(default_factory=list, repr=False)  # posts or emails
    id: str = ""  # permanent, from the ledger: given once everything is read

    @property
    def links(self) -> list[FeedLink]:
        return [FeedLink(FORMAT_NAMES[f], MEDIA_TYPES[f], url) for f, url in self.formats.items()]


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
        content_html=absolute_links(email.content, base_url),
        summary_html=absolute_links(email.summary, base_url),
        published=email.sent,
        updated=getattr(email, "modified", None) or email.sent,
        author=email.sender_name or email.sender_address,
        tags=[],
        related=related,
        extension=extension,
    )


KIND_DESCRIPTIONS = {
    "thank-you": "Thank-you notes to our customers.",
    "incident": "Incident write-ups: what happened, who was affected and what we changed, "
    "updated in place as an incident moves on to resolved.",
    "responses": "Round-ups of what customers told us, quoted with their consent.",
}


def plan_feeds(context: dict) -> list[FeedInfo]:
    """Every feed of the site and the posts or emails in it; decided once per build."""
    folder = context["CANDOR_FEEDS_PATH"].strip("/")
    sitename = Markup(context["SITENAME"]).striptags()

    def feed(name: str, title: str, description: str, items: list, formats=FORMATS):
        urls = {fmt: f"{folder}/{name}{FORMATS[fmt]}" for fmt in formats}
        return FeedInfo(name, title, description, urls, items)

    feeds = [
        feed(
            "all",
            sitename,
            "Every post: thank-you notes, incidents and responses.",
            context["articles"],
        ),
    ]
    for kind, name in KIND_FEED_NAMES.items():
        feeds.append(
            feed(
                name,
                f"{sitename}: {KINDS[kind].plural}",
                KIND_DESCRIPTIONS[kind],
                context["articles_by_kind"][kind],
            )
        )
    feeds.append(
        feed(
            "emails",
            f"{sitename}: emails we sent",
            "Every email we sent to many customers at once, as it was sent.",
            context["emails"],
        )
    )
    for group, label in (("categories", "category"), ("tags", "tag")):
        pairs = context[group].items() if isinstance(context[group], dict) else context[group]
        for taxonomy, articles in sorted(pairs, key=lambda pair: pair[0].slug):
            feeds.append(
                feed(
                    f"{label}/{taxonomy.slug}",
                    f"{sitename}: {label} {taxonomy.name}",
                    f"Posts in the {label} “{taxonomy.name}”.",
                    articles,
                    ("atom",),
                )
            )
    return feeds


def feeds_for_templates(context: dict) -> None:
    feeds = plan_feeds(context)
    context["candor_feeds"] = feeds
    named = {f.name: f for f in feeds}
    context["site_feed"] = named["all"]
    context["feed_of_kind"] = {kind: named[name] for kind, name in KIND_FEED_NAMES.items()}
    context["email_feed"] = named["emails"]
    # What a post's page announces: the feed of its kind, or the site's for a plain post.
    for post in context["articles"] + context.get("hidden_articles", []):
        name = KIND_FEED_NAMES.get(getattr(post, "kind", None))
        post.kind_feed = named[name] if name else named["all"]
    for label in ("tag", "category"):
        context[f"feed_of_{label}"] = {
            name.removeprefix(f"{label}/"): f
            for name, f in named.items()
            if name.startswith(f"{label}/")
        }


def is_email(item) -> bool:
    return hasattr(item, "eml_url")


def published(item) -> datetime:
    """What an item's entry gives as `published`: an email's sending time, a post's date."""
    return item.sent if is_email(item) else item.date


class FeedGenerator(Generator):
    """Writes every planned feed; each entry is prepared once, however many feeds hold it."""

    def generate_context(self) -> None:
        pass  # feeds are planned after linking, in feeds_for_templates

    def generate_output(self, writer) -> None:
        base_url = public_base_url(self.settings)
        language = self.settings["DEFAULT_LANG"]
        max_items = self.settings.get("FEED_MAX_ITEMS")
        prepared: dict[int, FeedEntry] = {}

        def entry(item) -> FeedEntry:
            key = id(item)
            if key not in prepared:
                make = email_entry if is_email(item) else post_entry
                prepared[key] = make(item, base_url)
            return prepared[key]

        for info in self.context["candor_feeds"]:
            # Only the newest FEED_MAX_ITEMS are prepared: the rest are never shown.
            newest = sorted(info.items, key=published, reverse=True)[:max_items]
            entries = [entry(item) for item in newest]
            feed_id = info.id or entry_ids.feed_id(self.settings, None, info.name)
            for fmt, path in info.formats.items():
                feed_url = absolute_url(base_url, path)
                if fmt == "json":
                    text = json_feed(
                        info, entries, feed_id, feed_url, base_url, language, self.settings
                    )
                else:
                    text = xml_feed(fmt, info, entries, feed_id, feed_url, base_url, language)
                target = os.path.join(self.output_path, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w", encoding="utf-8") as out:
                    out.write(text)
        if self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"]:
            writer.write_file(
                self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"],
                self.get_template("feeds"),
                self.context,
                page_name="feeds",
                relative_urls=self.settings["RELATIVE_URLS"],
                url=self.settings["CANDOR_FEEDS_PAGE_URL"],
            )
