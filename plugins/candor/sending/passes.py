"""The two passes over the list of a real send, and the report at its end.

The first pass (`scan`) counts: who is on the list, who is left out and why, who
is due now. The second (`run`) reads the list again, from the file, and hands
each person due one copy, recording each in the send log as it goes: the list is
never held in memory, whatever its length.
"""

from __future__ import annotations

import time
from datetime import datetime

from ..build.problems import display_path, visible
from ..ledger import kept_messages
from . import audience as lists
from . import confirm, delivery, email_file, send_log
from .progress import Progress


def scan(list_path, shown, digest, suppressed, log, recent, resend_uncertain):
    """The first pass over the list: the counts, and who would receive it now."""
    audience = lists.Audience()
    plan = confirm.Plan(audience)
    uncertain = log.uncertain  # worked out once: it is a difference of two sets
    for _address, to in lists.recipients(list_path, shown, digest, suppressed, audience):
        if to in log.accepted:
            plan.received += 1
        elif to in uncertain and not resend_uncertain:
            plan.uncertain += 1
        elif log.refused.get(to, 0) >= 500:
            plan.refused += 1
        elif to in recent:
            plan.held += 1
        else:
            plan.now += 1
            plan.due.add(to)
    return plan


def run(
    relay_conf, outgoing, log, list_path, shown, digest, suppressed, recent, resend_uncertain, plan
):
    """The second pass: each person due now gets one copy, recorded as it goes."""
    started = time.perf_counter()
    relay = delivery.Relay(relay_conf)
    relay.connect()
    log.write(
        {
            "record": "start",
            "time": send_log.now_text(),
            "date": outgoing.date.isoformat(),
            "fingerprint": outgoing.fingerprint,
            "list": plan.audience.list_id,
        },
        True,
    )
    outcome = delivery.Outcome()
    pace = delivery.Pace(relay_conf.rate)
    progress = Progress(plan.now)
    uncertain = log.uncertain  # before this run: worked out once, it is a difference of sets
    try:
        for address, to in lists.recipients(list_path, shown, digest, suppressed, lists.Audience()):
            if to not in plan.due or to in log.accepted:
                continue
            if to in uncertain and not resend_uncertain:
                continue
            pace.wait()
            try:
                answer = delivery.deliver(relay, outgoing, address, to, log)
            except delivery.ConnectionLost:
                outcome.uncertain += 1
                progress.step()
                continue
            if answer is None:
                log.record("accepted", to)
                outcome.accepted += 1
            else:
                code, reply = answer
                log.record("refused", to, code=code, reply=reply)
                outcome.refused.append((code, reply))
            progress.step()
    finally:
        progress.done()
        relay.close()
    outcome.seconds = time.perf_counter() - started
    log.write({"record": "end", "time": send_log.now_text(), "accepted": len(log.accepted)})
    return outcome


def finish(email, log, outcome, outgoing, settings: dict) -> None:
    """Keep the message as sent; write Sent: and Recipients: into the email's file; report."""
    log.close()
    if log.accepted:
        # What customers received is what the archive will publish as the .eml.
        kept_messages.keep_sent_message(settings, email, outgoing.message)
        sent = datetime.fromisoformat(log.first_date)  # the Date every copy carries
        stamp = f"{sent:%Y-%m-%d %H:%M:%S} {sent.isoformat()[-6:]}"
        email_file.mark_sent(email.source_path, stamp, len(log.accepted))
    if outcome is None:
        return
    print(
        f"Sent: {outcome.accepted:,} accepted by the relay on this run "
        f"({len(log.accepted):,} in all)."
    )
    handled = outcome.accepted + len(outcome.refused) + outcome.uncertain
    rate = handled / outcome.seconds if outcome.seconds else 0
    print(f"Sending took {outcome.seconds:.2f} s ({rate:,.0f} messages/s).")
    if outcome.refused:
        print(f"Refused by the relay: {len(outcome.refused):,}")
        replies = {}
        for code, reply in outcome.refused:
            replies[(code, reply)] = replies.get((code, reply), 0) + 1
        for (code, reply), count in sorted(replies.items()):
            retry = "retried on the next run" if code < 500 else "not retried"
            print(visible(f"  {count:,} x {code} {reply} ({retry})"))
    if log.uncertain:
        print(
            f"Uncertain: {len(log.uncertain):,} (the connection broke while the relay had the "
            "message): not sent again unless you run with RESEND_UNCERTAIN=1."
        )
    if log.accepted:
        print(
            f"Wrote Sent: and Recipients: {len(log.accepted):,} into "
            f"{display_path(email.source_path)}; commit it with {display_path(log.path)}, "
            "then make publish puts the web version online."
        )
