"""`python -m candor build` and `python -m candor check` (and the others: see main).

`build` is Pelican's build, staged so that a failure loses nothing. Pelican's
own command prints a Python traceback for any error and, with
DELETE_OUTPUT_DIRECTORY, empties the output folder before it knows whether the
build will succeed. Candor builds into a fresh folder beside the output; with
`--check` (`make publish`) it runs the site checks on that folder; only then
does it swap the folder into place (publish/swap.py), and only after that does
it save the ledger. A failed build or check prints every problem, one per
line, and leaves the previous output and the ledger exactly as they were.

`check` (`make check`) runs the same checks on an existing output folder. What
the content says (its drafts, its senders, what the ledger must hold) comes
from building the content into a scratch folder that is then thrown away.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import os
import shutil
import sys
import tempfile
import time

from pelican import Pelican

from ..build import settings as candor_settings
from ..build.problems import BuildState, BuildStopped, Problem, build_state, display_path, visible
from ..ledger import sent_emails as checks
from ..ledger.store import Ledger
from ..publish import output_guard
from ..publish.swap import make_readable, swap_into_place
from . import fresh, settings_file

# The other commands' modules are imported by the command that needs them: the site
# checks (feedparser, jsonschema) only with --check, the development server and the
# watcher (watchfiles) only when serving, sending and replies only for theirs. A plain
# build does not pay for what it does not run.

logger = logging.getLogger("candor")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m candor")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("--check", action="store_true", help="check the site before it goes live")
    build.add_argument("--watch", action="store_true", help="then rebuild on every change")
    check = commands.add_parser("check", help="check an existing build")
    new = commands.add_parser("new", help="create a post or an email with every field")
    new.add_argument("kind", help="thank-you, incident, responses, maintenance or email")
    new.add_argument("--title", default="", help="the post's title")
    new.add_argument("--post", default="", help="for an email: the slug of its post")
    serve = commands.add_parser("serve", help="serve, rebuild on change, reload the browser")
    serve.add_argument("--bind", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    clean = commands.add_parser("clean", help="remove the output folder")
    fresh_start = commands.add_parser("fresh", help="remove the sample content, for a new site")
    fresh_start.add_argument("--yes", action="store_true", help="without asking")
    send_test = commands.add_parser("send-test", help="send an email to CANDOR_TEST_RECIPIENTS")
    send_test.add_argument("email", help="the email's slug")
    send = commands.add_parser("send", help="send an email to the people on a list")
    send.add_argument("email", help="the email's slug")
    send.add_argument("list", help="the list file: one address a line, or a CSV with email")
    send.add_argument("--confirm", help="the number of recipients, typed back")
    replies = commands.add_parser("import-replies", help="import replies into a post, pending")
    replies.add_argument("post", help="the post's slug")
    replies.add_argument("source", help="an mbox file, a folder of .eml files, or a CSV file")
    suppression = commands.add_parser("suppression", help="who asked never to be emailed")
    suppression.add_argument("address", nargs="?", default="", help="is this address on it?")
    suppression.add_argument("--remove", action="store_true", help="take the address off it")
    every = (build, check, new, serve, clean, fresh_start, send_test, send, replies, suppression)
    for command in every:
        command.add_argument("-s", "--settings", default="pelicanconf.py")
        command.add_argument("-i", "--input", help="content folder (default: PATH setting)")
        command.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
        command.add_argument("--relative-urls", action="store_true")
        command.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser.parse_args(argv)


def setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.WARNING)


def run_pelican(settings: dict, into: str) -> tuple[dict, BuildState]:
    """Build into the new, empty folder `into`; the run's settings and what it learned."""
    # Nothing in `into` for Pelican to delete, and nothing outside it touched.
    staged = dict(settings, OUTPUT_PATH=into, DELETE_OUTPUT_DIRECTORY=False)
    state = build_state(staged)  # made here, so this call and the plugin share it
    Pelican(staged).run()
    return staged, state


class LedgerNotSaved(Exception):
    """The new site is in place, but the ledger could not record it."""


def build(settings: dict, check: bool = False, project: str | None = None) -> None:
    """Build (and check) in a staging folder beside OUTPUT_PATH, swap it in, save the ledger.

    `project` is the folder of the settings file, which the output may not be or hold.
    """
    output = output_guard.check_output(settings, project)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    with output_guard.build_lock(output):
        output_guard.remove_leftovers(output)
        staging = tempfile.mkdtemp(prefix=output_guard.STAGING_PREFIX, dir=parent)
        try:
            staged, state = run_pelican(settings, staging)
            if check:
                from ..publish import site_checks

                shown = settings["OUTPUT_PATH"]
                found = site_checks.check_site(
                    staging, staged, state.site_facts, state.ledger, shown
                )
                if found:
                    raise BuildStopped(found)
            make_readable(staging)
            swap_into_place(staging, output)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    try:
        save_ledger(staged, state)
    except OSError as error:
        where = display_path(state.ledger.path, state.problems.root)
        raise LedgerNotSaved(
            f"The site is live in {settings['OUTPUT_PATH']}, but {where} was NOT updated "
            f"({error.strerror or error}): it does not yet record what this build published. "
            "Fix that, then run make publish again."
        ) from error


def save_ledger(settings: dict, state: BuildState) -> None:
    """Record what this build published: only now that the site is in place."""
    ledger = state.ledger
    if ledger is None:
        return
    folder = os.path.dirname(ledger.path)
    with output_guard.locked(folder):  # one save at a time; what is left then is a leftover
        output_guard.remove_ledger_leftovers(folder)
        if not ledger.changed or not candor_settings.writes_ledger(settings):
            return
        ledger.save()
    where = display_path(ledger.path, state.problems.root)
    print(
        f"Updated {where}: commit it with your content; it records what customers have received.",
        file=sys.stderr,
    )


def check(settings: dict) -> list[Problem]:
    """Every problem with the site already built in OUTPUT_PATH."""
    from ..publish import site_checks

    output = settings["OUTPUT_PATH"]
    scratch = tempfile.mkdtemp(prefix="candor-check-")
    try:
        staged, state = run_pelican(settings, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # The committed ledger, not the one this scratch build added its new entries to.
    ledger = Ledger.load(checks.ledger_path(staged))
    return site_checks.check_site(output, staged, state.site_facts, ledger)


def create_new_file(args: argparse.Namespace, settings: dict) -> int:
    from . import scaffold

    candor_settings.apply_defaults(settings)  # no Pelican run here to apply them
    try:
        path = scaffold.create(args.kind, args.title, args.post, settings)
    except scaffold.ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote {display_path(path)}: fill it in, then run make html to see it.")
    if args.kind.strip().lower() != "email":
        print(scaffold.RENAME_NOTE)
    return 0


def reread_settings(args: argparse.Namespace) -> dict | None:
    """The settings file read again after a change, or None (having said why) to keep the last."""
    try:
        return settings_file.read(args)
    except settings_file.UnreadableSettings as unreadable:
        print("\n".join(unreadable.lines), file=sys.stderr)
        print("The last good settings are kept.", file=sys.stderr)
        return None


def rebuild_on_change(args: argparse.Namespace, settings: dict, project: str) -> int:
    """`build --watch` (`make regenerate`): build now, then after every change, until Ctrl-C."""
    from . import watching

    build_here = functools.partial(build, check=args.check, project=project)
    reread = functools.partial(reread_settings, args)
    output = settings["OUTPUT_PATH"]
    print(f"Building {output}, then on every change. Press Ctrl-C to stop.", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it ends
        watching.rebuild_on_change(settings, args.settings, reread, build_here)
    return 0


def report_problems(heading: str, found: list[Problem]) -> None:
    count = len(found)
    print(f"{heading}: {count} problem{'s' if count != 1 else ''} to fix.", file=sys.stderr)
    for problem in found:
        print(f"  {problem}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    setup_logging(args.debug)
    started = time.perf_counter()
    try:
        settings = settings_file.read(args, debug=args.debug)
    except settings_file.UnreadableSettings as unreadable:
        print("\n".join(unreadable.lines), file=sys.stderr)
        return 2
    output = settings["OUTPUT_PATH"]
    if args.command == "new":
        return create_new_file(args, settings)
    if args.command == "fresh":
        return fresh.fresh(settings["PATH"], args.yes)
    if args.command in ("send-test", "send"):
        from . import sending

        return sending.main(args, settings)
    if args.command in ("import-replies", "suppression"):
        from . import replies

        return replies.main(args, settings)
    project = os.path.dirname(os.path.abspath(args.settings))
    try:
        if args.command in ("build", "serve"):
            output_guard.check_output(settings, project)  # before anything is written
        if args.command == "clean":
            print(f"Removed {output_guard.remove_output(settings, project)}.", file=sys.stderr)
            return 0
        if args.command == "serve":
            from . import devserver

            build_here = functools.partial(build, project=project)
            reread = functools.partial(reread_settings, args)
            return devserver.serve(
                settings, args.settings, reread, args.bind, args.port, build_here
            )
        if args.command == "check":
            found = check(settings)
            if found:
                report_problems("Check failed", found)
                return 1
            print(f"Checked {output}: no problems.", file=sys.stderr)
            return 0
        if args.watch:
            return rebuild_on_change(args, settings, project)
        build(settings, check=args.check, project=project)
    except output_guard.OutputRefused as refused:
        print(visible(str(refused)), file=sys.stderr)
        return refused.exitcode
    except LedgerNotSaved as unsaved:
        print(visible(str(unsaved)), file=sys.stderr)
        return 1
    except BuildStopped as stopped:
        print(stopped, file=sys.stderr)
        if args.command == "build":
            print(visible(f"Nothing was written; {output} is unchanged."), file=sys.stderr)
        return stopped.exitcode
    except Exception as error:
        if args.debug:
            raise
        what = args.command.capitalize()
        print(visible(f"{what} failed: {type(error).__name__}: {error}"), file=sys.stderr)
        print("Run again with DEBUG=1 for details.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    checked = " and checked" if args.check else ""
    print(f"Built{checked} {output} in {elapsed:.2f} s.", file=sys.stderr)
    return 0
