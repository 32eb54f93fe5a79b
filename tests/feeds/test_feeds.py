"""Feeds that never announce the same news twice: Atom, RSS and JSON Feed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest

from candor.build.problems import BuildStopped
from conftest import PROJECT, build_site

SCHEMA_FILE = PROJECT / "plugins/candor/publish/schemas/jsonfeed-1.1.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text())
HOST = "https://news.example.org"
POSTS = {"thanks-beta", "calls-dropped", "beta-responses"}
FEEDS = {
    # feed path: the slugs (posts) or web addresses (emails) it must hold
    "feeds/all": POSTS,
    "feeds/thank-you": {"thanks-beta"},
    "feeds/incidents": {"calls-dropped"},
    "feeds/responses": {"beta-responses"},
    "feeds/emails": {"calls-dropped-apology"},
}


def parse(site, path: str):
    feed = feedparser.parse(site.path(path).read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def slugs(links) -> set[str]:
    return {link.rstrip("/").rsplit("/", 1)[-1] for link in links}


@pytest.fixture
def site(build_test_data):
    return build_test_data("feeds_site", SITEURL=HOST)


@pytest.mark.parametrize("fmt", [".atom.xml", ".rss.xml"])
def test_every_xml_feed_parses_and_holds_its_entries(site, fmt):
    for path, expected in FEEDS.items():
        feed = parse(site, path + fmt)
        assert slugs(e.link for e in feed.entries) == expected, path
        assert feed.feed.language == "en"


def test_every_json_feed_validates_against_the_json_feed_schema(site):
    for path, expected in FEEDS.items():
        document = json.loads(site.text(path + ".json"))
        jsonschema.validate(document, SCHEMA)
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        assert document["language"] == "en"
        assert slugs(item["url"] for item in document["items"]) == expected, path


def test_categories_and_tags_have_atom_feeds(site):
    assert slugs(e.link for e in parse(site, "feeds/category/community.atom.xml").entries) == {
        "thanks-beta",
        "beta-responses",
    }
    assert slugs(e.link for e in parse(site, "feeds/tag/beta.atom.xml").entries) == {
        "thanks-beta",
        "beta-responses",
    }
    assert slugs(e.link for e in parse(site, "feeds/tag/outage.atom.xml").entries) == {
        "calls-dropped"
    }


def test_drafts_and_emails_never_appear_in_post_feeds(site):
    text = site.text("feeds/all.atom.xml") + site.text("feeds/all.json")
    assert "draft" not in text.lower()
    assert "Sorry about Monday" not in site.text("feeds/all.rss.xml")


def test_entries_carry_full_content_with_absolute_links_and_the_summary(site):
    feed = parse(site, "feeds/all.atom.xml")
    (entry,) = [e for e in feed.entries if e.title == "Thank you, beta testers"]
    content = entry.content[0].value
    assert f'href="{HOST}/posts/calls-dropped/"' in content
    assert f'href="{HOST}/about/"' in content
    assert f'src="{HOST}/images/chart.png"' in content
    assert entry.summary.startswith("<p>Thank you to everyone")
    rss = [e for e in parse(site, "feeds/all.rss.xml").entries if e.title.startswith("Thank")]
    assert f'src="{HOST}/images/chart.png"' in rss[0].description
    item = next(
        i
        for i in json.loads(site.text("feeds/all.json"))["items"]
        if i["url"].endswith("/thanks-beta/")
    )
    assert f'href="{HOST}/about/"' in item["content_html"]
    assert item["summary"].startswith("Thank you to everyone")


def test_a_post_with_an_email_links_to_it_in_atom_and_json(site):
    feed = parse(site, "feeds/all.atom.xml")
    (entry,) = [e for e in feed.entries if "calls-dropped" in e.link]
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == [f"{HOST}/emails/calls-dropped-apology/"]
    assert entry.title == "[Resolved] Video calls dropped on Monday"
    item = next(i for i in json.loads(site.text("feeds/all.json"))["items"] if "calls" in i["url"])
    assert item["_candor"] == {
        "kind": "incident",
        "email": {
            "url": f"{HOST}/emails/calls-dropped-apology/",
            "subject": "Sorry about Monday's dropped calls",
        },
        "incident": {"state": "resolved"},
    }


def test_rss_guids_are_marked_as_not_permalinks(site):
    rss = site.text("feeds/all.rss.xml")
    guids = re.findall(r"<guid([^>]*)>([^<]*)</guid>", rss)
    assert len(guids) == 3
    assert all(attrs == ' isPermaLink="false"' and gid.startswith("tag:") for attrs, gid in guids)


def test_every_feed_has_its_own_id(site):
    ids = [parse(site, path + ".atom.xml").feed.id for path in FEEDS]
    ids += [parse(site, "feeds/tag/beta.atom.xml").feed.id]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("tag:") for i in ids)


def test_updated_moves_only_with_modified(site):
    feed = parse(site, "feeds/all.atom.xml")
    by_slug = {slugs([e.link]).pop(): e for e in feed.entries}
    assert by_slug["beta-responses"].updated == "2025-10-12T09:00:00-04:00"
    assert by_slug["thanks-beta"].updated == by_slug["thanks-beta"].published


def test_feed_max_items_is_respected(build_test_data):
    site = build_test_data("feeds_site", SITEURL=HOST, FEED_MAX_ITEMS=2)
    assert len(parse(site, "feeds/all.atom.xml").entries) == 2
    assert len(json.loads(site.text("feeds/all.json"))["items"]) == 2


def test_every_page_announces_the_site_feeds_and_a_post_its_kind_feed(site):
    index_links = site.html("/").select('head link[rel="alternate"]')
    assert {link["href"] for link in index_links} == {
        f"{HOST}/feeds/all.atom.xml",
        f"{HOST}/feeds/all.rss.xml",
        f"{HOST}/feeds/all.json",
    }
    assert {link["type"] for link in index_links} == {
        "application/atom+xml",
        "application/rss+xml",
        "application/feed+json",
    }
    post_links = site.html("/posts/calls-dropped/").select('head link[rel="alternate"]')
    assert f"{HOST}/feeds/incidents.atom.xml" in {link["href"] for link in post_links}


def test_the_feeds_page_lists_every_feed_with_a_sentence(site):
    page = site.html("/feeds/")
    hrefs = {a["href"] for a in page.select("main a")}
    for path in FEEDS:
        for fmt in (".atom.xml", ".rss.xml", ".json"):
            assert f"{HOST}/{path}{fmt}" in hrefs
    assert f"{HOST}/feeds/tag/beta.atom.xml" in hrefs
    assert all(dd.find("p").get_text(strip=True) for dd in page.select("dl.feed-list dd"))


# --- ids that never change -----------------------------------------------------------


def entry_ids(output: Path) -> dict[str, str]:
    """{post or email source title: entry id} over every feed format."""
    ids = {}
    for fmt in (".atom.xml", ".rss.xml"):
        for path in ("feeds/all", "feeds/emails"):
            feed = feedparser.parse((output / (path + fmt)).read_bytes())
            for entry in feed.entries:
                ids.setdefault(entry.id, set()).add(fmt)
    for path in ("feeds/all", "feeds/emails"):
        for item in json.loads((output / (path + ".json")).read_text())["items"]:
            ids.setdefault(item["id"], set()).add(".json")
    return ids


def test_ids_survive_a_new_host_a_new_slug_a_new_title_and_a_new_date(build_test_data, tmp_path):
    first = build_test_data("feeds_site", "publishconf.py", SITEURL=HOST).root
    content = tmp_path / "content"
    before = entry_ids(first)
    assert len(before) == 4 and all(len(f) == 3 for f in before.values())

    other_host = build_site(content, tmp_path / "b", "publishconf.py", SITEURL="https://b.example")
    assert entry_ids(other_host) == before

    post = content / "posts" / "thanks.md"
    text = post.read_text().replace("Slug: thanks-beta", "Slug: thank-you-beta-testers")
    text = text.replace("Title: Thank you, beta testers", "Title: Thanks to our beta testers")
    post.write_text(text.replace("Date: 2025-10-01 10:00", "Date: 2025-10-02 11:00"))
    renamed = build_site(content, tmp_path / "c", "publishconf.py", SITEURL=HOST)
    assert entry_ids(renamed) == before
    assert (renamed / "posts/thank-you-beta-testers/index.html").exists()


def test_two_builds_of_the_same_content_give_byte_identical_feeds(build_test_data):
    one = build_test_data("feeds_site", SITEURL=HOST).root
    two = build_test_data("feeds_site", SITEURL=HOST).root
    feeds = sorted(p.relative_to(one) for p in (one / "feeds").rglob("*") if p.is_file())
    assert len(feeds) > 15
    for path in feeds:
        assert (one / path).read_bytes() == (two / path).read_bytes(), path


def test_an_explicit_uid_is_the_entry_id(build_test_data):
    site = build_test_data("feeds_site", SITEURL=HOST)
    post = site.root.parent / "content" / "posts" / "thanks.md"
    uid = "urn:uuid:6f1c2a4e-8a53-4c3e-9a55-6f0f3f1b2c7d"
    post.write_text(post.read_text().replace("Kind:", f"Uid: {uid}\nKind:"))
    again = build_site(site.root.parent / "content", site.root.parent / "again", SITEURL=HOST)
    assert uid in entry_ids(again)


def test_removing_a_published_post_fails_publish_naming_it_unless_retired(
    build_test_data, tmp_path
):
    build_test_data("feeds_site", "publishconf.py", SITEURL=HOST)
    content = tmp_path / "content"
    (content / "posts" / "responses.md").unlink()
    with pytest.raises(BuildStopped) as stopped:
        build_site(content, tmp_path / "b", "publishconf.py", SITEURL=HOST)
    (problem,) = stopped.value.problems
    assert str(problem).startswith("content/posts/responses.md: Uid:")
    assert '"What beta testers said" was published with id tag:' in str(problem)
    assert "is missing from this build" in str(problem)

    ledger = json.loads((content / "ledger.json").read_text())
    ledger["entries"]["posts/responses.md"]["retired"] = True
    (content / "ledger.json").write_text(json.dumps(ledger))
    build_site(content, tmp_path / "c", "publishconf.py", SITEURL=HOST)


def test_a_uid_that_differs_from_the_published_id_is_refused(build_test_data, tmp_path):
    build_test_data("feeds_site", "publishconf.py", SITEURL=HOST)
    post = tmp_path / "content" / "posts" / "thanks.md"
    post.write_text(post.read_text().replace("Kind:", "Uid: urn:uuid:1234\nKind:"))
    with pytest.raises(BuildStopped) as stopped:
        build_site(tmp_path / "content", tmp_path / "b", "publishconf.py", SITEURL=HOST)
    messages = [str(p) for p in stopped.value.problems]
    assert any(
        m.startswith('content/posts/thanks.md: Uid: "urn:uuid:1234" differs from the id')
        for m in messages
    ), messages


def test_candor_feeds_put_where_a_kept_pelican_feed_goes_stop_the_build_naming_both(
    build_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        build_test_data(
            "feeds_site",
            CANDOR_KEEP_PELICAN_FEEDS=True,
            CANDOR_FEEDS_PATH="feeds",
            FEED_ALL_ATOM="feeds/all.atom.xml",
        )
    assert [str(p) for p in stopped.value.problems] == [
        'settings: FEED_ALL_ATOM: Pelican\'s feed FEED_ALL_ATOM and the atom feed "all" are '
        "both written to feeds/all.atom.xml; change FEED_ALL_ATOM or CANDOR_FEEDS_PATH"
    ]
