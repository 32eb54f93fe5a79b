"""Permanent addresses misused: renamed twice, renamed back, an old address taken by
another post, a hostile title, relative links, a ledger of the wrong shape."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from candor.build.problems import BuildStopped
from conftest import TEST_DATA, BuiltSite, build_site

SITEURL = "https://notes.example.org"


@pytest.fixture
def published(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "publish_site", content)
    build_site(content, tmp_path / "first", "publishconf.py", SITEURL=SITEURL)
    return content


def rename(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


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
