"""Atom, RSS and JSON Feed, whose entry ids never change.

plan.py          every feed planned once per build: name, title, formats, items
generator.py     the feeds written, and the /feeds/ page
formats.py       one feed in each format
reading.py       the XSL stylesheet that makes a feed a readable page, and the OPML of all
entry_ids.py     permanent ids of entries and feeds, recorded in the ledger
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import entry_ids, plan
from .generator import FeedGenerator


def plan_feeds(build: Build) -> None:
    plan.feeds_for_templates(build.context)


def assign_ids(build: Build) -> None:
    """After the ledger is loaded: ids are read from it, or minted and recorded in it."""
    ledger, context = build.state.ledger, build.context
    if ledger is None:
        return  # an unreadable ledger stops the build; nothing is written
    entry_ids.assign_entry_ids(
        context["articles"] + context["emails"], context, ledger, build.state.problems
    )
    for feed in context["candor_feeds"]:
        feed.id = entry_ids.feed_id(context, ledger, feed.name)


def reading_settings(settings: dict) -> None:
    """The stylesheet a feed opened in a browser is drawn with: the theme's, by default."""
    theme_css = f"{settings.get('THEME_STATIC_DIR', 'theme')}/css/candor.css"
    settings.setdefault("CANDOR_FEED_STYLESHEET", theme_css)


FEATURE = Feature(
    "feeds",
    settings=(reading_settings,),
    generators=(FeedGenerator,),
    links=(plan_feeds, assign_ids),
)
