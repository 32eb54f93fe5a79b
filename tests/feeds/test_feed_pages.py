"""Feeds a person can read: a stylesheet in every Atom and RSS feed, the OPML of every
feed, the /feeds/ page that explains them, and the follow-by-email form."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from candor.build.problems import BuildStopped
from conftest import BuiltSite

BASE = "http://127.0.0.1:8000"
SIGNUP = "https://mail.example.net/lists/notes/subscribe"


def xml_feeds(site: BuiltSite):
    return sorted(site.root.glob("feeds/**/*.atom.xml")) + sorted(
        site.root.glob("feeds/**/*.rss.xml")
    )


def test_every_atom_and_rss_feed_names_its_stylesheet(sample_site):
    feeds = xml_feeds(sample_site)
    assert len(feeds) > 10
    for feed in feeds:
        head = feed.read_text("utf-8")[:300]
        found = re.search(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', head)
        assert found, feed
        assert sample_site.path(found.group(1).removeprefix(BASE)).is_file()
    ET.fromstring(feeds[0].read_bytes())  # still well-formed XML


def test_the_stylesheet_is_xslt_with_no_script_and_the_sites_policy(sample_site):
    xsl = sample_site.text("/feeds/feed.xsl")
    root = ET.fromstring(xsl)
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    assert "<script" not in xsl
    for element in root.iter():
        assert not [a for a in element.attrib if a == "style" or a.startswith("on")], element
    assert "Content-Security-Policy" in xsl
    assert "http://" not in xsl.replace("http://www.w3.org/", "")


def test_the_opml_lists_every_feed_once(sample_site):
    opml = ET.fromstring(sample_site.path("/feeds/feeds.opml").read_bytes())
    assert opml.get("version") == "2.0"
    urls = [o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")]
    atom = [
        BASE + "/" + f.relative_to(sample_site.root).as_posix()
        for f in sorted(sample_site.root.glob("feeds/**/*.atom.xml"))
    ]
    assert sorted(urls) == sorted(atom)  # every feed of the plan has Atom: one each
    assert all(o.get("text") and o.get("type") == "rss" for o in opml.iter("outline"))


def test_the_feeds_page_links_the_opml_and_says_what_a_feed_is(sample_site):
    page = sample_site.html("/feeds/")
    assert page.find("a", href="/feeds/feeds.opml")
    text = page.find("main").get_text(" ", strip=True)
    assert "feed reader" in text and "OPML" in text


def test_without_a_signup_address_no_page_has_a_form(sample_site):
    for page in sample_site.pages():
        assert "<form" not in page.read_text("utf-8"), page


def test_with_a_signup_address_the_feeds_page_offers_to_follow_by_email(build_test_data):
    site = build_test_data("share_site", CANDOR_SUBSCRIBE_URL=SIGNUP)
    page = site.html("/feeds/")
    form = page.find("form")
    assert form["method"] == "post" and form["action"] == SIGNUP
    assert form.find("input", type="email")["name"] == "email"
    assert page.find("script", src=True) is None
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "form-action 'self' https://mail.example.net;" in policy + ";"
    assert site.html("/").find("form") is None  # the home page is the face's business


def test_a_signup_address_that_is_not_a_web_address_stops_the_build_naming_the_setting(
    build_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        build_test_data("share_site", CANDOR_SUBSCRIBE_URL="javascript:alert(1)")
    (problem,) = stopped.value.problems
    assert "CANDOR_SUBSCRIBE_URL" in str(problem) and "https://" in str(problem)
    assert "\n" not in str(problem)
