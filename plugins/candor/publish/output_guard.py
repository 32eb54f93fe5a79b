"""Which folders a build may replace, and one build at a time beside each output.

A build replaces its output folder as a whole (publish/swap.py), so an output
folder that is, or holds, something that is not a built site would be lost:
the project, the content, the theme, the plugins, a home folder, `/`. Those are
refused before anything is written, with one line saying what to set instead.
An output inside the content, theme or plugin folders is refused too: the next
build would read the site as content (stock Pelican refuses the same).

An output that is a symbolic link is resolved: the site is swapped in where the
link points and the link stays. A mount point cannot be renamed, so a swap
cannot replace it; it is refused, with a folder inside it to use instead.

The lock is flock(2) on the folder that holds the output, not on a lock file:
it leaves nothing behind, and the kernel releases it when the build ends in any
way, SIGKILL included. Every build holds it from the moment it creates its
staging folder until it has removed it, so whoever holds the lock knows that any
staging or retired folder beside the output is a leftover of a dead build.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import re
import shutil
import sys
from collections.abc import Iterator

from ..build.folders import is_within

SETTING = "OUTPUT_PATH (OUTPUTDIR)"
STAGING_PREFIX = ".output-staging-"
RETIRED_PREFIX = ".output-retired-"
# tempfile.mkdtemp's names: the prefix and eight characters of its alphabet.
LEFTOVER = re.compile(r"\.output-(staging|retired)-[a-z0-9_]{8}")
LEDGER_LEFTOVER = re.compile(r"\.ledger-[a-z0-9_]{8}")


class OutputRefused(Exception):
    """An output folder no build may replace; the message is the one line to show."""

    exitcode = 2


def kept_folders(settings: dict, project: str | None) -> list[tuple[str, str, bool]]:
    """(what it is, resolved path, whether builds read it) of every folder an output
    may not be or hold."""
    read = [
        ("the content folder (PATH)", settings["PATH"]),
        ("the theme (THEME)", settings["THEME"]),
    ]
    read += [("a plugin folder (PLUGIN_PATHS)", path) for path in settings.get("PLUGIN_PATHS", [])]
    other = [("the project folder", project)] if project else []
    homes = [os.path.expanduser("~"), "/root", *glob.glob("/home/*")]
    other += [("a home folder", home) for home in homes if home and home != "/"]
    kept = [(w, p, False) for w, p in other] + [(what, path, True) for what, path in read]
    return [(what, os.path.realpath(path), reads) for what, path, reads in kept]


def check_output(settings: dict, project: str | None = None, *, swapping: bool = True) -> str:
    """The resolved output folder; OutputRefused when no build may replace it.

    `swapping`: the staged build swaps a new folder in, which a mount point cannot take;
    Pelican's own DELETE_OUTPUT_DIRECTORY empties the folder, which a mount point can.
    """
    given = settings["OUTPUT_PATH"]
    output = os.path.realpath(given)
    shown = given if output == os.path.abspath(given) else f"{given} (a link to {output})"

    def refuse(reason: str, advice: str) -> OutputRefused:
        return OutputRefused(f"{SETTING}: {shown} {reason}; {advice}")

    own_folder = "set OUTPUTDIR to a folder of its own, such as output beside your settings file"
    if output == os.sep:
        raise refuse("is the root of the file system, which a build would replace", own_folder)
    if os.path.exists(output) and not os.path.isdir(output):
        raise refuse("is a file, which a build would replace with a folder", own_folder)
    kept = kept_folders(settings, project)
    for what, folder, _ in kept:
        if is_within(folder, output):
            this = "is" if folder == output else "holds"
            raise refuse(f"{this} {what}, which a build would replace with the site", own_folder)
    for what, folder, read_by_builds in kept:
        if read_by_builds and is_within(output, folder):
            raise refuse(f"is inside {what}, so the next build would read the site", own_folder)
    if not looks_like_a_site(output, settings):
        raise refuse(
            "holds files but no built site (no "
            f"{settings.get('INDEX_SAVE_AS') or 'index.html'}), which a build would replace",
            "set OUTPUTDIR to a new or empty folder, or to the site's own folder",
        )
    if swapping and os.path.ismount(output):
        raise refuse(
            "is a mount point, which a build cannot swap a new site into",
            f"set OUTPUTDIR to a folder inside it, such as {os.path.join(output, 'site')}",
        )
    return output


def looks_like_a_site(output: str, settings: dict) -> bool:
    """Whether a build may replace what is in `output`: nothing, or a site built before.

    A folder of someone's files (`-o ~/Documents`) has no home page of a site; a
    site built by Pelican or Candor always has one.
    """
    if not os.path.isdir(output):
        return True
    with os.scandir(output) as entries:
        if next(entries, None) is None:
            return True
    index = settings.get("INDEX_SAVE_AS") or "index.html"
    return os.path.isfile(os.path.join(output, index))


@contextlib.contextmanager
def locked(folder: str, waiting: str | None = None) -> Iterator[None]:
    """Hold flock(2) on `folder`; print `waiting` first when another process holds it."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                print(waiting, file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def build_lock(output: str) -> contextlib.AbstractContextManager[None]:
    parent = os.path.dirname(output)
    return locked(parent, f"Waiting for another build into {parent} to finish.")


def remove_leftovers(output: str) -> None:
    """Remove what killed builds left beside `output`; call only while holding build_lock.

    A build killed between the two renames of a swap without RENAME_EXCHANGE
    leaves no output and the previous site in its retired folder: that site is
    put back first, so the output is never missing for longer than one build.
    """
    parent = os.path.dirname(output)
    names = sorted(name for name in os.listdir(parent) if LEFTOVER.fullmatch(name))
    for name in names:
        previous = os.path.join(parent, name, "site")
        missing = not os.path.lexists(output)
        if missing and name.startswith(RETIRED_PREFIX) and os.path.isdir(previous):
            os.rename(previous, output)
        shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def remove_ledger_leftovers(folder: str) -> None:
    """Remove temporary ledger files of killed saves; call only while holding locked(folder)."""
    for name in os.listdir(folder):
        if LEDGER_LEFTOVER.fullmatch(name):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(folder, name))


def remove_output(settings: dict, project: str | None) -> str:
    """`make clean`: remove the output folder and the leftovers beside it, if no build
    is running into it; the same refusals as a build. Returns the folder removed."""
    output = check_output(settings, project)
    if os.path.isdir(os.path.dirname(output)):
        with build_lock(output):
            remove_leftovers(output)
            shutil.rmtree(output, ignore_errors=True)
    return output
