"""The timeline of an incident: a "Timeline" section of the post, read and marked up.

The author writes it in the body, where it reads naturally:

    ## Timeline

    - 2025-11-28 14:07 America/New_York — The workflow starts sending.
    - 14:12 — A teammate sees the send counts climbing.
    - 2025-12-01 09:15 — We email everyone an apology.

Each item starts with a time, then a dash (—, – or -) and what happened. The
date and the zone may be left out; each is taken from the entry before (the
first entry takes them from `Started`). An entry may say the state the incident
moved to, between the time and the text; it is then an *update*:

    - 14:12 — identified — We found the list mix-up.

The list is marked up in the body itself
(an ordered list of `<time datetime>` elements), so the page, the feeds and
anything else that shows the post carry the same timeline.
"""

from __future__ import annotations

import difflib
import html as html_entities
import re
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..text.shown_times import human_clock, human_time
from ..text.timestamps import TIME_THEN_TEXT, TimestampError, parse_timestamp

if TYPE_CHECKING:  # bs4 itself is imported when a post has a timeline: a large import
    from bs4 import BeautifulSoup, NavigableString, Tag

HEADINGS = ("h2", "h3", "h4", "h5", "h6")
# The time, then a dash with a space on each side: "-05:00" is part of the time.
# Finding the section with regular expressions over Markdown's output and parsing
# only that part keeps the cost per incident small: parsing whole bodies was 7 % of
# a 1,000-post build. Markdown writes headings as <hN ...>text</hN>, never nested.
HEADING = re.compile(r"<(h[2-6])\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
ANY_HEADING = re.compile(r"<h[2-6]\b", re.I)
TAG = re.compile(r"<[^>]*>")
# "identified — We found ...": the state an update moved to, then a dash.
STATE_THEN_TEXT = re.compile(
    r"^(?P<state>investigating|identified|monitoring|resolved)\s+(?:—|–|--|-)\s+(?P<text>.*)$",
    re.S | re.I,
)
STATES = ("investigating", "identified", "monitoring", "resolved")
# "resolvd — ...": one word then a dash, where a state would be.
WORD_THEN_DASH = re.compile(r"^(?P<word>[^\W\d_]+)\s+(?:—|–|--|-)\s+\S", re.S)
HOW_TO_WRITE = 'write each entry as "- 2025-11-28 14:07 -05:00 — what happened"'


class TimelineEntry(NamedTuple):
    time: datetime
    text: str
    state: str | None = None  # the state this entry moved the incident to: an update


def find_timeline_list(soup: BeautifulSoup) -> tuple[Tag | None, Tag | None]:
    """The "Timeline" heading and the first list under it (before the next heading)."""
    for heading in soup.find_all(HEADINGS):
        if heading.get_text(strip=True).lower() != "timeline":
            continue
        for sibling in heading.find_next_siblings():
            if sibling.name in HEADINGS:
                break
            if sibling.name in ("ul", "ol"):
                return heading, sibling
        return heading, None
    return None, None


def mark_up_time(
    soup: BeautifulSoup, first_text: NavigableString, moment: datetime, label: str, rest: str
) -> Tag:
    """Replace the written time with a <time datetime> element; keep the rest as written."""
    from bs4 import NavigableString

    rest_text = NavigableString(" — " + rest)
    first_text.replace_with(rest_text)
    time_element = soup.new_tag("time", datetime=moment.isoformat())
    time_element.string = label
    rest_text.insert_before(time_element)
    return time_element


# What follows the <time> of an update: " — identified — We found ...".
WRITTEN_STATE = re.compile(r"^(\s*(?:—|–|--|-)\s+)(\w+)(.*)$", re.S)


def mark_up_state(soup: BeautifulSoup, rest_text: NavigableString, state: str) -> None:
    """Show an update's state as a word of its own (`<strong class="update-state">`)."""
    from bs4 import NavigableString

    written = WRITTEN_STATE.match(str(rest_text))
    if not written or written[2].lower() != state:
        return  # the state was written in markup of its own: leave it as it is
    word = soup.new_tag("strong", attrs={"class": f"update-state incident-state-{state}"})
    word.string = state.capitalize()
    after = NavigableString(written[3])
    rest_text.replace_with(after)
    after.insert_before(NavigableString(written[1]))
    after.insert_before(word)


def misspelled_state(text: str) -> str | None:
    """The word where a state would be, when it is close to one but is not one."""
    written = WORD_THEN_DASH.match(text)
    if written and difflib.get_close_matches(written["word"].lower(), STATES, 1, 0.75):
        return written["word"]
    return None


def timeline_section(html: str) -> tuple[int, int] | None:
    """(start, end) of the "Timeline" heading and what follows it up to the next heading."""
    for heading in HEADING.finditer(html):
        words = "".join(piece.strip() for piece in TAG.split(heading[2]))
        if html_entities.unescape(words).lower() == "timeline":
            following = ANY_HEADING.search(html, heading.end())
            return heading.start(), following.start() if following else len(html)
    return None


def read_timeline(
    html: str, started: datetime | None
) -> tuple[str, list[TimelineEntry], list[str]]:
    """Return (the body with its timeline marked up, the entries, what the author must fix).

    A body without a "Timeline" section comes back unchanged.
    """
    section = timeline_section(html)
    if section is None:
        return html, [], []
    from bs4 import BeautifulSoup

    start, end = section
    soup = BeautifulSoup(html[start:end], "html.parser")
    heading, timeline = find_timeline_list(soup)
    if heading is None:
        return html, [], []
    if timeline is None:
        return html, [], [f"the Timeline section has no list; {HOW_TO_WRITE}"]

    entries: list[TimelineEntry] = []
    problems: list[str] = []
    previous = started
    for item in timeline.find_all("li", recursive=False):
        first_text = item.find(string=True)
        written = " ".join(str(first_text or "").split())
        match = TIME_THEN_TEXT.match(str(first_text or ""))
        if not match:
            problems.append(f'"{written}" does not start with a time and a dash; {HOW_TO_WRITE}')
            continue
        try:
            moment = parse_timestamp(match["time"], default_day=previous)
        except TimestampError as error:
            problems.append(f"entry {error}")
            continue
        if previous is not None and entries and moment < previous:
            problems.append(
                f'"{match["time"]}" is earlier than the entry before it; list entries in '
                "the order they happened, and write the date when the day changes"
            )
        same_day = entries and previous is not None and moment.date() == previous.date()
        label = human_clock(moment) if same_day else human_time(moment)
        time_element = mark_up_time(soup, first_text, moment, label, match["text"])
        words = [s for s in item.find_all(string=True) if s.parent is not time_element]
        text = " ".join("".join(words).split()).removeprefix("— ")
        said = STATE_THEN_TEXT.match(text)
        state = said["state"].lower() if said else None
        if not said and (misspelled := misspelled_state(text)):
            problems.append(
                f'"{misspelled}" at {match["time"]} looks like the state "'
                f'{difflib.get_close_matches(misspelled.lower(), STATES, 1, 0.75)[0]}" '
                f"misspelled, so the entry is not an update; write one of {', '.join(STATES)}"
            )
        if state:
            mark_up_state(soup, time_element.next_sibling, state)
        entries.append(TimelineEntry(moment, said["text"] if said else text, state))
        previous = moment

    timeline.name = "ol"
    timeline["class"] = timeline.get("class", []) + ["incident-timeline"]
    return html[:start] + str(soup) + html[end:], entries, problems
