"""What a link to any page shows when shared, and what search engines read in its head:
the canonical address, Open Graph, the Twitter card and JSON-LD, on every page."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import TEST_DATA, BuiltSite, build_site

BASE = "http://127.0.0.1:8000"  # CANDOR_DEV_SITEURL: where a development build points
SITEURL = "https://notes.example.org"


def meta(html, name: str) -> str | None:
    tag = html.head.find("meta", attrs={"property": name}) or html.head.find(
        "meta", attrs={"name": name}
    )
    return tag["content"] if tag else None


def json_ld(html) -> dict:
    scripts = html.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def address(site: BuiltSite, page) -> str:
    path = "/" + page.relative_to(site.root).as_posix()
    return path.removesuffix("index.html")


def test_every_page_names_its_canonical_address_and_what_a_share_shows(sample_site):
    found = []
    for page in sample_site.pages():
        html = sample_site.html(address(sample_site, page))
        # An email's preview (development only) is the same email: its address is canonical.
        expected = BASE + address(sample_site, page).removesuffix("preview/")
        canonical = [link["href"] for link in html.head.find_all("link", rel="canonical")]
        if canonical != [expected]:
            found.append(f"{page}: canonical {canonical}")
        for name in ("og:title", "og:description", "og:type", "og:site_name"):
            if not meta(html, name):
                found.append(f"{page}: no {name}")
        if meta(html, "og:url") != expected:
            found.append(f"{page}: og:url {meta(html, 'og:url')}")
        if meta(html, "twitter:card") != "summary":
            found.append(f"{page}: twitter:card {meta(html, 'twitter:card')}")
        data = json_ld(html)
        if data["@context"] != "https://schema.org" or not data.get("@type"):
            found.append(f"{page}: JSON-LD {data}")
        if data.get("url") != expected:
            found.append(f"{page}: JSON-LD url {data.get('url')}")
    assert found == []


def test_a_post_is_a_blog_posting_with_its_dates_author_and_publisher(sample_site):
    html = sample_site.html("/posts/thank-you-for-a-year-of-meetings/")
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Thank you for a year of meetings"
    published = meta(html, "article:published_time")
    assert published.startswith("2025-11-26T")
    data = json_ld(html)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Thank you for a year of meetings"
    assert data["datePublished"] == published
    assert data["dateModified"] == meta(html, "article:modified_time")
    assert data["author"] == {"@type": "Person", "name": "Priya Raman"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["mainEntityOfPage"] == data["url"]
    assert data["description"] == meta(html, "og:description")


def test_an_incident_is_a_report_about_the_systems_it_affected(sample_site):
    html = sample_site.html("/posts/duplicate-emails-november-2025/")
    data = json_ld(html)
    assert data["@type"] == "Report"
    assert {"@type": "Service", "name": "Customer email"} in data["about"]
    assert data["dateModified"] >= data["datePublished"]
    assert meta(html, "og:type") == "article"


def test_an_email_web_version_is_an_email_message_with_its_sender_and_sending_time(sample_site):
    html = sample_site.html("/emails/apology-duplicate-emails/")
    data = json_ld(html)
    assert data["@type"] == "EmailMessage"
    assert data["dateSent"] == meta(html, "article:published_time")
    assert data["sender"]["name"]
    assert data["about"]["@type"] == "Report"
    assert meta(html, "og:type") == "article"


def test_the_home_page_is_the_website_and_a_list_a_collection(sample_site):
    assert json_ld(sample_site.html("/"))["@type"] == "WebSite"
    assert json_ld(sample_site.html("/tags/"))["@type"] == "CollectionPage"
    assert meta(sample_site.html("/"), "og:type") == "website"


@pytest.fixture(scope="module")
def imaged_site(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("share-image")
    content = folder / "content"
    shutil.copytree(TEST_DATA / "share_site", content)
    return BuiltSite(
        build_site(
            content, folder / "output", SITEURL=SITEURL, CANDOR_SHARE_IMAGE="images/chart.png"
        )
    )


def test_a_site_image_is_shared_with_every_page_and_a_post_image_with_its_post(imaged_site):
    for url in ("/", "/about/", "/feeds/", "/emails/calls-dropped-apology/"):
        html = imaged_site.html(url)
        assert meta(html, "og:image") == f"{SITEURL}/images/chart.png", url
        assert meta(html, "twitter:card") == "summary_large_image", url
    post = imaged_site.html("/posts/thanks-beta/")
    assert meta(post, "og:image") == f"{SITEURL}/images/chart.png"
    assert json_ld(post)["image"] == f"{SITEURL}/images/chart.png"
    assert post.head.find("link", rel="canonical")["href"] == f"{SITEURL}/posts/thanks-beta/"


def test_without_an_image_no_page_claims_one(build_test_data):
    site = build_test_data("feeds_site")
    for url in ("/", "/posts/thanks-beta/"):
        assert meta(site.html(url), "og:image") is None


def test_a_title_that_closes_a_script_stays_inside_the_json_ld(hostile_title_site):
    html = hostile_title_site.html("/posts/hostile/")
    scripts = html.find_all("script")
    assert [s["type"] for s in scripts] == ["application/ld+json"]
    assert json_ld(html)["headline"] == "<script>alert(1)</script>"
    raw = hostile_title_site.text("/posts/hostile/")
    ld = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and ">" not in ld


@pytest.fixture(scope="module")
def hostile_title_site(tmp_path_factory) -> BuiltSite:
    content = tmp_path_factory.mktemp("hostile-share") / "content"
    shutil.copytree(TEST_DATA / "hostile_fields", content)
    return BuiltSite(build_site(content, content.parent / "output"))
