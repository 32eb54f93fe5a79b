"""The site among other sites: what a shared link shows, what search engines read,
and following by email.

head.py        canonical address, Open Graph, Twitter card and JSON-LD of every page
sitemap.py     sitemap.xml (dated by the content) and robots.txt naming it
subscribe.py   the follow-by-email setting, and the pages' Content-Security-Policy
"""

from __future__ import annotations

from ..build.phases import Feature
from .head import candor_share
from .sitemap import SitemapGenerator
from .subscribe import subscribe_settings


def share_settings(settings: dict) -> None:
    """Templates call `candor_share()` for the page they write (candor/share_head.html)."""
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "candor_share": candor_share}
    settings.setdefault("CANDOR_SHARE_IMAGE", None)
    settings.setdefault("CANDOR_SITEMAP_SAVE_AS", "sitemap.xml")
    settings.setdefault("CANDOR_ROBOTS_SAVE_AS", "robots.txt")
    subscribe_settings(settings)


FEATURE = Feature("share", settings=(share_settings,), generators=(SitemapGenerator,))
