"""Feeds a person can read: the XSL stylesheet every Atom and RSS feed names, so a feed
opened in a browser is a page (what the feed is, how to follow it, its entries) drawn
with the site's own stylesheet; and the OPML file that lists every feed, for readers
that import a whole site in one step.

The stylesheet runs no script and loads only the site's CSS, under the same
Content-Security-Policy as every page. A browser applies it only to a feed served
with an XML type it renders itself (the README's deploy section says which do).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from string import Template
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from ..text.urls import absolute_url

XSL_NAME = "feed.xsl"
# The stylesheet, with $placeholders for the site's values (XSLT itself uses no `$` here).
XSL = Template((Path(__file__).parent / XSL_NAME).read_text(encoding="utf-8"))
OPML_NAME = "feeds.opml"


def attribute(value: str) -> str:
    """A literal attribute of the stylesheet: `{` would start an XPath expression there."""
    return quoteattr(value.replace("{", "{{").replace("}", "}}"))


def stylesheet_pi(href: str) -> str:
    return f"<?xml-stylesheet type={quoteattr('text/xsl')} href={quoteattr(href)}?>"


def with_stylesheet(feed_xml: str, href: str) -> str:
    """The feed with its stylesheet named right after the XML declaration."""
    declaration, rest = feed_xml.split("?>", 1)
    return f"{declaration}?>\n{stylesheet_pi(href)}{rest}"


def feed_xsl(settings: dict) -> str:
    site = settings["SITEURL"].rstrip("/")
    css = f"{site}/{settings['CANDOR_FEED_STYLESHEET'].lstrip('/')}"
    feeds_page = f"{site}/{settings['CANDOR_FEEDS_PAGE_URL']}"
    name = escape(Markup(settings["SITENAME"]).striptags())
    return XSL.substitute(
        lang=attribute(settings["DEFAULT_LANG"]),
        policy=attribute(settings["CANDOR_CSP"]),
        css=attribute(css),
        home=attribute(site + "/"),
        name=name,
        feeds_page=attribute(feeds_page),
    )


def feeds_opml(feeds, settings: dict, base_url: str) -> str:
    """OPML 2.0: one outline per feed, its Atom address (every feed has Atom)."""
    opml = ET.Element("opml", version="2.0")
    head = ET.SubElement(opml, "head")
    ET.SubElement(head, "title").text = f"{Markup(settings['SITENAME']).striptags()}: feeds"
    body = ET.SubElement(opml, "body")
    for feed in feeds:
        ET.SubElement(
            body,
            "outline",
            type="rss",  # what OPML calls any feed, Atom included
            text=feed.title,
            title=feed.title,
            description=feed.description,
            xmlUrl=absolute_url(base_url, feed.formats.get("atom") or feed.formats["rss"]),
            htmlUrl=base_url + "/",
        )
    ET.indent(opml)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(opml, "unicode") + "\n"
