"""Maintenance windows: `Kind: maintenance` posts with `Starts:` and `Ends:`.

    Kind: maintenance
    Starts: 2025-12-14 02:00 America/New_York
    Ends: 2025-12-14 04:00 America/New_York
    Systems: Video rooms
    Severity: maintenance

Both times need their zone and the window must end after it starts; `Severity`
may be left out (it can only be `maintenance`). Adds `post.maintenance`, a
`Maintenance`, to every maintenance post.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime

from ..build.contents import read_by
from ..build.problems import ProblemLog
from ..text.shown_times import ShownTime, shown_moment
from ..text.timestamps import EXAMPLE, TimestampError, elapsed, human_duration, parse_timestamp

PHASES = {"upcoming": "Upcoming", "in-progress": "In progress", "ended": "Ended"}


@dataclass
class Maintenance:
    starts: datetime | None
    ends: datetime | None
    systems: list[str] = field(default_factory=list)  # as written
    phase: str = "upcoming"  # at the build's "now": upcoming, in-progress or ended
    severity: str = "maintenance"

    @property
    def phase_label(self) -> str:
        return PHASES[self.phase]

    @property
    def complete(self) -> bool:
        return self.starts is not None and self.ends is not None and self.ends > self.starts

    @functools.cached_property
    def shown_starts(self) -> ShownTime | None:
        return shown_moment(self.starts)

    @functools.cached_property
    def shown_ends(self) -> ShownTime | None:
        return shown_moment(self.ends)

    @property
    def duration_text(self) -> str:
        return human_duration(elapsed(self.starts, self.ends)) if self.complete else ""

    def phase_at(self, now: datetime) -> str:
        if not self.complete or now < self.starts:
            return "upcoming"
        return "in-progress" if now < self.ends else "ended"


def read_time(post, name: str, problems: ProblemLog) -> datetime | None:
    written = str(post.metadata.get(name.lower()) or "").strip()
    if not written:
        problems.add(post.source_path, name, f"missing; a maintenance window needs it: {EXAMPLE}")
        return None
    try:
        return parse_timestamp(written)
    except TimestampError as error:
        problems.add(post.source_path, name, str(error))
        return None


def read_maintenance(generator, problems: ProblemLog) -> None:
    """Give every maintenance post its `maintenance`, reporting what is missing or wrong."""
    for post in read_by(generator):
        if getattr(post, "kind", None) != "maintenance":
            continue
        starts = read_time(post, "Starts", problems)
        ends = read_time(post, "Ends", problems)
        if starts and ends and ends <= starts:
            problems.add(
                post.source_path,
                "Ends",
                f'"{post.metadata["ends"]}" is not after Starts "{post.metadata["starts"]}"; '
                "a window ends after it starts, so correct one of the two",
            )
        severity = str(post.metadata.get("severity") or "maintenance").strip().lower()
        if severity != "maintenance":
            problems.add(
                post.source_path,
                "Severity",
                f'"{post.metadata["severity"]}" on a maintenance window; write maintenance '
                "or leave it out (minor, major and critical are for Kind: incident)",
            )
        written = str(post.metadata.get("systems") or "")
        systems = [name.strip() for name in written.split(",") if name.strip()]
        post.maintenance = Maintenance(starts, ends, systems)
