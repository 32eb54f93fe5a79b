"""Rebuild on every change: the loop behind `make devserver` and `make regenerate`.

It watches the content, the theme, the plugin and the settings file. Each build is
the staged build of `make html`, so a build that fails leaves the last good site in
place. A change to the settings file reads it again before building: the settings
read at start would otherwise be used for ever, and an edit to pelicanconf.py would
rebuild the same site. Settings that cannot be read are reported in one line and the
last good ones kept, like a build that fails.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable

from watchfiles import watch

from ..build.problems import BuildStopped

Build = Callable[[dict], None]
# Before a rebuild, with the changed paths: a first, partial answer (the devserver's).
Preview = Callable[[dict, set[str]], None]


def build_once(settings: dict, build: Build) -> bool:
    """Build, and say how it went in a line or two; True when the new site is in place."""
    started = time.perf_counter()
    try:
        build(settings)
    except BuildStopped as stopped:
        print(stopped, file=sys.stderr)
        print("The last good build stays in place.", file=sys.stderr)
        return False
    except Exception as error:  # keep watching; the author fixes and saves again
        print(f"Build failed: {type(error).__name__}: {error}", file=sys.stderr)
        return False
    print(f"Built in {time.perf_counter() - started:.2f} s.", file=sys.stderr)
    return True


def watched_paths(settings: dict, settings_file: str | None) -> list[str]:
    plugin_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the whole package
    paths = [settings["PATH"], settings["THEME"], plugin_dir]
    if settings_file:
        paths.append(settings_file)
    return [p for p in paths if os.path.exists(p)]


def keep_output(fresh: dict | None, settings: dict) -> dict:
    """The new settings, building into the same folder; the old ones if there are none."""
    if fresh is None:
        return settings
    output = settings["OUTPUT_PATH"]
    if fresh["OUTPUT_PATH"] != output:
        # The folder was checked (output_guard) and, for the devserver, is being served.
        print(
            f"OUTPUT_PATH changed: still building into {output}; restart to change it.",
            file=sys.stderr,
        )
    return dict(fresh, OUTPUT_PATH=output)


def fingerprint(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None  # being replaced: an editor saving it
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def rebuild_on_change(
    settings: dict,
    settings_file: str,
    reread: Callable[[], dict | None],
    build: Build,
    built: Callable[[dict], None] = lambda settings: None,
    stop: threading.Event | None = None,
    preview: Preview | None = None,
) -> None:
    """Build, then rebuild after every change until `stop` is set; `built` follows a success.
    `preview` runs first when only content or theme files changed.

    `reread` returns the settings file's new settings, or None when it cannot be used
    (having said why); the output folder stays the one the command started with.
    """
    read_as = fingerprint(settings_file)
    # The first build waits for the watch to start, so that a file saved during it is seen.
    pending = True
    while True:
        paths = watched_paths(settings, settings_file)
        # Every second without a change the watch yields nothing, and the settings file is
        # looked at: an editor that saves by replacing the file leaves the watch on the
        # deleted one.
        for changes in watch(*paths, stop_event=stop, rust_timeout=1000, yield_on_timeout=True):
            settings_changed = fingerprint(settings_file) != read_as
            if settings_changed:
                read_as = fingerprint(settings_file)  # first: an edit while reading is seen next
                settings = keep_output(reread(), settings)
            if changes or settings_changed:
                names = {os.path.basename(path) for _, path in changes}
                if settings_changed:
                    names.add(os.path.basename(settings_file))
                print(f"Changed: {', '.join(sorted(names))}; rebuilding.", file=sys.stderr)
            elif not pending:
                continue
            if watched_paths(settings, settings_file) != paths:
                pending = True  # the new settings name another content folder or theme:
                break  # watch it, then build
            pending = False
            if preview is not None and changes and not settings_changed:
                preview(settings, {path for _, path in changes})
            if build_once(settings, build):
                built(settings)
        else:
            return  # `stop` was set
