"""Every feed of the site, planned once per build: its name, title, formats and items.

Adds to templates: `candor_feeds` (every `FeedInfo`, in the order the /feeds/
page shows them), `site_feed` (the one every page announces), each post's
`kind_feed`, and for autodiscovery `feed_of_kind` ({kind: FeedInfo}),
`feed_of_tag`, `feed_of_category` and `feed_of_system` ({slug: FeedInfo}: one
feed per system the site declares, its incidents and maintenance) and `email_feed`;
`feeds_opml_url`, the OPML file listing every feed (relative to SITEURL).
Each `FeedInfo` has `links`: one `FeedLink` (`format_name`, `media_type`, `url`)
per format, for `<link rel="alternate">` and for the /feeds/ page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..kinds.post_kinds import KINDS

FORMATS = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
# How each format is named to readers, and announced to browsers.
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}
# A system's feed is for following what happens to it now: its newest incidents and
# maintenance windows, not its whole history (the incident history page has that).
# Fewer entries keep the feeds of many systems cheap to write (bench/: under 3% of a build).
SYSTEM_FEED_ITEMS = 20
KIND_FEED_NAMES = {
    "thank-you": "thank-you",
    "incident": "incidents",
    "responses": "responses",
    "maintenance": "maintenance",
}


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
    max_items: int | None = None  # fewer than FEED_MAX_ITEMS, where a feed needs fewer

    @property
    def links(self) -> list[FeedLink]:
        return [FeedLink(FORMAT_NAMES[f], MEDIA_TYPES[f], url) for f, url in self.formats.items()]


KIND_DESCRIPTIONS = {
    "thank-you": "Thank-you notes to our customers.",
    "incident": "Incident write-ups: what happened, who was affected and what we changed, "
    "updated in place as an incident moves on to resolved.",
    "responses": "Every post that quotes what customers told us, with their consent: "
    "round-ups, and incidents or notes that quote replies.",
    "maintenance": "Planned maintenance: when it starts and ends, and what it affects.",
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
    for system in context.get("candor_systems", []):
        system_feed = feed(
            f"system/{system.slug}",
            f"{sitename}: {system.name}",
            f"The newest incidents and maintenance that affect {system.name}.",
            system.posts,
        )
        system_feed.max_items = SYSTEM_FEED_ITEMS
        feeds.append(system_feed)
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
    folder = context["CANDOR_FEEDS_PATH"].strip("/")
    context["feeds_opml_url"] = f"{folder}/feeds.opml"  # relative to SITEURL
    # What a post's page announces: the feed of its kind, or the site's for a plain post.
    for post in context["articles"] + context.get("hidden_articles", []):
        name = KIND_FEED_NAMES.get(getattr(post, "kind", None))
        post.kind_feed = named[name] if name else named["all"]
    for label in ("tag", "category", "system"):
        context[f"feed_of_{label}"] = {
            name.removeprefix(f"{label}/"): f
            for name, f in named.items()
            if name.startswith(f"{label}/")
        }
