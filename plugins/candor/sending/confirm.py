"""Before a real send: what is about to happen, shown, and the count typed back.

The count is the one number a wrong list cannot get right by accident: a
person who expected 1,043 recipients and reads 48,210 stops there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..build.problems import visible
from .audience import Audience


@dataclass
class Plan:
    """Who gets the email on this run, and who does not and why."""

    audience: Audience
    now: int = 0  # will receive it on this run
    received: int = 0  # got it on an earlier run
    uncertain: int = 0  # an earlier run cannot tell
    refused: int = 0  # the relay refused them for good on an earlier run
    held: int = 0  # another email reached them within CANDOR_MIN_INTERVAL
    # Who was counted as receiving it now: the second pass sends to these only, so a list
    # file rewritten during the send cannot reach anyone the person did not confirm.
    due: set[bytes] = field(default_factory=set)


def summary(email, list_shown: str, plan: Plan) -> list[str]:
    audience = plan.audience
    lines = [
        f"Email:     {visible(email.subject)}",
        f"From:      {visible(email.sender)}",
        f"Audience:  {visible(email.audience or '')}",
        f"List:      {visible(list_shown)} ({audience.lines:,} lines)",
        f"Recipients: {audience.count:,}",
    ]
    removed = [
        (audience.duplicates, "duplicates (same address, case or Unicode form aside)"),
        (audience.suppressed, "on the suppression list"),
        (plan.received, "already received it (earlier run)"),
        (plan.refused, "refused by the relay on an earlier run"),
        (plan.uncertain, "uncertain: an earlier run stopped mid-delivery (RESEND_UNCERTAIN=1)"),
        (plan.held, "held back: got another email within CANDOR_MIN_INTERVAL"),
    ]
    lines += [f"  not sent now: {count:,} {why}" for count, why in removed if count]
    lines.append(f"Will receive it now: {plan.now:,}")
    return lines


def confirmed(count: int, given: str | None, interactive: bool, ask=input) -> tuple[bool, str]:
    """(True, "") when the person typed `count` back; else (False, why nothing was sent)."""
    if given is None or given == "":
        if not interactive:
            return False, (
                f"Not confirmed: run again with CONFIRM={count} once you have checked the "
                "list and the count above. Nothing was sent."
            )
        try:
            given = ask(f"Type {count} to send it to {count:,} people (anything else stops): ")
        except EOFError:
            given = ""
    typed = given.strip().replace(",", "")
    if typed == str(count):
        return True, ""
    return False, (
        f'Not confirmed: "{visible(given.strip())}" is not {count}, the number who would '
        "receive it. Nothing was sent."
    )
