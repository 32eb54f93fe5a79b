"""Pelican's own complaints about a file, turned into Candor problems.

When Pelican cannot use a file it logs an error and leaves the file out, and the
build succeeds without it: a post with no `Date:` or an unknown `Status:`
silently disappears, and a file its reader could not read is only named
("Could not process posts/x.md"). No signal tells a plugin; the log records
are the one place these decisions surface. `ContentErrors`, a logging filter on
Pelican's loggers, turns each into a fatal problem with the file, the field
and what to do, and keeps the bare log line out of the author's way.

Missing fields and unknown statuses are Pelican's own rules: they become problems
only under the kit's `CANDOR_STRICT_CONTENT`; otherwise Pelican logs and skips the
file as it would without the plugin, so adding Candor to a site changes nothing.

The messages are matched exactly (Pelican is pinned); a test builds each case.
"""

from __future__ import annotations

import logging
import os

from .problems import BuildStopped, problem_log

COULD_NOT_PROCESS = "Could not process %s"
MISSING_PROPERTY = "Skipping %s: could not find information about '%s'"
OUTSIDE_OUTPUT = "Skipping %s: file %r would be written outside output path"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
PELICANS_OWN_RULES = (MISSING_PROPERTY, UNKNOWN_STATUS)
# Two posts with one slug: reported with both files by output_paths.py.
SAME_SLUG = ("There are %s items", "There are %s original (not translated) items")

MISSING = {
    "title": "is missing; add a line like Title: Thank you for a year of meetings",
    "date": "is missing; add when it was published, like Date: 2025-11-26 10:00",
}
LOGGERS = ("pelican.generators", "pelican.contents", "pelican.utils")


class ContentErrors(logging.Filter):
    """Turns Pelican's "skipping this file" records into problems of the current build."""

    def __init__(self) -> None:
        super().__init__()
        self.settings: dict | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.settings is None or not isinstance(record.args, tuple):
            return True
        problems = problem_log(self.settings)
        args = record.args
        if record.msg in PELICANS_OWN_RULES and not self.settings["CANDOR_STRICT_CONTENT"]:
            return True
        if record.msg == COULD_NOT_PROCESS:
            path = os.path.join(self.settings["PATH"], str(args[0]))
            if not problems.mentions(path):
                problems.add(
                    path,
                    "",
                    "Pelican could not read it; run again with DEBUG=1 to see why",
                    fatal=True,
                )
        elif record.msg == MISSING_PROPERTY:
            content, prop = args
            message = MISSING.get(prop, "is missing; add it to the header")
            problems.add(content.source_path, prop.capitalize(), message, fatal=True)
        elif record.msg == OUTSIDE_OUTPUT:
            content, save_as = args
            field = "Save_as" if "save_as" in content.metadata else "Slug"
            written = content.metadata.get(field.lower(), save_as)
            problems.add(content.source_path, field, outside_message(field, written), fatal=True)
        elif record.msg == UNKNOWN_STATUS:
            status, content, allowed = args
            allowed = ", ".join(s for s in allowed if s != "skip")
            message = f'"{status}" is not a status; use one of: {allowed}, or leave it out'
            problems.add(content.source_path, "Status", message, fatal=True)
        elif not str(record.msg).startswith(SAME_SLUG):
            return True
        # Reported as a problem: shown once, with the others, when the build ends.
        return bool(self.settings.get("DEBUG"))


def outside_message(field: str, written: str) -> str:
    if field == "Slug":
        how = "write a plain slug of letters, digits and hyphens, like what-you-told-us"
    else:
        how = "write a path inside the site without .., like posts/what-you-told-us/index.html"
    return f'"{written}" points outside the folder it belongs in; {how}'


class StoppedWithoutTraceback(logging.Filter):
    """A build Candor stopped, as a plain `pelican` call shows it: the problems, no traceback.

    Pelican's command logs any exception that ends a build with its traceback (and its
    autoreload loop with the exception's name); the problems already say what to do.
    """

    def __init__(self) -> None:
        super().__init__()
        self.debug = False

    def filter(self, record: logging.LogRecord) -> bool:
        stopped = record.exc_info[1] if record.exc_info else None
        if not isinstance(stopped, BuildStopped) or self.debug:
            return True
        record.msg, record.args, record.exc_info = "%s", (str(stopped),), None
        return True


CONTENT_ERRORS = ContentErrors()
STOPPED = StoppedWithoutTraceback()


def report_to(settings: dict) -> None:
    """Send Pelican's complaints to this run's problem log (runs in one process are in turn)."""
    CONTENT_ERRORS.settings = settings
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if CONTENT_ERRORS not in logger.filters:
            logger.addFilter(CONTENT_ERRORS)
    # The logger of Pelican's command line (pelican/__init__.py), where a stopped build ends.
    STOPPED.debug = bool(settings.get("DEBUG"))
    if STOPPED not in logging.getLogger("pelican").filters:
        logging.getLogger("pelican").addFilter(STOPPED)
