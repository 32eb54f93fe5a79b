"""Each speed lever of build/ leaves the built site the same, byte for byte.

Every lever has a setting that turns it off; a site built with all of them off is
the reference. The sample and a test site with shared tags, two categories, two
authors, a translation, a draft, an email and an incident are built both ways.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from candor.build.addresses_once import install
from conftest import PROJECT, build_site

LEVERS = ("CANDOR_ADDRESSES_ONCE", "CANDOR_ONE_TEMPLATE_ENVIRONMENT", "CANDOR_LINEAR_POST_LISTS")
EVERY_LEVER_OFF = dict.fromkeys(LEVERS, False)


def every_file(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_same_sites(with_levers: Path, without: Path) -> None:
    built, reference = every_file(with_levers), every_file(without)
    assert sorted(built) == sorted(reference)
    assert [name for name in reference if built[name] != reference[name]] == []


def test_the_sample_builds_the_same_with_every_lever_off(tmp_path, sample_site):
    without = build_site(PROJECT / "content", tmp_path / "off", **EVERY_LEVER_OFF)
    assert_same_sites(sample_site.root, without)


@pytest.fixture
def group_pages_listing_dates(tmp_path) -> dict:
    """Tag, category and author pages that print their `dates` (the kit's theme does not)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in ("tag", "category", "author"):
        listing = "{% for post in dates %}{{ post.title }} {{ post.lang }}|{% endfor %}"
        (folder / f"{name}.html").write_text(listing + "\n")
    return {"THEME_TEMPLATES_OVERRIDES": [str(folder)]}


@pytest.mark.parametrize("lever", LEVERS)
def test_a_site_with_shared_tags_builds_the_same_with_each_lever_off(
    build_test_data, group_pages_listing_dates, lever
):
    with_levers = build_test_data("speed_levers_site", **group_pages_listing_dates)
    without = build_test_data("speed_levers_site", **group_pages_listing_dates, **{lever: False})
    listed = with_levers.text("/tag/billing/")
    assert listed.startswith("Sign-in links last a day en|Invoices now show each room en|")
    assert_same_sites(with_levers.root, without.root)


def an_article(**settings) -> Article:
    install(settings)
    settings = {
        **DEFAULT_CONFIG,
        "ARTICLE_URL": "posts/{slug}/",
        "ARTICLE_SAVE_AS": "posts/{slug}/index.html",
        "PATH": "/content",
        **settings,
    }
    metadata = {"title": "Invoices", "slug": "invoices"}
    return Article("<p>x</p>", metadata, settings=settings, source_path="/content/posts/i.md")


def test_an_address_looked_up_before_its_slug_changes_follows_the_new_slug():
    article = an_article(CANDOR_ADDRESSES_ONCE=True)
    assert article.url == "posts/invoices/"
    article.slug = "invoices-by-room"
    assert (article.url, article.save_as) == (
        "posts/invoices-by-room/",
        "posts/invoices-by-room/index.html",
    )


def test_an_address_follows_a_status_and_an_override_set_after_it_was_looked_up():
    article = an_article(CANDOR_ADDRESSES_ONCE=True, DRAFT_URL="drafts/{slug}.html")
    assert article.url == "posts/invoices/"
    article.status = "draft"
    assert article.url == "drafts/invoices.html"
    article.override_url = "elsewhere/"
    assert article.url == "elsewhere/"
    del article.override_url
    assert article.url == "drafts/invoices.html"


def test_a_template_edited_between_two_builds_in_one_process_is_used(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    page = theme / "templates" / "page.html"
    first = build_site(PROJECT / "content", tmp_path / "first", THEME=str(theme))
    page.write_text(page.read_text().replace("</article>", "</article><!-- edited -->", 1))
    second = build_site(PROJECT / "content", tmp_path / "second", THEME=str(theme))
    assert "<!-- edited -->" not in (first / "about" / "index.html").read_text()
    assert "<!-- edited -->" in (second / "about" / "index.html").read_text()


def test_translations_found_group_by_group_are_those_pelican_finds():
    from pelican import utils

    from candor.build.membership import process_translations_by_group

    def articles():
        written = [("b", "en"), ("a", "fr"), ("c", "fr"), ("a", "en"), ("d", "en"), ("d", "en")]
        made = []
        for number, (slug, lang) in enumerate(written):
            settings = {**DEFAULT_CONFIG, "CANDOR_LINEAR_POST_LISTS": True}
            metadata = {"title": f"{slug} {number}", "slug": slug, "lang": lang}
            made.append(Article("<p>x</p>", metadata, settings=settings, source_path=f"{number}"))
        return made

    def found(process):
        posts = articles()
        originals, translations = process(posts, "slug")
        titles = [[post.title for post in found] for found in (originals, translations)]
        return titles, {post.title: [t.title for t in post.translations] for post in posts}

    assert found(process_translations_by_group) == found(utils.process_translations)
    assert found(process_translations_by_group)[0][1] == ["a 1"]
