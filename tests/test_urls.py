"""Absolute addresses for feeds and emails: the same as the standard library's urljoin."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from candor.urls import absolute_links, absolute_url

BASE = "https://news.example/blog"
pieces = st.sampled_from(["posts", "a b", "x.eml", ".", "..", "", "?q=1", "#top", ":", ";p", "é"])
paths = st.lists(pieces, max_size=5).map("/".join) | st.text(max_size=12)


def urljoin_or_as_written(url: str) -> str:
    try:
        return urljoin(BASE + "/", url)
    except ValueError:
        return url


@given(paths, st.sampled_from(["", "/", "https:", "//", "./", "../", " "]))
@example("posts/slug/", "")
@example("posts//twice", "")
@example("../up/", "")
@example("https:same-scheme", "")
@example("MAILTO:a@b.example", "")
def test_an_address_is_made_absolute_as_urljoin_would(path, start):
    url = start + path
    assert absolute_url(BASE, url) == urljoin_or_as_written(url)


def test_an_address_urljoin_cannot_read_is_left_as_written():
    assert absolute_links('<a href="//[">x</a>', BASE) == '<a href="//[">x</a>'


@pytest.mark.parametrize(
    ("href", "absolute"),
    [
        ("posts/slug/", "https://news.example/blog/posts/slug/"),
        ("/feeds/all.atom.xml", "https://news.example/feeds/all.atom.xml"),
        ("https://status.example/", "https://status.example/"),
        ("mailto:help@news.example", "mailto:help@news.example"),
        ("#timeline", "https://news.example/blog/#timeline"),
    ],
)
def test_links_in_html_point_at_the_public_site(href, absolute):
    html = f'<p><a href="{href}">a</a> <img src="{href}" alt=""></p>'
    assert (
        absolute_links(html, BASE)
        == f'<p><a href="{absolute}">a</a> <img src="{absolute}" alt=""></p>'
    )
