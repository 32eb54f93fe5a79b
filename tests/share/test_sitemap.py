"""sitemap.xml and robots.txt: every published page, dated by its content, nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import BuiltSite

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://127.0.0.1:8000"


def sitemap(site: BuiltSite) -> dict[str, str | None]:
    root = ET.fromstring(site.path("/sitemap.xml").read_bytes())
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"{loc} twice"
        entries[loc] = url.findtext("s:lastmod", namespaces=NS)
    return entries


def address(site: BuiltSite, page) -> str:
    return "/" + page.relative_to(site.root).as_posix().removesuffix("index.html")


def test_every_address_in_the_sitemap_is_a_page_of_the_build(sample_site):
    for loc in sitemap(sample_site):
        assert loc.startswith(BASE + "/")
        assert sample_site.path(loc.removeprefix(BASE)).is_file(), loc


def test_every_published_page_of_the_build_is_in_the_sitemap(sample_site):
    listed = sitemap(sample_site)
    # Not pages of their own: the 404 page and email previews (development only).
    missing = [
        address(sample_site, page)
        for page in sample_site.pages()
        if BASE + address(sample_site, page) not in listed
        and page.name != "404.html"
        and "/preview/" not in address(sample_site, page)
    ]
    assert missing == []
    for path in (
        "/",
        "/posts/what-you-told-us/",
        "/emails/apology-duplicate-emails/",
        "/kinds/incident/",
        "/status/",
        "/responses/",
        "/about/",
        "/feeds/",
    ):
        assert BASE + path in listed, path


def test_a_posts_lastmod_is_when_its_content_last_changed(sample_site):
    listed = sitemap(sample_site)
    # The incident's last timeline entry, in the post's own offset: not its Date.
    incident = listed[BASE + "/posts/duplicate-emails-november-2025/"]
    assert incident > "2025-12-01"
    assert listed[BASE + "/"] == max(v for v in listed.values() if v)
    assert listed[BASE + "/posts/thank-you-for-a-year-of-meetings/"].startswith("2025-11-26T")


def test_two_builds_of_the_same_content_write_the_same_sitemap(build_test_data):
    first = build_test_data("share_site")
    second = build_test_data("share_site")
    assert first.path("/sitemap.xml").read_bytes() == second.path("/sitemap.xml").read_bytes()


def test_drafts_are_never_in_the_sitemap(build_test_data):
    site = build_test_data("share_site")
    listed = sitemap(site)
    assert BASE + "/posts/thanks-beta/" in listed
    assert not any("draft" in loc for loc in listed)


def test_robots_txt_names_the_sitemap(sample_site):
    robots = sample_site.text("/robots.txt")
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots.splitlines()
