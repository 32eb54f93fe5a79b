"""Reading the settings file a command names, with one line per fault when it cannot be read.

Every command reads it at start; `serve` and `build --watch` read it again whenever
it changes, so a fault there is reported the same way and the last good settings
are kept.
"""

from __future__ import annotations

import argparse
import os
import traceback

from pelican.settings import read_settings

from ..build import settings as candor_settings


class UnreadableSettings(Exception):
    """The settings file cannot be used; `lines` say, one per fault, what to fix."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def read(args: argparse.Namespace, debug: bool = False) -> dict:
    """The settings `args` name, with the command line's folders and switches applied.

    With `debug`, an error in the settings file is raised as it is, traceback and all.
    """
    try:
        settings = load_settings(args)
    except Exception as error:  # a settings file is Python: anything can go wrong
        if debug:
            raise
        raise UnreadableSettings([settings_error(args.settings, error)]) from error
    wrong = candor_settings.wrong_types(settings)
    if wrong:
        raise UnreadableSettings([f"{args.settings}: {key}: {message}" for key, message in wrong])
    return settings


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


def settings_error(path: str, error: Exception) -> str:
    """One line saying what is wrong with the settings file (or the folders it names)."""
    if isinstance(error, FileNotFoundError) and not os.path.isfile(path):
        return f"{path}: there is no such settings file; give the path of pelicanconf.py with -s"
    if isinstance(error, SyntaxError):
        return f"{path}: line {error.lineno}: {error.msg}; fix the Python in {path}"
    text = str(error)
    if text.startswith("Could not find the theme"):
        theme = text.removeprefix("Could not find the theme").strip()
        return f'{path}: THEME: there is no theme "{theme}"; set THEME to its folder, like "theme"'
    if text.startswith("You need to specify a path containing the content"):
        return f"{path}: PATH: the content folder does not exist; check PATH or -i"
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f.lineno for f in frames if os.path.abspath(f.filename) == os.path.abspath(path)]
    where = f"{path}: line {lines[-1]}" if lines else path
    return f"{where}: {type(error).__name__}: {error}; fix the settings file"
