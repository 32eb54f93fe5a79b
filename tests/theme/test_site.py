"""The sample site, built with Pelican's own API: what a reader sees."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from candor.kinds.post_kinds import KINDS
from conftest import PROJECT

# What a stylesheet loads: url(...) in any rule, and @import "..." without url().
CSS_ADDRESS = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
SAMPLE_POSTS = sorted((PROJECT / "content" / "posts").glob("*.md"))


def metadata(path: Path) -> dict[str, str]:
    """The header of a Markdown post, read the simple way Pelican's reader does."""
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields


def test_the_sample_content_has_a_post_of_every_kind():
    kinds = {metadata(post)["kind"] for post in SAMPLE_POSTS}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("post", SAMPLE_POSTS, ids=lambda p: p.stem)
def test_every_sample_post_has_a_page_with_its_title_and_kind(sample_site, post):
    fields = metadata(post)
    page = sample_site.html(f"/posts/{fields['slug']}/")
    assert page.find("h1").get_text(strip=True) == fields["title"]
    badge = page.select_one("article .kind")
    assert badge is not None
    assert badge.get_text(strip=True) == KINDS[fields["kind"]].label
    assert f"{fields['title']} · " in page.title.get_text()


def test_the_index_lists_every_sample_post_newest_first(sample_site):
    index = sample_site.html("/")
    listed = [a.get_text(strip=True) for a in index.select("article.post-summary h2 a")]
    expected = sorted(SAMPLE_POSTS, key=lambda p: metadata(p)["date"], reverse=True)
    assert listed == [metadata(p)["title"] for p in expected]
    kinds = [b.get_text(strip=True) for b in index.select("article.post-summary .kind")]
    assert kinds == [KINDS[metadata(p)["kind"]].label for p in expected]


def test_the_apology_email_is_not_published_as_a_post(sample_site):
    index_text = sample_site.html("/").get_text()
    assert "Sorry for the pile of emails" not in index_text
    post_pages = [p for p in sample_site.files() if "posts" in p.parts]
    assert len(post_pages) == len(SAMPLE_POSTS)


def test_the_about_page_and_404_page_are_built(sample_site):
    assert sample_site.html("/about/").find("h1").get_text(strip=True) == "About these notes"
    not_found = sample_site.html("/404.html")
    assert not_found.find("h1").get_text(strip=True) == "Page not found"


def test_every_page_has_one_main_landmark_and_a_skip_link(sample_site):
    for page in sample_site.pages():
        html = sample_site.html(str(page.relative_to(sample_site.root)))
        assert len(html.find_all("main")) == 1, page
        skip = html.select_one("a.skip-link")
        assert skip is not None and skip["href"] == "#content", page
        assert html.html.get("lang"), page


def test_no_page_loads_anything_from_another_host(sample_site):
    for page in sample_site.files():
        if page.suffix != ".html":
            continue
        html = sample_site.html(str(page.relative_to(sample_site.root)))
        for tag in html.find_all(["script", "link", "img", "iframe", "source", "video"]):
            address = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            # A feed's and the canonical address are named, never loaded by the page.
            if address and tag.get("rel") not in (["alternate"], ["canonical"]):
                assert not urlparse(address).netloc, f"{page}: {tag}"


def test_no_stylesheet_loads_anything_from_another_host(sample_site):
    stylesheets = [path for path in sample_site.files() if path.suffix == ".css"]
    assert stylesheets, "the theme's stylesheet is in the site"
    for stylesheet in stylesheets:
        css = stylesheet.read_text(encoding="utf-8")
        for found in CSS_ADDRESS.finditer(css):
            address = found[1] or found[2]
            assert not urlparse(address).netloc, f"{stylesheet}: {address}"
