"""Incident write-ups: the fields of every `Kind: incident` post, read and checked once.

Fields an author writes in the header of an incident post:
- `Started`, `Detected`, `Resolved`: times with a zone (see `timestamps`);
  `Resolved` stays empty while the incident goes on;
- `State`: investigating, identified, monitoring or resolved (`Status` is Pelican's,
  for drafts);
- `Affected`: a count, "+" for "more than", then optionally who: `1000+ customers`;
- `Impact`: one line; `Systems`: comma-separated (the site's declared systems, when
  it declares any: see status/systems.py);
- `Severity`: minor, major or critical.
The body may hold a "Timeline" section (see `incident_timeline`); its entries that
say a state are the incident's updates (updates.py), and the latest one's state is
the incident's: `State` may then be left out, and must agree when it is written.

Adds to templates:
- `article.incident` on every incident post: an `Incident` (incident.py);
- `incidents`: the published incidents, ongoing ones first, then newest first.

For feeds: `feed_title(article)` and `feed_updated(article)`.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..build.contents import read_by
from ..build.problems import BuildState, ProblemLog
from ..text.timestamps import EXAMPLE, TimestampError, parse_timestamp
from .incident import DEFAULT_WHO, SEVERITIES, STATES, Incident
from .timeline import read_timeline
from .updates import read_updates

INCIDENT_SEVERITIES = [name for name in SEVERITIES if name != "maintenance"]

ALLOWED_STATES = ", ".join(STATES)
# "1000", "1,000+", "1000+ customers": a count, "+" for "more than", then who.
AFFECTED = re.compile(r"^(?P<count>\d{1,3}(?:,\d{3})+|\d+)(?P<more>\+)?(?:\s+(?P<who>\S.*))?$")


class IncidentFields:
    """Reads one post's fields, adding a problem (file and field) for each thing wrong."""

    def __init__(self, post, problems: ProblemLog):
        self.post = post
        self.problems = problems

    def report(self, field_name: str, message: str) -> None:
        self.problems.add(self.post.source_path, field_name, message)

    def written(self, field_name: str) -> str:
        return str(self.post.metadata.get(field_name.lower()) or "").strip()

    def time(self, field_name: str) -> datetime | None:
        if not self.written(field_name):
            return None
        try:
            return parse_timestamp(self.written(field_name))
        except TimestampError as error:
            self.report(field_name, str(error))
            return None

    def state(self, resolved_given: bool, latest=None) -> str:
        written = self.written("State")
        state = written.lower()
        if latest is not None:
            if state in STATES and state != latest.state:
                self.report(
                    "State",
                    f'"{written}" but the latest update says {latest.state}; the state is '
                    "the latest update's: correct State, or leave it out",
                )
            elif written and state not in STATES:
                self.report("State", f'"{written}" is not a state; use one of: {ALLOWED_STATES}')
            return latest.state
        if state in STATES:
            return state
        if written:
            self.report("State", f'"{written}" is not a state; use one of: {ALLOWED_STATES}')
        else:
            self.report("State", f"missing; use one of: {ALLOWED_STATES}")
        # Shown meanwhile: what the Resolved field implies.
        return "resolved" if resolved_given else "investigating"

    def affected(self, incident: Incident) -> None:
        written = self.written("Affected")
        if not written:
            return
        match = AFFECTED.match(written)
        if not match:
            self.report(
                "Affected",
                f'"{written}" is not a count; write a number such as 1000, or 1000+ '
                'for "more than 1000", then who if you like: 1000+ customers',
            )
            return
        incident.affected_count = int(match["count"].replace(",", ""))
        incident.affected_more_than = bool(match["more"])
        incident.affected_who = match["who"] or DEFAULT_WHO

    def check_order(self, incident: Incident) -> None:
        started = incident.started
        if not started:
            return
        for later, moment in (("Detected", incident.detected), ("Resolved", incident.resolved)):
            if moment and moment < started:
                self.report(
                    later,
                    f'"{self.written(later)}" is before Started "{self.written("Started")}"; '
                    f"an incident can only be {later.lower()} after it starts, "
                    "so correct one of the two",
                )

    def check_state_against_resolved(self, incident: Incident) -> None:
        if incident.state == "resolved" and not incident.resolved and not self.written("Resolved"):
            self.report(
                "Resolved", f"missing; State is resolved, so give the time it ended: {EXAMPLE}"
            )
        elif incident.state != "resolved" and incident.resolved:
            self.report(
                "State",
                f'"{incident.state}" but Resolved is set; use State: resolved, '
                "or leave Resolved empty while the incident goes on",
            )

    def severity(self) -> str | None:
        written = self.written("Severity")
        if written.lower() in INCIDENT_SEVERITIES:
            return written.lower()
        if written:
            allowed = ", ".join(INCIDENT_SEVERITIES)
            hint = ""
            if written.lower() == "maintenance":
                hint = " (maintenance is for Kind: maintenance posts)"
            self.report("Severity", f'"{written}" is not a severity; use one of: {allowed}{hint}')
        return None

    def read(self) -> Incident:
        if not self.written("Started"):
            self.report("Started", f"missing; give the time the incident began: {EXAMPLE}")
        started = self.time("Started")
        timeline = self.read_timeline(started)
        updates, problems = read_updates(timeline)
        for message in problems:
            self.report("Timeline", message)
        latest = updates[-1] if updates else None
        resolved = self.time("Resolved")
        if latest and latest.state == "resolved" and not self.written("Resolved"):
            resolved = latest.time  # the update that resolved it says when
        incident = Incident(
            state=self.state(resolved_given=resolved is not None, latest=latest),
            started=started,
            detected=self.time("Detected"),
            resolved=resolved,
            impact=self.written("Impact"),
            systems=[s.strip() for s in self.written("Systems").split(",") if s.strip()],
            timeline=timeline,
            severity=self.severity(),
            updates=updates,
        )
        self.affected(incident)
        self.check_order(incident)
        self.check_state_against_resolved(incident)
        return incident

    def read_timeline(self, started: datetime | None) -> list:
        body, timeline, problems = read_timeline(self.post._content, started)
        for message in problems:
            self.report("Timeline", message)
        # Marked up in the body itself, so the page and the feeds show the same timeline.
        self.post._content = body
        return timeline


def newest_first_ongoing_before_all(post) -> tuple[bool, float]:
    began = post.incident.started or post.date
    return (not post.incident.ongoing, -began.timestamp())


def read_incidents(generator, state: BuildState) -> None:
    """Give every incident post its `incident`; list the published ones for the history."""
    problems = state.problems
    for post in read_by(generator):
        if getattr(post, "kind", None) == "incident":
            post.incident = IncidentFields(post, problems).read()
    published = [post for post in generator.articles if hasattr(post, "incident")]
    generator.context["incidents"] = sorted(published, key=newest_first_ongoing_before_all)


def feed_title(article) -> str:
    """The entry title a feed reader shows: the state first, "[Resolved] Title"."""
    incident = getattr(article, "incident", None)
    return f"[{incident.state_label}] {article.title}" if incident else article.title


def feed_updated(article) -> datetime:
    """When the post last changed in substance: the latest of its Date, Modified,
    Resolved and last timeline entry.

    Only the content moves it, never a rebuild: a new state is dated by the
    timeline entry (or the Resolved time) that records it. Setting `Modified`
    also moves it, for edits that are not a new state.
    """
    moments = [article.date, getattr(article, "modified", None)]
    incident = getattr(article, "incident", None)
    if incident:
        moments.append(incident.resolved)
        moments += [entry.time for entry in incident.timeline]
    return max(moment for moment in moments if moment is not None)
