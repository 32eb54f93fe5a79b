"""An incident as a reader sees it: its state, times, impact and timeline, ready for templates.

`fields.py` reads one from a post's header; every text a page shows is worked out here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..text.shown_times import ShownTime, human_time, shown_moment
from ..text.timestamps import elapsed, human_duration
from .timeline import TimelineEntry
from .updates import Update

STATES: dict[str, str] = {
    "investigating": "Investigating",
    "identified": "Identified",
    "monitoring": "Monitoring",
    "resolved": "Resolved",
}
DEFAULT_WHO = "people"
# How bad an incident is, in words; `maintenance` is for maintenance windows only.
SEVERITIES: dict[str, str] = {
    "minor": "Minor",
    "major": "Major",
    "critical": "Critical",
    "maintenance": "Maintenance",
}


@dataclass
class Incident:
    """What a reader needs to know about an incident, ready for templates."""

    state: str
    started: datetime | None = None
    detected: datetime | None = None
    resolved: datetime | None = None
    affected_count: int | None = None
    affected_more_than: bool = False
    affected_who: str = DEFAULT_WHO
    impact: str = ""
    systems: list[str] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    severity: str | None = None
    updates: list[Update] = field(default_factory=list)  # oldest first

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity or "", "")

    @property
    def updates_newest_first(self) -> list[Update]:
        return self.updates[::-1]

    @property
    def latest_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    @property
    def reopened(self) -> bool:
        return any(update.reopened for update in self.updates)

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def ongoing(self) -> bool:
        return self.state != "resolved"

    @property
    def duration(self) -> timedelta | None:
        return span(self.started, self.resolved)

    @property
    def duration_text(self) -> str:
        return span_words(self.duration)

    @property
    def time_to_detect(self) -> timedelta | None:
        return span(self.started, self.detected)

    @property
    def time_to_detect_text(self) -> str:
        return span_words(self.time_to_detect)

    @property
    def affected_text(self) -> str:
        if self.affected_count is None:
            return ""
        return f"{self.affected_count:,}{'+' if self.affected_more_than else ''}"

    # Shown on the incident's page and in the history: worked out once per build.
    @functools.cached_property
    def shown_started(self) -> ShownTime | None:
        return shown_moment(self.started)

    @functools.cached_property
    def shown_detected(self) -> ShownTime | None:
        return shown_moment(self.detected)

    @functools.cached_property
    def shown_resolved(self) -> ShownTime | None:
        return shown_moment(self.resolved)

    @property
    def span_label(self) -> str:
        """What the summary calls the time from Started on."""
        if self.ongoing:
            return "Going on since"
        return "Lasted" if self.duration is not None else "Started"

    @property
    def lasted_text(self) -> str:
        """The history's "Lasted" column: the duration, "ongoing", or nothing."""
        return self.duration_text or ("ongoing" if self.ongoing else "")

    @property
    def started_text(self) -> str:
        return time_words(self.started)

    @property
    def detected_text(self) -> str:
        return time_words(self.detected)

    @property
    def resolved_text(self) -> str:
        return time_words(self.resolved)


# Incidents leave times out until they are known: each of these is empty (or None) then.
def span(start: datetime | None, end: datetime | None) -> timedelta | None:
    return elapsed(start, end) if start and end else None


def span_words(duration: timedelta | None) -> str:
    return human_duration(duration) if duration is not None else ""


def time_words(moment: datetime | None) -> str:
    return human_time(moment) if moment else ""
