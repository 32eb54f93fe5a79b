"""The three feed formats, written from prepared entries: Atom and RSS through
feedgenerator, JSON Feed 1.1 with `json` (neither Pelican nor feedgenerator has it).

Every id is given (RSS guids marked `isPermaLink="false"`), every date comes
from the content, and an empty feed's `updated` is a fixed date, so two builds of
the same content write the same bytes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from feedgenerator import Atom1Feed, Rss201rev2Feed
from markupsafe import Markup

from .reading import with_stylesheet

# An empty feed still needs an `updated` that does not change between builds.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class CandorAtomFeed(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for href in item.get("related", ()):
            handler.addQuickElement("link", "", {"rel": "related", "href": href})


class StableDates:
    """An empty feed's `updated` is a fixed date, not the time of the build."""

    def latest_post_date(self):
        return super().latest_post_date() if self.items else EPOCH


class AtomFeed(StableDates, CandorAtomFeed):
    pass


class RssFeed(StableDates, Rss201rev2Feed):
    pass


def xml_feed(fmt, info, entries, feed_id, feed_url, base_url, language, stylesheet=None) -> str:
    feed_class = AtomFeed if fmt == "atom" else RssFeed
    feed = feed_class(
        title=info.title,
        link=base_url + "/",
        description=info.description,
        language=language,
        feed_url=feed_url,
        feed_guid=feed_id,
    )
    for e in entries:
        feed.add_item(
            title=e.title,
            link=e.url,
            # RSS has one body: the full content. Atom has both summary and content.
            description=e.content_html if fmt == "rss" else e.summary_html,
            content=e.content_html,
            author_name=e.author,
            pubdate=e.published,
            updateddate=e.updated,
            unique_id=e.id,
            unique_id_is_permalink=False,
            categories=e.tags,
            related=e.related,
        )
    text = feed.writeString("utf-8")
    # A browser shows the feed as a page through the stylesheet; feed readers ignore it.
    return with_stylesheet(text, stylesheet) if stylesheet else text


def json_feed(info, entries, feed_id, feed_url, base_url, language, settings) -> str:
    items = []
    for e in entries:
        item = {
            "id": e.id,
            "url": e.url,
            "title": e.title,
            "content_html": e.content_html,
            "summary": Markup(e.summary_html).striptags(),
            "date_published": e.published.isoformat(),
            "date_modified": e.updated.isoformat(),
            "tags": e.tags,
            "_candor": e.extension,
        }
        if e.author:
            item["authors"] = [{"name": e.author}]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": base_url + "/",
        "feed_url": feed_url,
        "description": info.description,
        "language": language,
        "authors": [{"name": settings.get("AUTHOR") or info.title}],
        "_candor": {"id": feed_id},
        "items": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
