"""Absolute addresses for feeds and emails: the same as the standard library's urljoin."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from candor.text.urls import absolute_links, absolute_url

BASE = "https://news.example/blog"
# Site addresses as settings may give them, odd ones too.
bases = st.sampled_from(
    [BASE, "https://news.example", "http://127.0.0.1:8000/", "https://news.example//blog",
     "https://news.example/a/./b", "https://news.example/?q=1", "https://news.example/#top"]
)  # fmt: skip
pieces = st.sampled_from(["posts", "a b", "x.eml", ".", "..", "", "?q=1", "#top", ":", ";p", "é"])
paths = st.lists(pieces, max_size=5).map("/".join) | st.text(max_size=12)


def urljoin_or_as_written(base: str, url: str) -> str:
    try:
        return urljoin(base.rstrip("/") + "/", url)
    except ValueError:
        return url


@given(bases, paths, st.sampled_from(["", "/", "https:", "//", "./", "../", " "]))
@example(BASE, "posts/slug/", "")
@example(BASE, "posts//twice", "")
@example(BASE, "../up/", "")
@example(BASE, "https:same-scheme", "")
@example(BASE, "MAILTO:a@b.example", "")
@example("https://news.example//blog", "posts/slug/", "")
def test_an_address_is_made_absolute_as_urljoin_would(base, path, start):
    url = start + path
    assert absolute_url(base, url) == urljoin_or_as_written(base, url)


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
