"""Customers' responses quoted in posts: the `::: response` syntax, safe quoting, the wall.

channels.py      channels, outcomes and languages a quote can have
blocks.py        one `::: response` block read into a quote
pending.py       `Status: pending` blocks (imported replies) held back until approved
markdown.py      the Markdown step that finds blocks, and the reader's metadata step
quote_safety.py  sanitizing and masking contact details in quoted text
linking.py       quotes linked to their post, with a tally of outcomes
stated_totals.py a round-up's `Replies:` field: the totals it states, checked against its quotes
wall.py          the generator of the responses page and a page per channel
"""

from __future__ import annotations

from ..build.phases import Feature
from . import linking
from .markdown import QuotedResponses, add_responses_to_metadata
from .wall import ResponseWallGenerator


def link_responses(generator, state) -> None:
    linking.link_responses(generator, state)


def list_posts_that_quote_customers(generator, state) -> None:
    linking.list_posts_that_quote_customers(generator, state)


def quoted_responses(settings: dict) -> QuotedResponses:
    # A quote's date is shown like every other date of the site.
    return QuotedResponses(
        default_lang=settings.get("DEFAULT_LANG", "en"),
        date_format=settings["DEFAULT_DATE_FORMAT"],
        phone_region=settings["CANDOR_PHONE_REGION"].upper(),
    )


FEATURE = Feature(
    "responses",
    markdown=(quoted_responses,),
    metadata=(add_responses_to_metadata,),
    generators=(ResponseWallGenerator,),
    posts_read=(link_responses, list_posts_that_quote_customers),
    pages_read=(link_responses,),
)
