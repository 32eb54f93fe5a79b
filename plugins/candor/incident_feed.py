"""Incident states in Pelican's stock feeds: the entry title and `updated`.

A stand-in until Candor's own feeds module writes entries itself: it rewrites,
just before a feed is written, the title ("[Resolved] Title") and the updated
time of each incident's entry. The entry id is untouched (Pelican's tag URI,
stable while the slug and the date stay), so a change of state updates the
entry a reader already has instead of adding a second one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from markupsafe import Markup

from .incidents import feed_title, feed_updated


def show_incident_states_in_feed(context: dict, feed) -> None:
    by_path = {"/" + post.url.lstrip("/"): post for post in context.get("incidents", [])}
    for item in feed.items:
        path = urlsplit(item["link"]).path
        post = next((p for suffix, p in by_path.items() if path.endswith(suffix)), None)
        if post is not None:
            item["title"] = Markup(feed_title(post)).striptags()
            item["updateddate"] = feed_updated(post)
