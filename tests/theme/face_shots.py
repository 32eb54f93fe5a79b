"""Screenshots of the pages a customer meets, for a person to look at.

Run: `python tests/theme/face_shots.py OUT`.
Builds the project's sample (the banner on, at the same fixed "now" as the tests), serves
it on 127.0.0.1 and saves the index, an incident, a responses post, an email's web version
and /feeds/ at a desktop's and a phone's width, in the light and the dark scheme, as
OUT/<page>-<width>-<scheme>.png. test_face.py runs it into test-output/face-shots/.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "plugins"))
os.environ.setdefault("CANDOR_NOW", "2025-12-01 12:00 America/New_York")

PAGES = {
    "index": "/",
    "incident": "/posts/duplicate-emails-november-2025/",
    "responses": "/posts/what-you-told-us/",
    "email": "/emails/apology-duplicate-emails/",
    "feeds": "/feeds/",
}
WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def build_sample(output: Path) -> Path:
    from pelican.settings import read_settings

    from candor.commands.cli import build

    settings = read_settings(
        str(PROJECT / "pelicanconf.py"),
        override={"PATH": str(PROJECT / "content"), "OUTPUT_PATH": str(output)},
    )
    build(settings)
    return output


def take(site: Path, out: Path, browser=None) -> list[Path]:
    """Screenshots of `site`, served on 127.0.0.1, in `browser` (or a Chromium of its own)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                return take(site, out, chromium)
            finally:
                chromium.close()
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    written = []
    try:
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = browser.new_context(
                    color_scheme=scheme, viewport={"width": width, "height": 800}
                )
                page = context.new_page()
                for name, url in PAGES.items():
                    page.goto(server + url)
                    path = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                context.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return written


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        for path in take(build_sample(Path(folder)), Path(sys.argv[1])):
            print(path)
