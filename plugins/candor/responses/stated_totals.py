"""Stated totals: how many replies a round-up answers, not only the ones it quotes.

A community manager quotes a selection; the `Replies:` field says what came in:
`Replies: 16` or `Replies: 16 (13 thanks, 3 unsubscribe)`, with the outcome names
of channels.py. The tally then reads "16 replies: 13 thanked us, 3 asked to be
removed · 3 quoted below". A stated total, or a stated count of one outcome,
smaller than what the post quotes is a problem naming the file and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .channels import OUTCOMES, STATED_OUTCOMES

FIELD = "Replies"
EXAMPLE = "Replies: 16 (13 thanks, 3 unsubscribe)"
OUTCOME_NAMES = ", ".join(OUTCOMES)
# A count is digits 0-9 (\d would take ١٦ too), with thousands separated or not: 1,043 or 1_043.
COUNT = r"(?:[0-9]{1,3}(?:[,_][0-9]{3})+|[0-9]+)"
STATED = re.compile(rf"\s*(?P<total>{COUNT})\s*(?:\((?P<outcomes>[^()]*)\))?\s*")
OUTCOMES_LIST = re.compile(rf"\s*{COUNT}\s+[A-Za-z-]+\s*(?:,\s*{COUNT}\s+[A-Za-z-]+\s*)*")
ONE_OUTCOME = re.compile(rf"(?P<count>{COUNT})\s+(?P<outcome>[A-Za-z-]+)")


@dataclass(frozen=True)
class StatedTotals:
    total: int
    outcomes: dict[str, int]  # in the order OUTCOMES lists them

    @property
    def phrase(self) -> str:
        """ "16 replies: 13 thanked us, 3 asked to be removed" """
        replies = f"{self.total:,} repl{'y' if self.total == 1 else 'ies'}"
        counts = [
            STATED_OUTCOMES[outcome][count != 1].format(n=f"{count:,}")
            for outcome, count in self.outcomes.items()
        ]
        return f"{replies}: {', '.join(counts)}" if counts else replies


def count(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def read_stated_totals(value) -> tuple[StatedTotals | None, str | None]:
    """(totals, None) from the field's text, or (None, what to write instead)."""
    if isinstance(value, list):  # given twice: the reader reports it; the first is kept
        value = value[0]
    text = str(value)
    unreadable = (
        f'"{text}" is not a count of replies; write it like {EXAMPLE}, '
        f"with outcomes among {OUTCOME_NAMES}"
    )
    found = STATED.fullmatch(text)
    if found is None:
        return None, unreadable
    listed = found["outcomes"]
    if listed is not None and not OUTCOMES_LIST.fullmatch(listed):
        return None, unreadable
    stated: dict[str, int] = {}
    for item in ONE_OUTCOME.finditer(listed or ""):
        outcome = item["outcome"].lower()
        if outcome not in OUTCOMES:
            return (
                None,
                f'"{item["outcome"]}" is not an outcome; use {OUTCOME_NAMES}, like {EXAMPLE}',
            )
        stated[outcome] = stated.get(outcome, 0) + count(item["count"])
    total = count(found["total"])
    if sum(stated.values()) > total:
        return None, (
            f"counts {sum(stated.values()):,} by outcome but {total:,} in all; "
            "the total counts every reply, so it is at least the sum of the outcomes"
        )
    ordered = {outcome: stated[outcome] for outcome in OUTCOMES if outcome in stated}
    return StatedTotals(total, ordered), None


def stated_below_quoted(stated: StatedTotals, responses) -> str | None:
    """What is wrong when the post quotes more than it states, overall or for one outcome."""
    quoted = len(responses)
    if stated.total < quoted:
        return (
            f"states {stated.total:,} replies but quotes {quoted:,}; the total counts every "
            f"reply, the quoted ones too: write at least {quoted:,}"
        )
    for outcome, count_stated in stated.outcomes.items():
        quoted_here = sum(1 for response in responses if response.outcome == outcome)
        if count_stated < quoted_here:
            return (
                f"states {count_stated:,} {outcome} but quotes {quoted_here:,}; "
                f"write at least {quoted_here:,} {outcome}"
            )
    return None
