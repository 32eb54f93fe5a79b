"""`python -m candor send-test EMAIL` and `python -m candor send EMAIL LIST` (make send-test, send).

The order of the steps is the safety: everything that can refuse (the email,
the relay settings, the test send, the list, the suppression list, the count)
is checked before the first connection to the relay, and every copy is
recorded in the send log as it goes (sending/send_log.py), so a run that stops
anywhere is resumed by running the same command again.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from ..build import settings as candor_settings
from ..build.problems import BuildStopped, display_path, visible
from ..sending import audience as lists
from ..sending import compose, confirm, delivery, passes, relay_settings, send_log, suppressions

EXIT_REFUSED = 1


class Refused(Exception):
    """The send cannot go ahead; the message says why and what to do. Nothing was sent."""


def prepare(settings: dict, name: str, environ):
    """The relay settings, the email, its log and its message; or Refused."""
    candor_settings.apply_defaults(settings)
    try:
        relay = relay_settings.read_send_settings(settings, environ)
    except relay_settings.SettingsError as error:
        raise Refused(str(error)) from error
    try:
        context, generator = compose.read_content(settings)
        email = compose.find_email(context, name)
    except BuildStopped as stopped:
        raise Refused(f"{stopped}\nNothing was sent: fix these first.") from stopped
    except compose.NotSendable as unsendable:
        raise Refused(str(unsendable)) from unsendable
    problems = compose.check_sendable(email, context, context["CANDOR_BUILD"].problems)
    problems += compose.first_problems(context)
    if problems:
        raise Refused(str(compose.NotSendable(problems)) + "\nNothing was sent: fix these first.")
    folder = send_log.sends_folder(settings)
    try:
        key = send_log.load_key(folder, environ)
        log = send_log.SendLog.open(send_log.log_path(settings, email.source_path), key)
    except (OSError, send_log.SendLogError) as error:
        raise Refused(f"{error}. Nothing was sent.") from error
    shown = display_path(email.source_path)
    if getattr(email, "metadata", {}).get("sent") and not log.done_before():
        raise Refused(
            f"{shown}: Sent: says it was already sent, and Candor has no record of sending it "
            "(it was sent by hand or by another tool). Nothing was sent; to send a new "
            "announcement, write a new email as a draft."
        )
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    date = (
        datetime.fromisoformat(log.first_date)
        if log.first_date
        else datetime.now(zone).replace(microsecond=0)
    )
    outgoing = compose.compose(email, generator, settings, date)
    return relay, email, log, key, outgoing


def send_test(settings: dict, name: str, environ=None) -> int:
    environ = os.environ if environ is None else environ
    relay_conf, email, log, key, outgoing = prepare(settings, name, environ)
    if not relay_conf.test_recipients:
        raise Refused(
            "CANDOR_TEST_RECIPIENTS: is not set; set it to your team's addresses, separated by "
            "commas, like team@example.com,priya@example.com"
        )
    digest = send_log.make_digest(key)
    relay = delivery.Relay(relay_conf)
    relay.connect()
    accepted, refused = 0, []
    try:
        for address in relay_conf.test_recipients:
            address = lists.normalised_address(address)
            to = digest(lists.identity(address))
            answer = delivery.deliver(relay, outgoing, address, to, NoLog(), test=True)
            if answer is None:
                accepted += 1
            else:
                refused.append((address, *answer))
    finally:
        relay.close()
    if accepted:
        log.write(
            {
                "record": "test",
                "fingerprint": outgoing.fingerprint,
                "time": send_log.now_text(),
                "recipients": accepted,
            },
            durable=True,
        )
        log.close()
    print(f"Test send of {display_path(email.source_path)}: {accepted} accepted by the relay.")
    for address, code, reply in refused:
        print(visible(f"  refused: {address}: {code} {reply}"))
    if not accepted:
        print("Nothing was accepted: no test send is recorded.", file=sys.stderr)
        return EXIT_REFUSED
    print(
        "Each copy is marked as a test in its X-Candor-Test header only. Read it in your "
        f"inbox; then: make send EMAIL={email.slug} LIST=<the list file>"
    )
    return 0


class NoLog:
    """Test sends record only their fingerprint, not each team member's copy."""

    def record(self, *args, **kwargs) -> None:
        pass


def send(settings: dict, name: str, list_path: str, confirmation, environ=None, ask=input) -> int:
    environ = os.environ if environ is None else environ
    relay_conf, email, log, key, outgoing = prepare(settings, name, environ)
    if outgoing.fingerprint not in log.tests:
        changed = " (it changed since the last test send)" if log.tests else ""
        raise Refused(
            f"No test send of this exact message{changed}: run make send-test EMAIL={email.slug}, "
            "read it, then send. Nothing was sent."
        )
    if log.first_fingerprint and outgoing.fingerprint != log.first_fingerprint:
        raise Refused(
            f"{display_path(email.source_path)}: changed since it was first sent to this list; "
            "a resumed send must send what the others received. Undo the change (version "
            "control has it) and run again; to say something new, write a new email. "
            "Nothing was sent."
        )
    shown = list_path
    try:
        lists.check_list_place(list_path, settings, shown)
        digest = send_log.make_digest(key)
        suppression = relay_conf.suppression_list
        suppressed = lists.read_suppressions(suppression, digest, suppression or "")
        # Those who asked in a reply to be removed (make import-replies), kept as hashes.
        suppressed |= set(suppressions.read(send_log.sends_folder(settings), key))
        recent = send_log.recent_recipients(
            send_log.sends_folder(settings), log.path, key, relay_conf.min_interval
        )
        resend_uncertain = resend_uncertain_asked(environ)
        counted = lists.file_fingerprint(list_path, shown)
        plan = passes.scan(list_path, shown, digest, suppressed, log, recent, resend_uncertain)
    except (lists.ListError, send_log.SendLogError) as error:
        raise Refused(f"{visible(str(error))}. Nothing was sent.") from error
    audience = plan.audience
    if audience.invalid:
        count = audience.invalid_count
        lines = [f"{shown}: line {n}: {why}" for n, why in audience.invalid]
        if count > len(lines):
            lines.append(f"... and {count - len(lines):,} more")
        lines.append(
            f"{count:,} invalid line{'s' if count != 1 else ''}: fix or remove "
            f"{'them' if count != 1 else 'it'}. Nothing was sent."
        )
        raise Refused(visible("\n".join(lines), keep_line_breaks=True))
    if audience.count == 0:
        raise Refused(
            f"{shown}: holds no one to send to (no addresses, or all suppressed). Nothing was sent."
        )
    if log.first_list and log.first_list != audience.list_id:
        raise Refused(
            f"{shown}: is not the list this email was first sent to (the people it names "
            "differ). A send is resumed with the same list; to reach other people, write a "
            "new email. Nothing was sent."
        )
    for line in confirm.summary(email, shown, plan):
        print(line)
    if plan.now == 0:
        print("Nothing to send: everyone on the list has been dealt with (see above).")
        passes.finish(email, log, None, outgoing, settings)
        return 0
    given = email.recipients if email.is_draft else None
    if given and given != audience.count:
        raise Refused(
            f"The email's Recipients: says {given:,}, but the list holds {audience.count:,} "
            "recipients. Check the list (or correct Recipients:). Nothing was sent."
        )
    ok, why = confirm.confirmed(plan.now, confirmation, sys.stdin.isatty(), ask)
    if not ok:
        raise Refused(why)
    try:
        unchanged = lists.file_fingerprint(list_path, shown) == counted
    except lists.ListError as error:
        raise Refused(f"{visible(str(error))}. Nothing was sent.") from error
    if not unchanged:
        raise Refused(
            f"{visible(shown)}: changed since it was counted; the count you confirmed is not "
            "of this list. Run again once nothing is writing to it. Nothing was sent."
        )
    outcome = passes.run(
        relay_conf,
        outgoing,
        log,
        list_path,
        shown,
        digest,
        suppressed,
        recent,
        resend_uncertain,
        plan,
    )
    passes.finish(email, log, outcome, outgoing, settings)
    return 0 if not outcome.refused and not log.uncertain else EXIT_REFUSED


def resend_uncertain_asked(environ) -> bool:
    """RESEND_UNCERTAIN=1 asks; anything else but 0 or nothing is a mistake, not a yes."""
    given = environ.get("RESEND_UNCERTAIN", "").strip()
    if given not in ("", "0", "1"):
        raise Refused(
            f'RESEND_UNCERTAIN: "{given}" is not 1 (send again to the uncertain) or 0 (do '
            "not); leave it out to not send again. Nothing was sent."
        )
    return given == "1"


def main(args, settings: dict) -> int:
    started = time.perf_counter()
    candor_settings.apply_defaults(settings)
    try:
        with send_log.only_sender(send_log.sends_folder(settings)):
            if args.command == "send-test":
                return send_test(settings, args.email)
            code = send(settings, args.email, args.list, args.confirm)
    except send_log.SendLogError as error:
        print(visible(f"{error}. Nothing was sent."), file=sys.stderr)
        return EXIT_REFUSED
    except Refused as refused:
        print(visible(str(refused), keep_line_breaks=True), file=sys.stderr)
        return EXIT_REFUSED
    except delivery.DeliveryStopped as stopped:
        print(visible(str(stopped)), file=sys.stderr)
        print(
            "What was sent is recorded; run the same command again to send to the rest.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(
            "Stopped. What was sent is recorded; run the same command again to send to the rest.",
            file=sys.stderr,
        )
        return 130
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return code
