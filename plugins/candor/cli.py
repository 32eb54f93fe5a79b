"""`python -m candor build`: Pelican's build, staged so that a failure loses nothing.

Pelican's own command prints a Python traceback for any error and, with
DELETE_OUTPUT_DIRECTORY, empties the output folder before it knows whether the
build will succeed. Candor builds into a fresh folder beside the output, and only
when the build has finished swaps it into place. A failed build prints the
problems, one per line, and leaves the previous output exactly as it was.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time

from pelican import Pelican
from pelican.settings import read_settings

from .problems import BuildStopped

logger = logging.getLogger("candor")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m candor")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("-s", "--settings", default="pelicanconf.py")
    build.add_argument("-i", "--input", help="content folder (default: PATH setting)")
    build.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
    build.add_argument("--relative-urls", action="store_true")
    build.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser.parse_args(argv)


def setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.WARNING)


def load_settings(args: argparse.Namespace) -> dict:
    override: dict = {}
    if args.input:
        override["PATH"] = os.path.abspath(args.input)
    if args.output:
        override["OUTPUT_PATH"] = os.path.abspath(args.output)
    if args.relative_urls:
        override["RELATIVE_URLS"] = True
    if args.debug:
        override["DEBUG"] = True
    return read_settings(args.settings, override=override)


def swap_into_place(staging: str, output: str) -> None:
    """Replace `output` with `staging`; `output` is never left half-written."""
    if not os.path.exists(output):
        os.rename(staging, output)
        return
    retired = tempfile.mkdtemp(prefix=".output-retired-", dir=os.path.dirname(output))
    os.rename(output, os.path.join(retired, "site"))
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def build(settings: dict) -> None:
    """Build into a staging folder beside OUTPUT_PATH, then swap it in."""
    output = settings["OUTPUT_PATH"].rstrip(os.sep)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".output-staging-", dir=parent)
    try:
        # The staging folder is new and empty: nothing for Pelican to delete.
        staged = dict(settings, OUTPUT_PATH=staging, DELETE_OUTPUT_DIRECTORY=False)
        Pelican(staged).run()
        swap_into_place(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    setup_logging(args.debug)
    started = time.perf_counter()
    try:
        settings = load_settings(args)
    except Exception as error:  # a settings file is Python: anything can go wrong
        if args.debug:
            raise
        print(f"{args.settings}: cannot be read: {error}", file=sys.stderr)
        return 2
    try:
        build(settings)
    except BuildStopped as stopped:
        print(stopped, file=sys.stderr)
        print(f"Nothing was written; {settings['OUTPUT_PATH']} is unchanged.", file=sys.stderr)
        return stopped.exitcode
    except Exception as error:
        if args.debug:
            raise
        print(f"Build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print("Run again with DEBUG=1 for details.", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"Built {settings['OUTPUT_PATH']} in {elapsed:.2f} s.", file=sys.stderr)
    return 0
