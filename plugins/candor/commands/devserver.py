"""`make devserver`: serve on 127.0.0.1, rebuild on every change, reload the browser.

The rebuilding is watching.py's loop, the one `make regenerate` runs without a
server. After each build a fresh build id is written to `candor-build-id.txt` in
the output; development pages (with CANDOR_DEV_RELOAD on) load `dev-reload.js`, a
script from the site's own origin that polls that file and reloads the page when
it changes. Pelican's own `-lr` rebuilds but cannot tell the browser; a script from
the same origin keeps the Content-Security-Policy strict. The script lives here, not in
the theme, and is copied into each development build only: a published site has none.

Between builds the process keeps what each file read as and each page's inputs
(incremental/): a rebuild re-reads only changed files and reuses unchanged pages. A
saved post whose body or title alone changed is shown first (its own page, then the
pages that show it, the browser told each time), before the whole rebuild.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from ..incremental.preview import render_edited_posts
from .watching import Build, rebuild_on_change

BUILD_ID_FILE = "candor-build-id.txt"
RELOAD_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dev-reload.js")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        if not self.path.endswith(BUILD_ID_FILE):  # polled every second
            super().log_message(format, *args)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def served_at(bind: str, port: int) -> str:
    """The address a browser on this machine opens: a wildcard bind is reached on loopback."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(bind, bind)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def development(settings: dict | None, site_url: str) -> dict | None:
    """`settings` for a development build: pages that reload when the site is rebuilt,
    and absolute links (email previews, feeds) to the server this devserver runs, not
    CANDOR_DEV_SITEURL's default port. What each file read as is kept in memory, and
    unchanged pages are reused (CANDOR_PAGE_CACHE = False in the settings turns that off)."""
    if settings is None:
        return None
    fast = {"CANDOR_KEEP_IN_MEMORY": True}
    fast["CANDOR_PAGE_CACHE"] = settings.get("CANDOR_PAGE_CACHE", True)
    return dict(settings, CANDOR_DEV_RELOAD=True, CANDOR_DEV_SITEURL=site_url, **fast)


def tell_pages_to_reload(settings: dict) -> None:
    scripts = os.path.join(settings["OUTPUT_PATH"], settings["THEME_STATIC_DIR"], "js")
    os.makedirs(scripts, exist_ok=True)
    shutil.copyfile(RELOAD_SCRIPT, os.path.join(scripts, "dev-reload.js"))
    with open(os.path.join(settings["OUTPUT_PATH"], BUILD_ID_FILE), "w", encoding="utf-8") as out:
        out.write(f"{time.time_ns()}\n")


def show_edited_posts_first(settings: dict, changed: set[str]) -> None:
    """A saved post's own page, then every page that shows it, served and the browser
    told each time, before the whole rebuild (incremental/preview.py)."""

    def shown(addresses: list[str]) -> None:
        tell_pages_to_reload(settings)
        what = ", ".join(addresses) if addresses else "every page that shows it"
        print(f"Showing {what}.", file=sys.stderr)

    try:
        if render_edited_posts(settings, changed, shown):
            print("Rebuilding the rest.", file=sys.stderr)
    except Exception as error:  # the whole rebuild that follows reports it properly
        print(f"Could not show the edited post first: {error}", file=sys.stderr)


def serve(
    settings: dict,
    settings_file: str,
    reread: Callable[[], dict | None],
    bind: str,
    port: int,
    build: Build,
    stop: threading.Event | None = None,
) -> int:
    """Build, serve OUTPUT_PATH, rebuild on every change; `reread` reads the settings again."""
    output = settings["OUTPUT_PATH"]
    site_url = served_at(bind, port)
    settings = development(settings, site_url)
    os.makedirs(output, exist_ok=True)
    handler = partial(QuietHandler, directory=output)
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {output} at {site_url}/ ; building, then on every change.")
    print("Press Ctrl-C to stop.")

    def reread_for_development() -> dict | None:
        return development(reread(), site_url)

    try:
        rebuild_on_change(
            settings,
            settings_file,
            reread_for_development,
            build,
            tell_pages_to_reload,
            stop,
            preview=show_edited_posts_first,
        )
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
