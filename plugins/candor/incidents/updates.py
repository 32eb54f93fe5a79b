"""Updates: the timeline entries that say the state an incident moved to.

Shown Statuspage-style, newest first, each with its state and time. The state
moves forward (investigating, identified, monitoring, resolved); the one way
back is a new update after `resolved`, which reopens the incident and is shown
as reopened. Any other step back is a problem: the reader would not know why.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from ..text.shown_times import ShownTime, shown_moment
from .timeline import TimelineEntry

ORDER = ("investigating", "identified", "monitoring", "resolved")
LABELS = dict(zip(ORDER, ("Investigating", "Identified", "Monitoring", "Resolved"), strict=True))


@dataclass(frozen=True)
class Update:
    time: datetime
    state: str
    text: str
    reopened: bool = False  # the first update after `resolved`

    @property
    def state_label(self) -> str:
        return LABELS[self.state]

    @functools.cached_property
    def shown_time(self) -> ShownTime:
        return shown_moment(self.time)


def read_updates(entries: list[TimelineEntry]) -> tuple[list[Update], list[str]]:
    """(the updates, oldest first; what the author must fix)."""
    updates: list[Update] = []
    problems: list[str] = []
    for entry in entries:
        if entry.state is None:
            continue
        before = updates[-1].state if updates else None
        reopened = before == "resolved" and entry.state != "resolved"
        if before and not reopened and ORDER.index(entry.state) < ORDER.index(before):
            problems.append(
                f'the update "{entry.state}" after "{before}" goes back without saying why; '
                "updates move forward (investigating, identified, monitoring, resolved): "
                "write the state it is in now, or resolve it and reopen it with a new update"
            )
        updates.append(Update(entry.time, entry.state, entry.text, reopened))
    return updates, problems
