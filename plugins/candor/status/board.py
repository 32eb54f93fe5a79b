"""The status board: every declared system's condition right now, and its last 90 days.

Worked out once per build, at the build's "now" (clock.py), from the incidents
and maintenance windows that name each system:

- a system's **condition** is the worst of: the severity of each unresolved
  incident naming it, and `maintenance` while a window naming it is in progress;
  otherwise `operational`;
- each of the last **90 days** (in the site's TIMEZONE) gets the worst condition
  of what touched it, so the row shows every day in words (for screen readers)
  and in colour and height (for the eye).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..text.shown_times import ShownTime, human_time
from .systems import System

# Worst last: a system's condition is the highest of what applies to it.
CONDITIONS: dict[str, str] = {
    "operational": "Operational",
    "maintenance": "Under maintenance",
    "minor": "Minor incident",
    "major": "Major incident",
    "critical": "Critical incident",
}
RANK = {name: rank for rank, name in enumerate(CONDITIONS)}
# An unresolved incident that gives no severity still makes its systems not operational.
UNSTATED = "major"
DAYS = 90
BANNER_MOST = 3  # items in the banner of every page; the status page shows them all


def worst(*conditions: str) -> str:
    return max(conditions, key=RANK.__getitem__)


@dataclass(frozen=True)
class Day:
    day: date
    condition: str
    text: str  # "Fri 28 Nov 2025: Major incident"

    @property
    def iso(self) -> str:
        return self.day.isoformat()


@dataclass
class SystemStatus:
    system: System
    condition: str = "operational"
    days: list[Day] = field(default_factory=list)
    # What made days of the row other than operational, newest first, in words.
    noted_days: list[Day] = field(default_factory=list)

    @property
    def condition_label(self) -> str:
        return CONDITIONS[self.condition]


@dataclass(frozen=True)
class SystemGroup:
    name: str  # "" for the systems declared without a group
    systems: list[SystemStatus]


@dataclass(frozen=True)
class BannerItem:
    text: str
    url: str
    condition: str


@dataclass
class StatusBoard:
    now: datetime
    as_of: ShownTime
    systems: list[SystemStatus]
    groups: list[SystemGroup]
    active_incidents: list  # posts, worst first, then newest
    maintenance: list  # posts of windows upcoming or in progress, soonest first
    condition: str  # the worst of every system's

    @property
    def condition_label(self) -> str:
        if self.condition == "operational":
            return "All systems operational"
        affected = sum(1 for s in self.systems if s.condition != "operational")
        if not affected:  # what goes on names no declared system
            return CONDITIONS[self.condition]
        systems = "system" if affected == 1 else "systems"
        return f"{CONDITIONS[self.condition]}: {affected} {systems} affected"


@dataclass(frozen=True)
class OverallCondition:
    """The board's condition without its time: what every page may show (the navigation,
    the home page). A page that looked at the whole board would change with "as of"
    at every build, and the page cache (incremental/) would keep none of them."""

    condition: str
    condition_label: str


def incident_condition(post) -> str:
    return post.incident.severity or UNSTATED


def days_touched(start: datetime, end: datetime, zone, first: date, last: date):
    day = max(start.astimezone(zone).date(), first)
    stop = min(end.astimezone(zone).date(), last)
    while day <= stop:
        yield day
        day += timedelta(days=1)


def make_board(systems: list[System], incidents: list, windows: list, now: datetime, zone):
    today = now.astimezone(zone).date()
    first = today - timedelta(days=DAYS - 1)
    statuses = {system.slug: SystemStatus(system) for system in systems}
    worst_day: dict[str, dict[date, str]] = {system.slug: {} for system in systems}

    def touch(slugs, condition: str, start: datetime, end: datetime) -> None:
        for day in days_touched(start, end, zone, first, today):
            for slug in slugs:
                marked = worst_day[slug]
                marked[day] = worst(marked.get(day, "operational"), condition)

    for post in incidents:
        incident = post.incident
        slugs = [system.slug for system in post.status_systems]
        if incident.ongoing:
            for slug in slugs:
                statuses[slug].condition = worst(statuses[slug].condition, incident_condition(post))
        start = incident.started or post.date
        end = incident.resolved or now
        if start <= now:
            touch(slugs, incident_condition(post), start, min(end, now))
    for post in windows:
        window = post.maintenance
        slugs = [system.slug for system in post.status_systems]
        if window.phase == "in-progress":
            for slug in slugs:
                statuses[slug].condition = worst(statuses[slug].condition, "maintenance")
        if window.complete and window.starts <= now:
            touch(slugs, "maintenance", window.starts, min(window.ends, now))

    for slug, status in statuses.items():
        marked = worst_day[slug]
        status.days = [
            day_of(first + timedelta(days=n), marked.get(first + timedelta(days=n), "operational"))
            for n in range(DAYS)
        ]
        status.noted_days = [day for day in reversed(status.days) if day.condition != "operational"]

    ordered = [statuses[system.slug] for system in systems]
    groups: dict[str, list[SystemStatus]] = {}
    for status in ordered:
        groups.setdefault(status.system.group, []).append(status)
    active = [post for post in incidents if post.incident.ongoing]
    active.sort(key=lambda post: (-RANK[incident_condition(post)], -post.date.timestamp()))
    coming = [p for p in windows if p.maintenance.complete and p.maintenance.phase != "ended"]
    coming.sort(key=lambda post: post.maintenance.starts)
    # Not only the systems': an incident or window that names none of them (or a site that
    # declares none) is still going on, and the page must not say all is well.
    overall = worst(
        "operational",
        *(status.condition for status in ordered),
        *(incident_condition(post) for post in active),
        *("maintenance" for post in coming if post.maintenance.phase == "in-progress"),
    )
    return StatusBoard(
        now=now,
        as_of=ShownTime(now.isoformat(), human_time(now)),
        systems=ordered,
        groups=[SystemGroup(name, members) for name, members in groups.items()],
        active_incidents=active,
        maintenance=coming,
        condition=overall,
    )


def day_of(day: date, condition: str) -> Day:
    return Day(day, condition, f"{day:%a} {day.day} {day:%b %Y}: {CONDITIONS[condition]}")


def banner_items(board: StatusBoard, windows: list, notice: timedelta) -> list[BannerItem]:
    """What every page announces: each unresolved incident, and maintenance within notice."""
    items = []
    for post in board.active_incidents:
        incident = post.incident
        severity = f"{incident.severity_label} incident" if incident.severity else "Incident"
        items.append(
            BannerItem(
                f"{severity}, {incident.state_label.lower()}: {post.title}",
                post.url,
                incident_condition(post),
            )
        )
    for post in board.maintenance:
        window = post.maintenance
        if window.phase == "in-progress":
            text = f"Maintenance in progress until {window.shown_ends.text}: {post.title}"
        elif window.complete and window.starts - notice <= board.now:
            text = f"Maintenance from {window.shown_starts.text}: {post.title}"
        else:
            continue
        items.append(BannerItem(text, post.url, "maintenance"))
    return items
