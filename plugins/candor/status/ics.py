"""The calendar of maintenance windows (`/status/maintenance.ics`), for customers to subscribe.

Written with `icalendar`. Each window's UID is its post's permanent feed id
(feeds/entry_ids.py: recorded in the ledger, or the post's `Uid:`), so it never
changes with the title, the slug or the address, and a calendar updates the event
it has instead of adding a second one. DTSTAMP is when the post last changed in
substance, not the build's time, so a rebuild gives the same file.
"""

from __future__ import annotations

from datetime import UTC

from markupsafe import Markup

from ..incidents.fields import feed_updated
from ..text.urls import absolute_url

PRODUCT = "-//Candor//Maintenance windows//EN"


def maintenance_calendar(windows: list, settings: dict, base_url: str) -> bytes:
    # Imported here: icalendar is the heaviest import a build makes (0.15 s) and only
    # a site with maintenance windows writes a calendar.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    sitename = Markup(settings["SITENAME"]).striptags()
    calendar.add("x-wr-calname", f"{sitename}: maintenance")
    for post in sorted(windows, key=lambda post: post.maintenance.starts):
        window = post.maintenance
        event = Event()
        event.add("uid", post.entry_id)
        event.add("dtstamp", feed_updated(post).astimezone(UTC))
        event.add("dtstart", window.starts.astimezone(UTC))
        event.add("dtend", window.ends.astimezone(UTC))
        event.add("summary", f"Maintenance: {Markup(post.title).striptags()}")
        names = ", ".join(system.name for system in post.status_systems) or ", ".join(
            window.systems
        )
        summary = Markup(post.summary).striptags() if post.summary else ""
        event.add("description", "\n\n".join(part for part in (summary, names) if part))
        event.add("url", absolute_url(base_url, post.url))
        if names:
            event.add("categories", [name.strip() for name in names.split(",")])
        event.add("transp", "TRANSPARENT")  # it does not make the customer busy
        calendar.add_component(event)
    return calendar.to_ical()
