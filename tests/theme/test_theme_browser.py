"""The theme in a real browser: Debian's Chromium, driven by Playwright, over a local server.

axe-core (the build shipped in the axe-playwright-python package) checks the pages a
reader meets most, in the light and the dark colour scheme; screenshots of them at a
phone's and a desktop's width go to `test-output/screenshots/` for a person to look at.
One browser serves the whole file, and the whole file runs on one xdist worker.
"""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import face_shots
import pytest
from playwright.sync_api import sync_playwright

from conftest import PROJECT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Nothing that phones home: the tests see only the requests the pages make.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = PROJECT / "test-output" / "screenshots"

# The pages a reader meets most: the index, a post of each kind, the wall, an email,
# the status page; and the same while incidents of every severity are going on (the
# banner on every page, each condition's colour), served from a second site.
KEY_PAGES = {
    "status": "/status/",
    "maintenance": "/posts/booking-database-upgrade-november-2025/",
    "index": "/",
    "thank-you": "/posts/thank-you-for-a-year-of-meetings/",
    "incident": "/posts/duplicate-emails-november-2025/",
    "responses": "/posts/what-you-told-us/",
    "responses-wall": "/responses/",
    "email": "/emails/apology-duplicate-emails/",
    "feeds": "/feeds/",
}
# The same pages with a brand of the site's own: logo, accent colour, footer line.
BRANDED_PAGES = ["/", "/posts/duplicate-emails-november-2025/", "/posts/what-you-told-us/",
                 "/responses/", "/emails/apology-duplicate-emails/"]  # fmt: skip
ONGOING_PAGES = {
    "status-ongoing": "/status/",
    "index-ongoing": "/",
    "incident-ongoing": "/posts/calls-drop/",
    "maintenance-upcoming": "/posts/recordings-move/",
}
SCHEMES = ["light", "dark"]
# /status/ shots, looked at by a person: the sample at a fixed time with a coloured row,
# and the site with incidents of every severity going on.
STATUS_SHOTS = PROJECT / "test-output" / "status-shots"
FACE_SHOTS = PROJECT / "test-output" / "face-shots"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server(sample_site):
    yield from serve(sample_site.root)


def serve(root: Path):
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def ongoing_server(every_severity_site):
    yield from serve(every_severity_site.root)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tab:
    """One browser tab, reused from page to page, noting everything odd each page did."""

    def __init__(self, browser, server: str, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.server = server
        self.host = urlsplit(server).netloc
        self.problems: list[str] = []
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"error: {error}"))
        self.page.on("request", self.on_request)

    def open(self, url: str):
        self.problems = []
        response = self.page.goto(self.server + url)
        assert response is not None and response.ok, url
        return self.page

    def on_console(self, message) -> None:
        # A Content-Security-Policy refusal is reported here, as an error.
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.problems.append(f"request to another host: {request.url}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def tabs(browser, server):
    """A tab per colour scheme, at a desktop's width."""
    made = {
        scheme: Tab(browser, server, color_scheme=scheme, viewport={"width": 1280, "height": 900})
        for scheme in SCHEMES
    }
    yield made
    for tab in made.values():
        tab.close()


def axe_violations(page) -> list[str]:
    page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_RULES}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", KEY_PAGES)
def test_axe_finds_no_violation_on_a_key_page(tabs, name, scheme):
    tab = tabs[scheme]
    page = tab.open(KEY_PAGES[name])
    assert axe_violations(page) == []
    assert tab.problems == []


@pytest.fixture(scope="module")
def branded_server(branded_site):
    yield from serve(branded_site.root)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_a_branded_site(browser, branded_server, scheme):
    tab = Tab(browser, branded_server, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    for url in BRANDED_PAGES:
        page = tab.open(url)
        assert page.locator(".site-header img[alt='Tandem Rooms']").is_visible()
        assert (url, axe_violations(page)) == (url, [])
        assert (url, tab.problems) == (url, [])
    tab.close()


def test_screenshots_of_the_key_pages_are_written_for_a_person_to_look_at(browser, tmp_path):
    # tests/theme/face_shots.py: the index, an incident, a responses post, an email and
    # /feeds/ at 1280 and 375 px in both schemes, into test-output/face-shots/.
    written = face_shots.take(face_shots.build_sample(tmp_path / "site"), FACE_SHOTS, browser)
    assert len(written) == len(face_shots.PAGES) * 4
    assert all(path.stat().st_size > 10_000 for path in written)


@pytest.fixture(scope="module")
def ongoing_tabs(browser, ongoing_server):
    made = {
        scheme: Tab(
            browser, ongoing_server, color_scheme=scheme, viewport={"width": 1280, "height": 900}
        )
        for scheme in SCHEMES
    }
    yield made
    for tab in made.values():
        tab.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", ONGOING_PAGES)
def test_axe_finds_no_violation_while_incidents_of_every_severity_go_on(ongoing_tabs, name, scheme):
    tab = ongoing_tabs[scheme]
    page = tab.open(ONGOING_PAGES[name])
    assert page.locator(".status-banner li").count() == 3
    assert axe_violations(page) == []
    assert tab.problems == []


@pytest.mark.parametrize(("width", "scheme"), [(w, s) for w in (1280, 375) for s in SCHEMES])
def test_screenshots_of_the_status_page_are_written_for_a_person_to_look_at(
    browser, server, ongoing_server, width, scheme
):
    STATUS_SHOTS.mkdir(parents=True, exist_ok=True)
    for name, where in (("sample", server), ("ongoing", ongoing_server)):
        tab = Tab(browser, where, color_scheme=scheme, viewport={"width": width, "height": 800})
        path = STATUS_SHOTS / f"status-{name}-{width}-{scheme}.png"
        tab.open("/status/").screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
        assert tab.problems == []
        tab.close()


def test_the_dark_scheme_really_changes_the_colours(tabs):
    backgrounds = {}
    for scheme in SCHEMES:
        page = tabs[scheme].open("/")
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds["light"] == "rgb(255, 255, 255)"
    assert backgrounds["light"] != backgrounds["dark"]


# Both schemes on a phone, where dark mode is common; the light one on a desktop.
SCREENSHOT_SIZES = [(375, "light"), (375, "dark"), (1280, "light")]


@pytest.mark.parametrize(("width", "scheme"), SCREENSHOT_SIZES)
def test_screenshots_of_every_key_page_are_written_for_a_person_to_look_at(
    browser, server, width, scheme
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = Tab(browser, server, color_scheme=scheme, viewport={"width": width, "height": 800})
    for name, url in KEY_PAGES.items():
        path = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
        tab.open(url).screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
    tab.close()


def test_no_page_is_wider_than_a_320_pixel_screen_or_breaks_the_policy(
    browser, server, sample_site
):
    tab = Tab(browser, server, viewport={"width": 320, "height": 640})
    wide, problems = [], []
    for file in sample_site.pages():
        url = "/" + str(file.relative_to(sample_site.root)).removesuffix("index.html")
        width = tab.open(url).evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{url}: {width}px")
        problems += [f"{url}: {problem}" for problem in tab.problems]
    tab.close()
    assert wide == []
    assert problems == []


def test_the_skip_link_is_the_first_stop_and_shows_when_focused(tabs):
    page = tabs["light"].open(KEY_PAGES["incident"])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const link = document.activeElement, box = link.getBoundingClientRect();
            return {text: link.textContent, top: box.top, left: box.left,
                    outline: getComputedStyle(link).outlineStyle};
        }"""
    )
    assert focused["text"] == "Skip to content"
    assert focused["left"] >= 0 and focused["top"] >= 0, "visible on screen"
    assert focused["outline"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_focused_link_has_a_visible_outline(tabs, scheme):
    page = tabs[scheme].open("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }"""
    )
    assert outline[0] == "A"
    assert outline[1] == "solid" and outline[2] == "3px"


def test_printing_leaves_out_the_navigation(browser, server):
    tab = Tab(browser, server)
    page = tab.open(KEY_PAGES["incident"])
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    tab.close()
