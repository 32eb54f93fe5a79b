"""How times and kinds are shown: one format per purpose on every page, chosen in Python.

The formats are documented in `candor/text/shown_times.py`: a date, a moment (date and
time), a clock (a timeline entry on the day of the one before) and ISO 8601 in every
`datetime` attribute.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime

import pytest

from candor.kinds.post_kinds import KINDS
from conftest import PROJECT, TEST_DATA, BuiltSite, build_site

WEEKDAY = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
CLOCK_WORDS = r"\d{1,2}:\d{2} (am|pm) \S+"
SHAPES = {
    "date": re.compile(rf"^{WEEKDAY} \d{{2}} {MONTH} \d{{4}}$"),
    "moment": re.compile(rf"^{WEEKDAY} \d{{1,2}} {MON} \d{{4}}, {CLOCK_WORDS}$"),
    "clock": re.compile(rf"^{CLOCK_WORDS}$"),
}
# Where each purpose appears: the page's element holding the <time>, and its shapes.
PURPOSES = {
    ".post-meta": ("date",),
    ".archive-list": ("date",),
    ".email-box": ("date",),
    ".email-archive": ("date",),
    "figure.response figcaption": ("date",),
    ".notice": ("date",),
    ".incident-summary": ("moment",),
    ".incident-history": ("moment",),
    ".email-header": ("moment",),
    ".incident-timeline": ("moment", "clock"),
}


def every_time(site: BuiltSite):
    """(page, <time> element) for every <time> on every page of the site."""
    for path in site.pages():
        page = site.html("/" + str(path.relative_to(site.root)))
        for element in page.find_all("time"):
            yield path.relative_to(site.root), element


def shape_of(text: str) -> str | None:
    return next((name for name, shape in SHAPES.items() if shape.match(text)), None)


@pytest.fixture(scope="module")
def email_site(tmp_path_factory) -> BuiltSite:
    """A site with an email linked to a post that was updated after it was sent."""
    root = tmp_path_factory.mktemp("email-site")
    shutil.copytree(TEST_DATA / "emails_linked", root / "content")
    return BuiltSite(build_site(root / "content", root / "output"))


@pytest.mark.parametrize("site_name", ["sample_site", "email_site"])
def test_every_time_on_every_page_is_a_date_a_moment_or_a_clock(site_name, request):
    site = request.getfixturevalue(site_name)
    odd = {
        f"{page}: {element.get_text()}"
        for page, element in every_time(site)
        if shape_of(element.get_text()) is None
    }
    assert not odd


@pytest.mark.parametrize("site_name", ["sample_site", "email_site"])
def test_every_time_carries_its_instant_in_iso_8601(site_name, request):
    site = request.getfixturevalue(site_name)
    for page, element in every_time(site):
        written = element["datetime"]
        if len(written) == 10:  # a day without a time: a quote's date
            date.fromisoformat(written)
        else:
            assert datetime.fromisoformat(written).tzinfo is not None, (page, written)


@pytest.mark.parametrize(
    ("site_name", "shown"),
    [
        ("sample_site", {".email-header", ".incident-summary", ".incident-timeline"}),
        ("email_site", {".email-box", ".email-archive", ".notice", ".post-meta"}),
    ],
)
def test_each_purpose_shows_its_times_in_one_shape_on_every_page(site_name, shown, request):
    site = request.getfixturevalue(site_name)
    seen: dict[str, set] = {purpose: set() for purpose in PURPOSES}
    for path in site.pages():
        page = site.html("/" + str(path.relative_to(site.root)))
        for purpose in PURPOSES:
            for holder in page.select(purpose):
                seen[purpose].update(shape_of(t.get_text()) for t in holder.find_all("time"))
    for purpose, shapes in seen.items():
        assert shapes <= set(PURPOSES[purpose]), (purpose, shapes)
    assert {purpose for purpose, shapes in seen.items() if shapes} >= shown


def test_an_email_is_sent_at_a_moment_shown_like_an_incident_time(sample_site):
    header = sample_site.html("/emails/apology-duplicate-emails/").select_one(".email-header time")
    assert header.get_text() == "Mon 1 Dec 2025, 9:15 am UTC-05:00"
    summary = sample_site.html("/incidents/").select_one(".incident-history time")
    assert shape_of(summary.get_text()) == shape_of(header.get_text()) == "moment"


def test_the_templates_format_no_time_and_name_no_kind():
    formatting = re.compile(r"isoformat\(|strftime|\.format\(|locale_date|locale_modified")
    slugs = re.compile("|".join(rf"[\"']{re.escape(slug)}[\"']" for slug in KINDS))
    for template in (PROJECT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not formatting.search(text), template
        assert not slugs.search(text), template


def test_a_kind_gets_its_own_partials_by_adding_files_without_changing_a_template(
    tmp_path, build_test_data
):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    (theme / "templates" / "partials" / "kind" / "thank-you.html").write_text(
        '<p class="thanks-extra">A note from the team.</p>\n'
    )
    summary = theme / "templates" / "partials" / "summary"
    summary.mkdir()
    (summary / "thank-you.html").write_text(
        '<article class="thanks-summary"><a href="{{ SITEURL }}/{{ post.url }}">'
        "{{ post.title }}</a></article>\n"
    )
    site = build_test_data("kinds_all_three", THEME=str(theme))

    pages = {site.html("/" + str(p.relative_to(site.root))) for p in site.pages()}
    posts = {page.find("h1").get_text(): page for page in pages if page.select_one("article.post")}
    assert posts["Thanks, everyone"].select_one("p.thanks-extra")
    assert not posts["The outage on Tuesday"].select_one("p.thanks-extra")
    assert posts["The outage on Tuesday"].select_one(".incident-summary")
    latest = site.html("/")
    assert [a.get_text() for a in latest.select(".thanks-summary a")] == ["Thanks, everyone"]
    assert len(latest.select("article.post-summary")) == 2  # the incident and the responses
