"""How a time is shown to a reader: one format per purpose, the same on every page.

Formats are chosen here, once, and every page shows a time through a `ShownTime`
prepared at build time, so no template formats a date:

- a **date** (post lists, a post's date and update, when an email was sent, in lists
  and boxes, the date of a quoted response): the site's own Pelican date format
  (`DEFAULT_DATE_FORMAT`, or `DATE_FORMATS` for the content's language; Pelican's
  default reads "Fri 28 November 2025"), the same text as Pelican's `locale_date`;
- a **moment** (a date and a time: incident times, the first timeline entry of a day,
  the Sent line of an email's header): "Fri 28 Nov 2025, 2:07 pm EST", in the zone the
  author wrote, so readers see the clock the people involved saw;
- a **clock** (a timeline entry on the same day as the one before): "2:07 pm EST";
- **machine-readable**, in every `<time datetime="...">`: ISO 8601 with the offset,
  `2025-11-28T14:07:00-05:00`.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from pelican.utils import strftime

# Pelican's own default for DEFAULT_DATE_FORMAT, for dates shown where no content's
# format is at hand (a quote's date, formatted while its post's Markdown is read).
DATE_FORMAT = "%a %d %B %Y"


class ShownTime(NamedTuple):
    """A time ready for `<time datetime="{{ t.iso }}">{{ t.text }}</time>`."""

    iso: str
    text: str


def human_clock(moment: datetime) -> str:
    """ "2:07 pm EST": the clock and the zone the author used."""
    hour = moment.hour % 12 or 12
    noon = "am" if moment.hour < 12 else "pm"
    return f"{hour}:{moment:%M} {noon} {moment:%Z}"


def human_time(moment: datetime) -> str:
    """ "Fri 28 Nov 2025, 2:07 pm EST"."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {human_clock(moment)}"


def shown_date(moment: datetime, date_format: str) -> ShownTime:
    """A date, in the content's date format (Pelican's `date_format` for its language)."""
    # Pelican's strftime, as for `locale_date`: it understands `%-d` on every platform.
    return ShownTime(moment.isoformat(), strftime(moment, date_format))


def shown_moment(moment: datetime | None) -> ShownTime | None:
    return ShownTime(moment.isoformat(), human_time(moment)) if moment else None


def show_post_dates(posts) -> None:
    """Give each post `shown_date` and, when it was updated, `shown_modified`.

    Pelican has already formatted both (`locale_date`, `locale_modified`); only the
    machine-readable form is added, so lists and pages need no `isoformat()`.
    """
    for post in posts:
        if hasattr(post, "date"):
            post.shown_date = ShownTime(post.date.isoformat(), post.locale_date)
        modified = getattr(post, "modified", None)
        post.shown_modified = None
        if modified:
            post.shown_modified = ShownTime(modified.isoformat(), post.locale_modified)
