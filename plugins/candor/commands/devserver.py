"""`make devserver`: serve on 127.0.0.1, rebuild on every change, reload the browser.

Each build is the same staged build as `make html`, so a build that fails
leaves the last good site on screen. After each build a fresh build id is
written to `candor-build-id.txt` in the output; development pages (with
CANDOR_DEV_RELOAD on) load `dev-reload.js`, a script from the site's own
origin that polls that file and reloads the page when it changes. Pelican's
own `-lr` rebuilds but cannot tell the browser; a script from the same origin
keeps the Content-Security-Policy strict.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from watchfiles import watch

from ..build.problems import BuildStopped

BUILD_ID_FILE = "candor-build-id.txt"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.path.endswith(BUILD_ID_FILE):  # polled every second
            super().log_message(format, *args)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def build_once(settings: dict, build) -> bool:
    started = time.perf_counter()
    try:
        build(settings)
    except BuildStopped as stopped:
        print(stopped, file=sys.stderr)
        print("The last good build is still served.", file=sys.stderr)
        return False
    except Exception as error:  # keep serving; the author fixes and saves again
        print(f"Build failed: {type(error).__name__}: {error}", file=sys.stderr)
        return False
    output = settings["OUTPUT_PATH"]
    with open(os.path.join(output, BUILD_ID_FILE), "w", encoding="utf-8") as out:
        out.write(f"{time.time_ns()}\n")
    print(f"Built in {time.perf_counter() - started:.2f} s.", file=sys.stderr)
    return True


def watched_paths(settings: dict, settings_file: str | None) -> list[str]:
    plugin_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the whole package
    paths = [settings["PATH"], settings["THEME"], plugin_dir]
    if settings_file:
        paths.append(settings_file)
    return [p for p in paths if os.path.exists(p)]


def serve(
    settings: dict,
    settings_file: str,
    bind: str,
    port: int,
    build,
    stop: threading.Event | None = None,
) -> int:
    settings = dict(settings, CANDOR_DEV_RELOAD=True)
    output = settings["OUTPUT_PATH"]
    build_once(settings, build)
    os.makedirs(output, exist_ok=True)
    handler = partial(QuietHandler, directory=output)
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {output} at http://{bind}:{port}/ ; rebuilding on every change.")
    print("Press Ctrl-C to stop.")
    try:
        for changes in watch(*watched_paths(settings, settings_file), stop_event=stop):
            names = sorted({os.path.basename(path) for _, path in changes})
            print(f"Changed: {', '.join(names)}; rebuilding.", file=sys.stderr)
            build_once(settings, build)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
