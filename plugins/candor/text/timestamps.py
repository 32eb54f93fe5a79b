"""Times an author writes in a post, read strictly, and durations as a reader reads them.

A time without a time zone means a different instant to every reader, and a
duration across a daylight-saving change is an hour off if computed on wall
clocks, so every time here carries its zone and every difference is taken in UTC.

Accepted: `2025-11-28 14:07 -05:00`, `2025-11-28 14:07 America/New_York`,
`2025-11-28T14:07:30Z`, `... UTC`. The date may be left out
(`14:07 America/New_York`) where a caller supplies the day (timeline entries).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

EXAMPLE = '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"'

# The date, the clock time and whatever follows (the zone), in one pass.
TIMESTAMP = re.compile(
    r"^\s*(?:(?P<date>\d{4}-\d{2}-\d{2})[ T]\s*)?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<zone>\S*)\s*$"
)
# A time, then a dash with a space on each side, then text: the way an author writes a
# dated line (a timeline entry, a correction). "-05:00" is part of the time.
TIME_THEN_TEXT = re.compile(r"^\s*(?P<time>\S.*?)\s+(?:—|–|--|-)\s+(?P<text>.*)$", re.S)
OFFSET = re.compile(r"^(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})$")


class TimestampError(ValueError):
    """What is wrong with a written time, phrased for the author."""


def parse_zone(written: str) -> timezone | ZoneInfo:
    if written in ("Z", "UTC"):
        return UTC
    offset = OFFSET.match(written)
    if offset and (int(offset["hours"]) > 23 or int(offset["minutes"]) > 59):
        raise TimestampError(f'"{written}" is not an offset; offsets run from -23:59 to +23:59')
    if offset:
        minutes = int(offset["hours"]) * 60 + int(offset["minutes"])
        sign = -1 if offset["sign"] == "-" else 1
        return timezone(sign * timedelta(minutes=minutes))
    try:
        return ZoneInfo(written)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise TimestampError(
            f'"{written}" is not a time zone; use an offset such as -05:00 '
            "or a zone name such as America/New_York"
        ) from None


def parse_timestamp(written: str, default_day: datetime | None = None) -> datetime:
    """An aware datetime from what the author wrote; `TimestampError` says what to fix.

    With `default_day`, the date or the zone may be left out: each is taken
    from `default_day` (the zone as a zone, so a DST change is still honoured).
    """
    text = str(written).strip()
    match = TIMESTAMP.match(text)
    if not match:
        raise TimestampError(f'"{text}" is not a date and time; write it as {EXAMPLE}')
    if match["date"]:
        try:
            day = date.fromisoformat(match["date"])
        except ValueError:
            raise TimestampError(f'"{text}" has no such date; write it as {EXAMPLE}') from None
    elif default_day is not None:
        day = default_day.date()
    else:
        raise TimestampError(f'"{text}" has no date; write it as {EXAMPLE}')
    if match["zone"]:
        zone = parse_zone(match["zone"])
    elif default_day is not None:
        zone = default_day.tzinfo
    else:
        raise TimestampError(f'"{text}" has no time zone; add one, as in {EXAMPLE}')
    try:
        clock = (int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
        moment = datetime(day.year, day.month, day.day, *clock, tzinfo=zone)
    except ValueError:
        raise TimestampError(f'"{text}" has no such time; write it as {EXAMPLE}') from None
    try:
        moment.astimezone(UTC)  # durations are taken in UTC: it must exist there too
    except OverflowError:
        raise TimestampError(f'"{text}" is too far in the past or future') from None
    # Only where the zone is written with the time: an entry that takes its zone from the
    # entry before is read in order, the first 1:30 of a night when clocks go back first.
    if match["zone"] and isinstance(zone, ZoneInfo):
        check_clock_change(text, moment, zone)
    return moment


def check_clock_change(text: str, moment: datetime, zone: ZoneInfo) -> None:
    """A wall time a clock change skipped, or passed twice, is no one instant: say so.

    Python would quietly take an hour's guess, and a window or an update would be
    shown an hour off; the author knows which they meant, and an offset says it.
    """
    there_and_back = moment.astimezone(UTC).astimezone(zone)
    if there_and_back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise TimestampError(
            f'"{text}" never happened in {zone.key} (the clocks changed); '
            "write the time the clocks showed, or an offset such as -05:00"
        )
    first, second = moment.replace(fold=0), moment.replace(fold=1)
    if first.utcoffset() != second.utcoffset():
        wall = f"{moment:%Y-%m-%d %H:%M}"
        first_text, second_text = (f'"{wall} {offset_text(m)}"' for m in (first, second))
        raise TimestampError(
            f'"{text}" happened twice in {zone.key} (the clocks went back); '
            f"write the offset, {first_text} or {second_text}"
        )


def offset_text(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time between two aware datetimes.

    Python subtracts datetimes sharing a tzinfo object on their wall clocks,
    which is an hour off across a daylight-saving change; UTC has none.
    """
    return end.astimezone(UTC) - start.astimezone(UTC)


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'}"


def human_duration(duration: timedelta) -> str:
    """ "9 minutes", "2 hours 5 minutes", "1 day 3 hours"; seconds only under a minute."""
    seconds = int(duration.total_seconds())
    if seconds < 60:
        return plural(max(seconds, 0), "second")
    days, rest = divmod(seconds // 60, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    return " ".join(plural(n, unit) for n, unit in parts if n)
