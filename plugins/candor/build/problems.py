"""Problems found in the content, collected during a build and reported together.

A problem is a value, not an exception: every module that checks something adds
to the build's `ProblemLog`, and the build decides at one point (before anything
is written) whether to stop. Each problem names the file, the field and what to
do about it, on one line, so an author can fix a whole batch at once.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

logger = logging.getLogger("candor")

BUILD_STATE_KEY = "CANDOR_BUILD"

# What a terminal would act on instead of showing: C0 and C1 controls (ESC starts
# colour, title and hyperlink sequences, CR overwrites the line, BEL rings) and the
# bidirectional overrides that reorder what is shown. A line break stays only where
# Candor puts one, between the lines of a message.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TERMINAL_CONTROL_OR_BREAK = re.compile(f"{TERMINAL_CONTROL.pattern}|[\n\t]")


def visible(text: str, *, keep_line_breaks: bool = False) -> str:
    """`text` safe to print: each control character written as Python would, like \\x1b."""
    pattern = TERMINAL_CONTROL if keep_line_breaks else TERMINAL_CONTROL_OR_BREAK
    return pattern.sub(lambda found: found[0].encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file.

    `fatal` problems stop every build (the site cannot be made sense of without
    a fix, e.g. a post of no known kind). The others stop only a strict build
    (`make publish`); `make html` prints them and still writes the site so the
    author can look at it.
    """

    path: str
    field: str
    message: str
    fatal: bool = False

    def __str__(self) -> str:
        # File names and fields come from the content: they are shown, never run.
        where = f"{visible(self.path)}: {visible(self.field)}" if self.field else visible(self.path)
        return f"{where}: {visible(self.message, keep_line_breaks=True)}"


@dataclass
class ProblemLog:
    # Paths are shown relative to this folder: the one holding the content folder,
    # so an author reads "content/emails/x.md" wherever the build was started.
    root: str | None = None
    problems: list[Problem] = field(default_factory=list)
    # Things the author should know that do not stop any build (a masked address).
    warnings: list[Problem] = field(default_factory=list)

    def add(self, path: str, field: str, message: str, *, fatal: bool = False) -> None:
        self.problems.append(Problem(display_path(path, self.root), field, message, fatal))

    def warn(self, path: str, field: str, message: str) -> None:
        self.warnings.append(Problem(display_path(path, self.root), field, message))

    def shown(self, path: str) -> str:
        """`path` as this log shows it."""
        return display_path(path, self.root)

    def mentions(self, path: str) -> bool:
        shown = self.shown(path)
        return any(problem.path == shown for problem in self.problems)

    def blocking(self, strict: bool) -> list[Problem]:
        return sorted(p for p in self.problems if p.fatal or strict)

    def __len__(self) -> int:
        return len(self.problems)


class BuildStopped(Exception):
    """Raised once per build, carrying every problem that stops it."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = [f"Build stopped: {count} problem{'s' if count != 1 else ''} to fix."]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


def display_path(path: str, root: str | None = None) -> str:
    """A path as the author knows it: relative to `root` (or the working folder) when inside it."""
    if not path or not os.path.isabs(path):
        return path or "<settings>"
    relative = os.path.relpath(path, root)
    return path if relative.startswith("..") else relative


@dataclass
class BuildState:
    """What one Pelican run learns and must hand from one signal to a later one.

    Pelican copies its settings into each run's context, and its `finalized`
    signal only sees the Pelican object: keeping this object in the settings is
    the one place both ends reach. `start_build` empties it at the start of
    every run (autoreload runs many builds with one Pelican object).
    """

    problems: ProblemLog = field(default_factory=ProblemLog)
    ledger: object = None  # candor.ledger.Ledger, loaded once the content is read
    summary: object = None  # candor.report.BuildSummary, counted once everything is read
    files_read: int = 0  # for the progress line of large builds
    site_facts: object = None  # candor.site_checks.SiteFacts, for the checks of the output
    template_environment: object = None  # the run's one Jinja environment (one_environment.py)

    def start_build(self, content_path: str | None = None) -> None:
        root = os.path.dirname(os.path.abspath(content_path)) if content_path else None
        self.problems = ProblemLog(root)
        self.ledger = None
        self.summary = None
        self.files_read = 0
        self.site_facts = None
        self.template_environment = None


def build_state(context_or_settings: dict) -> BuildState:
    state = context_or_settings.get(BUILD_STATE_KEY)
    if state is None:
        state = context_or_settings[BUILD_STATE_KEY] = BuildState()
    return state


def problem_log(context: dict) -> ProblemLog:
    """The build's log: one per Pelican run."""
    return build_state(context).problems


def stop_if_needed(context: dict, strict: bool) -> None:
    """Raise `BuildStopped` if any problem must stop this build.

    When one does, the others are printed first, so the author can fix them all
    at once; when none does, they are printed in the build report at the end
    (report.py), where an author sees them together instead of scrolled away.
    """
    log = problem_log(context)
    blocking = log.blocking(strict)
    if blocking:
        for problem in sorted(set(log.problems) - set(blocking)):
            logger.error("%s", problem)
    if blocking:
        raise BuildStopped(blocking)
