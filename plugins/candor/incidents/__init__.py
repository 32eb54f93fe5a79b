"""Incident write-ups: their fields, their timeline and updates, and the history page.

incident.py      what an incident is, and its times and spans ready to show
fields.py        an incident's fields read and checked, once per post
timeline.py      the `## Timeline` list, read into entries
updates.py       the entries that say a state: the updates, and their order checked
history.py       the generator of the incident history page
"""

from __future__ import annotations

from ..build.phases import Feature
from . import fields
from .history import IncidentHistoryGenerator


def read_incidents(generator, state) -> None:
    fields.read_incidents(generator, state)  # after the kinds: only incident posts


FEATURE = Feature("incidents", generators=(IncidentHistoryGenerator,), posts_read=(read_incidents,))
