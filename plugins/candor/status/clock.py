"""The time a build works out "right now" for: the status, the banner, maintenance.

`CANDOR_NOW` (the environment variable, else the setting) fixes it, as a time with
its zone, for tests and for rebuilding a past state exactly; without it, the time
of the build. A published status is only as fresh as its build: the page says
"as of" this time, and a maintenance window that has ended shows as ended only
after the next build.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ..build.problems import BuildStopped, Problem
from ..text.timestamps import TimestampError, parse_timestamp

ENVIRONMENT = "CANDOR_NOW"
# The 90 days before "now" (board.py) and the day after must be dates Python can count.
EARLIEST, LATEST = 1900, 9998


def build_now(settings: dict) -> datetime:
    """The build's "now": CANDOR_NOW if given (a bad one stops the build), else the clock."""
    from_environment = os.environ.get(ENVIRONMENT, "").strip()
    written, source = from_environment, "environment"
    if not written:
        written, source = str(settings.get("CANDOR_NOW") or "").strip(), "settings"
    if written:
        try:
            now = parse_timestamp(written)
        except TimestampError as error:
            raise BuildStopped([Problem(source, "CANDOR_NOW", str(error), True)]) from None
        if not EARLIEST <= now.year <= LATEST:
            message = (
                f'"{written}" is too far in the past or future; write a time between '
                f"the years {EARLIEST} and {LATEST}, like the time to rebuild the site at"
            )
            raise BuildStopped([Problem(source, "CANDOR_NOW", message, True)])
        return now
    # To the second: a <time datetime> allows at most three digits of a fraction.
    return datetime.now(site_zone(settings)).replace(microsecond=0)


def site_zone(settings: dict):
    zone = settings.get("TIMEZONE")
    return ZoneInfo(zone) if zone else UTC
