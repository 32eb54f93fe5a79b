"""Malformed and unusual input: each case builds with escaped output, or stops with a
message naming the file, the field or line, and what to do; never a traceback.

`CASES` is the corpus: the folders of tests/test_data/bad_input/ and a few files
written here (bytes that are not UTF-8, a byte-order mark, an empty file, a 5 MB
post). Each case says what the build prints. A case that `stops` stops every build;
the others build with `make html`, print their problems, and stop `make publish`.
A few cases run through `python -m candor build` as an author runs it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from candor.build.problems import BuildStopped
from conftest import PROJECT, TEST_DATA, BuiltSite, build_site

BAD_INPUT = TEST_DATA / "bad_input"
ATOM = "{http://www.w3.org/2005/Atom}"
DATE_HOW = "write it as 2025-11-26 10:00, or with an offset: 2025-11-26 10:00 -05:00"
ZONE_HOW = 'as in "2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"'
KINDS = "thank-you, incident, responses, maintenance"
SLUG_HOW = "write a plain slug of letters, digits and hyphens, like what-you-told-us"
JS_HOW = (
    "would run code in the reader's browser and was removed; "
    "link to an http:// or https:// address instead"
)


def post(title: str = "Hello", body: str = "Body.", extra: str = "") -> str:
    return f"Title: {title}\nDate: 2025-10-01 10:00\nKind: thank-you\n{extra}\n{body}\n"


def huge_post() -> bytes:
    paragraph = "We are sorry about Friday, and here is why it happened. " * 12 + "\n\n"
    count = 5_000_000 // len(paragraph) + 1
    tail = "The end, with a bad [link](javascript:alert(1)).\n"
    return (post("A very long post", paragraph * count) + tail).encode()


HUGE_POST = huge_post()
NEWLINE = b"\n"  # the bad link is on the last line


@dataclass(frozen=True)
class Case:
    name: str
    messages: tuple[str, ...]  # every problem the build prints, exactly
    stops: bool = False  # stops every build (make html too), not only make publish
    files: dict[str, bytes] = field(default_factory=dict)  # written here, not a folder

    def __str__(self) -> str:
        return self.name


CASES = [
    Case(
        "post_without_kind",
        (f"content/posts/p.md: Kind: missing; every post needs one of: {KINDS}",),
        stops=True,
    ),
    Case(
        "unknown_kind",
        (f'content/posts/p.md: Kind: "announcement" is not a post kind; use one of: {KINDS}',),
        stops=True,
    ),
    Case(
        "missing_title",
        (
            "content/posts/p.md: Title: is missing; "
            "add a line like Title: Thank you for a year of meetings",
        ),
        stops=True,
    ),
    Case(
        "missing_date",
        (
            "content/posts/p.md: Date: is missing; "
            "add when it was published, like Date: 2025-11-26 10:00",
        ),
        stops=True,
    ),
    Case(
        "unparseable_date",
        (f'content/posts/p.md: Date: "next tuesday" is not a date; {DATE_HOW}',),
        stops=True,
    ),
    Case(
        "repeated_title",
        ("content/posts/p.md: Title: is given 2 times (lines 1, 4); keep exactly one",),
    ),
    Case(
        "repeated_date",
        ("content/posts/p.md: Date: is given 2 times (lines 2, 3); keep exactly one",),
    ),
    Case(
        "unknown_status",
        (
            'content/posts/p.md: Status: "publshed" is not a status; '
            "use one of: published, hidden, draft, or leave it out",
        ),
        stops=True,
    ),
    Case(
        "empty_file",
        ("content/posts/p.md: the file is empty; write the post in it, or delete it",),
        stops=True,
        files={"posts/p.md": b""},
    ),
    Case(
        "bytes_that_are_not_utf8",
        (
            "content/posts/p.md: line 6: byte 0xe9 is not UTF-8 text; save the file as UTF-8 "
            "(in most editors: Save As, Encoding: UTF-8)",
        ),
        stops=True,
        # Saved as Latin-1 by an old editor: "é" is one byte that UTF-8 cannot start with.
        files={"posts/p.md": post(body="Fine.\nCafé au lait.").encode("latin-1")},
    ),
    Case(
        "byte_order_mark",
        (),
        files={"posts/p.md": b"\xef\xbb\xbf" + post("Hello with a BOM").encode()},
    ),
    Case(
        "post_of_five_megabytes",
        (
            f"content/posts/p.md: line {HUGE_POST.count(NEWLINE)}: "
            f'the link to "javascript:alert(1)" {JS_HOW}',
        ),
        files={"posts/p.md": HUGE_POST},
    ),
    Case(
        "two_posts_one_slug",
        (
            'content/posts/first.md: Slug: "thanks" is also the address of content/posts/second.md '
            "(posts/thanks/index.html); give one of them another Slug",
            'content/posts/second.md: Slug: "thanks" is also the address of content/posts/first.md '
            "(posts/thanks/index.html); give one of them another Slug",
        ),
        stops=True,
    ),
    Case(
        "two_emails_one_slug",
        (
            'content/emails/first.md: Slug: "hello" is also the address of '
            "content/emails/second.md (emails/hello/index.html); give one of them another Slug",
            'content/emails/second.md: Slug: "hello" is also the address of '
            "content/emails/first.md (emails/hello/index.html); give one of them another Slug",
        ),
        stops=True,
    ),
    Case("post_and_email_one_slug", ()),
    Case(
        "email_names_draft_post",
        (
            'content/emails/e.md: Post: names "not-yet", which is still a draft post; '
            "publish the post or remove the Post field",
        ),
    ),
    Case(
        "email_repeated_subject",
        ("content/emails/e.md: Subject: is given 2 times (lines 1, 2); keep exactly one",),
    ),
    Case(
        "email_sent_without_zone",
        (f'content/emails/e.md: Sent: "2025-10-02 09:30" has no time zone; add one, {ZONE_HOW}',),
    ),
    Case(
        "email_unparseable_sent",
        (
            'content/emails/e.md: Sent: "last Friday" is not a date and time; write it as '
            '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"',
        ),
    ),
    Case(
        "incident_time_without_zone",
        (f'content/posts/p.md: Started: "2025-10-01 09:00" has no time zone; add one, {ZONE_HOW}',),
    ),
    Case(
        "incident_affected_not_a_count",
        (
            'content/posts/p.md: Affected: "lots of people" is not a count; write a number such '
            'as 1000, or 1000+ for "more than 1000", then who if you like: 1000+ customers',
        ),
    ),
    Case(
        "slug_leaves_its_folder",
        (
            'content/posts/p.md: Slug: "../about" points outside the folder it belongs in; '
            + SLUG_HOW,
        ),
        stops=True,
    ),
    Case(
        "save_as_leaves_the_site",
        (
            'content/posts/p.md: Save_as: "../../outside.html" points outside the folder it '
            "belongs in; write a path inside the site without .., "
            "like posts/what-you-told-us/index.html",
        ),
        stops=True,
    ),
    Case(
        "email_slug_leaves_its_folder",
        (
            'content/emails/e.md: Slug: "../../../outside" points outside the folder it belongs '
            f"in; {SLUG_HOW}",
        ),
        stops=True,
    ),
    Case(
        "post_over_a_site_page",
        (
            "content/posts/p.md: Save_as: is written to index.html, where the index page goes "
            "(INDEX_SAVE_AS); choose another Save_as",
        ),
        stops=True,
    ),
    Case(
        "javascript_link",
        (
            f'content/posts/p.md: line 4: the link to "JavaScript:alert(" {JS_HOW}',
            f'content/posts/p.md: line 8: the link to "javascript:alert(1)" {JS_HOW}',
            f'content/posts/p.md: line 9: the link to "jav&#x09;ascript:alert(2)" {JS_HOW}',
        ),
    ),
    Case(
        "response_not_closed",
        ("content/posts/p.md: line 7: the response is not closed: end it with a `:::` line",),
    ),
    Case(
        "response_unknown_field",
        (
            'content/posts/p.md: line 7: "mood" is not a response field; use: channel, consent, '
            "date, language, name, outcome, reply-id, source, status, translation-language",
        ),
    ),
    Case(
        # Another reader than Markdown's: Pelican's own "Could not process", made a problem.
        "html_post_with_a_bad_date",
        ("content/posts/p.html: Pelican could not read it; run again with DEBUG=1 to see why",),
        stops=True,
    ),
    Case("markup_in_every_field", ()),
    Case("emoji_and_right_to_left", ()),
]


def write_case(case: Case, content: Path) -> None:
    if case.files:
        for relative, data in case.files.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_bytes(data)
    else:
        shutil.copytree(BAD_INPUT / case.name, content)


def build_case(case: Case, root: Path, caplog, **settings) -> tuple[BuiltSite | None, list[str]]:
    """Build the case; return the site (None when stopped) and every problem printed."""
    content = root / "content"
    if not content.exists():
        write_case(case, content)
    caplog.clear()
    try:
        with caplog.at_level(logging.ERROR, logger="candor"):
            site = BuiltSite(build_site(content, root / f"output-{len(settings)}", **settings))
    except BuildStopped as stopped:
        return None, sorted(str(problem) for problem in stopped.problems)
    return site, sorted(r.getMessage() for r in caplog.records if r.name == "candor")


def test_the_corpus_has_at_least_25_cases_and_each_folder_is_in_it():
    assert len(CASES) >= 25
    folders = {path.name for path in BAD_INPUT.iterdir()}
    assert folders <= {case.name for case in CASES}


@pytest.mark.parametrize("case", [c for c in CASES if c.name != "post_of_five_megabytes"], ids=str)
def test_each_case_builds_or_stops_with_exactly_its_messages(case, tmp_path, caplog):
    site, printed = build_case(case, tmp_path, caplog)
    assert printed == sorted(case.messages)
    assert (site is None) == case.stops
    if case.messages and not case.stops:
        # What `make html` prints, `make publish` stops on.
        strict, printed = build_case(case, tmp_path, caplog, CANDOR_STRICT=True)
        assert strict is None
        assert printed == sorted(case.messages)


CASE = {case.name: case for case in CASES}


@pytest.fixture
def built(tmp_path, caplog):
    def build(name: str, **settings) -> BuiltSite:
        site, _ = build_case(CASE[name], tmp_path, caplog, **settings)
        assert site is not None
        return site

    return build


def test_a_post_of_five_megabytes_builds_whole_and_its_bad_link_is_found(built, caplog):
    site = built("post_of_five_megabytes")
    printed = [r.getMessage() for r in caplog.records if r.name == "candor"]
    assert printed == list(CASE["post_of_five_megabytes"].messages)
    page = site.text("/posts/a-very-long-post/")
    assert len(page) > 5_000_000
    assert "The end, with a bad" in page and "javascript:" not in page


def test_a_byte_order_mark_is_not_part_of_the_title(built):
    site = built("byte_order_mark")
    assert site.html("/posts/hello-with-a-bom/").h1.get_text() == "Hello with a BOM"
    titles = [e.findtext(f"{ATOM}title") for e in atom_entries(site, "all")]
    assert titles == ["Hello with a BOM"]


def test_the_first_of_two_titles_is_kept(built):
    assert built("repeated_title").html("/posts/the-first-title/").h1.get_text() == (
        "The first title"
    )


def test_a_post_and_an_email_may_share_a_slug_and_still_link_to_each_other(built):
    site = built("post_and_email_one_slug")
    post, email = site.html("/posts/outage/"), site.html("/emails/outage/")
    assert post.find("a", href="/emails/outage/") is not None
    assert email.find("a", href="/posts/outage/") is not None
    assert site.exists("/emails/outage.eml")


def test_an_email_naming_a_draft_post_publishes_without_a_link_to_it(built):
    site = built("email_names_draft_post")
    assert not site.exists("/posts/not-yet/")
    assert "not-yet" not in site.text("/emails/e/")


def test_no_javascript_link_survives_in_pages_or_feeds(built):
    site = built("javascript_link", SITEURL="https://example.org")
    page = site.html("/posts/click-here/")
    assert [a.get_text() for a in page.select("article a:not([href])")] == ["link", "another"]
    assert page.find("a", href="https://example.com/") is not None
    for url in ("/posts/click-here/", "/", "/feeds/all.atom.xml", "/feeds/all.rss.xml"):
        assert "script:" not in site.text(url).lower().replace("&#x09;", ""), url
    item = json.loads(site.text("/feeds/all.json"))["items"][0]
    assert "script:" not in item["content_html"].lower()


def atom_entries(site: BuiltSite, name: str) -> list[ET.Element]:
    return ET.parse(site.path(f"/feeds/{name}.atom.xml")).getroot().findall(f"{ATOM}entry")


def live_tags(markup: str) -> list[str]:
    soup = BeautifulSoup(markup, "html.parser")
    return [tag.name for tag in soup.find_all(["script", "img", "b", "i"])]


TITLE = "<script>alert('title')</script> & \"quotes\""
SUBJECT = "<script>alert('subject')</script> & more"


def test_markup_in_titles_summaries_and_names_is_text_in_every_feed(built):
    site = built("markup_in_every_field", SITEURL="https://example.org")
    (post,) = atom_entries(site, "all")
    assert post.findtext(f"{ATOM}title") == TITLE
    assert post.findtext(f"{ATOM}author/{ATOM}name") == "<img src=x onerror=alert('author')>"
    summary = post.findtext(f"{ATOM}summary")
    assert live_tags(summary) == []
    assert "<script>alert('summary')</script>" in BeautifulSoup(summary, "html.parser").text
    (email,) = atom_entries(site, "emails")
    assert email.findtext(f"{ATOM}title") == SUBJECT
    assert email.findtext(f"{ATOM}author/{ATOM}name") == "<b>Sam</b>"

    rss = ET.parse(site.path("/feeds/all.rss.xml")).getroot().find("channel/item")
    assert rss.findtext("title") == TITLE
    assert live_tags(rss.findtext("description")) == []
    for feed in ("all", "emails"):
        for item in json.loads(site.text(f"/feeds/{feed}.json"))["items"]:
            assert item["title"] in (TITLE, SUBJECT)  # plain text, by the JSON Feed spec
            assert live_tags(item["content_html"]) == []
    # The summary is HTML the plugin makes: its markup is shown, not run.
    index = site.html("/")
    assert index.select(".summary script") == []
    assert "<script>alert('summary')</script>" in index.select_one(".summary").get_text()


def test_markup_in_a_subject_and_titles_is_text_in_the_eml(built):
    site = built("markup_in_every_field", SITEURL="https://example.org")
    message = message_from_bytes(site.path("/emails/e.eml").read_bytes(), policy=default_policy)
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses[0].display_name == "<b>Sam</b>"
    html = message.get_body(("html",)).get_content()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert soup.title.get_text() == SUBJECT
    assert soup.find("a", href="https://example.org/posts/markup/").get_text() == TITLE
    assert "Tandem Rooms" in soup.select_one(".footer").get_text()


def test_emoji_and_right_to_left_text_simply_work(built):
    site = built("emoji_and_right_to_left")
    page = site.html("/posts/شكرا-🎉/")
    assert page.h1.get_text() == "شكراً لكم 🎉 Thank you"
    assert page.select_one("blockquote[lang=ar]").get_text(strip=True) == "شكراً على الصراحة 💙"
    assert "ليلى 🌙" in page.select_one("figcaption").get_text()
    assert site.html("/emails/e/").find("a", href="/posts/شكرا-🎉/") is not None
    message = message_from_bytes(site.path("/emails/e.eml").read_bytes(), policy=default_policy)
    assert message["Subject"] == "شكراً 🎉"
    assert message["From"].addresses[0].display_name == "فريق الدعم"
    assert atom_entries(site, "all")[0].findtext(f"{ATOM}title") == "شكراً لكم 🎉 Thank you"


# Through the command an author runs: one line per problem, never a traceback.


def candor_build(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT / "plugins"))
    command = [sys.executable, "-m", "candor", "build", *args]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, env=env)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["bytes_that_are_not_utf8", "two_posts_one_slug", "javascript_link"], ids=str
)
def test_the_build_command_prints_each_problem_on_a_line_of_its_own(name, tmp_path):
    case = CASE[name]
    write_case(case, tmp_path / "content")
    result = candor_build("-i", str(tmp_path / "content"), "-o", str(tmp_path / "out"))
    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if case.stops else 0)
    lines = result.stderr.splitlines()
    for message in case.messages:
        assert (f"  {message}" if case.stops else f"ERROR: {message}") in lines


# Each: a line appended to settings that import the project's, and what the build says.
SETTINGS_CASES = {
    "a_syntax_error": ("SITENAME = (\n", "line 6: '(' was never closed; fix the Python in {file}"),
    "strict_as_text": (
        'CANDOR_STRICT = "yes"\n',
        "CANDOR_STRICT: is 'yes', not True or False; write CANDOR_STRICT = True or False",
    ),
    "a_missing_theme": (
        'THEME = "no-such-theme"\n',
        'THEME: there is no theme "no-such-theme"; set THEME to its folder, like "theme"',
    ),
    "an_unknown_time_zone": (
        'TIMEZONE = "Mars/Olympus"\n',
        "TIMEZONE: 'Mars/Olympus' is not a time zone; use a name like America/New_York",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", SETTINGS_CASES, ids=str)
def test_a_broken_settings_file_is_one_line_naming_the_setting(name, tmp_path):
    line, expected = SETTINGS_CASES[name]
    settings = tmp_path / "settings.py"  # not pelicanconf.py: it imports that one
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(PROJECT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(PROJECT / 'theme')!r}\nPLUGIN_PATHS = [{str(PROJECT / 'plugins')!r}]\n"
        + line
    )
    content = TEST_DATA / "kinds_all_three"
    result = candor_build("-s", str(settings), "-i", str(content), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{settings}: " + expected.format(file=settings)
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_content_folder_that_does_not_exist_is_named(tmp_path):
    result = candor_build("-i", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "pelicanconf.py: PATH: the content folder does not exist; check PATH or -i"
    )


@pytest.mark.slow
def test_a_plain_pelican_call_that_stops_prints_the_problems_without_a_traceback(tmp_path):
    # A site that adopted the plugin builds with `pelican content`, not Candor's command:
    # Pelican logs any exception that ends a build with its traceback.
    shutil.copytree(TEST_DATA / "note_not_closed", tmp_path / "content")
    (tmp_path / "conf.py").write_text(
        f'SITENAME = "Plain"\nTIMEZONE = "UTC"\nPLUGIN_PATHS = [{str(PROJECT / "plugins")!r}]\n'
        'PLUGINS = ["candor"]\n'
    )
    command = [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", "out"]
    env = {**os.environ, "COLUMNS": "1000"}  # log lines unwrapped, to be read whole
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Build stopped: 1 problem to fix." in said
    assert "content/posts/p.md: line 7: the author note <!-- is not closed" in said
    assert "Traceback" not in said
    assert "phases.py" not in said
