"""sitemap.xml: every published page, post, email web version, kind, status, responses
and list page, each dated by its content; and robots.txt naming it.

Written from what the build read, not by walking the output: redirect pages
(ledger/addresses.py), drafts, the 404 page and email previews are never listed,
and each `lastmod` comes from the content (a post's last change, an email's last
correction, a list's newest item), never from the build's time or a file's mtime,
so the same content always gives the same bytes. pelican-sitemap was not used: it
knows neither Candor's pages (emails, kinds, status, responses) nor when they last
changed in substance (an incident's timeline), and it dates pages by file times.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from pelican.generators import Generator

from ..emails.corrections import last_corrected
from ..incidents.fields import feed_updated
from ..text.urls import absolute_url, public_base_url


def newest(moments) -> datetime | None:
    return max((m for m in moments if m is not None), default=None)


def email_changed(email) -> datetime:
    return last_corrected(email) or getattr(email, "modified", None) or email.sent


def page_changed(page) -> datetime | None:
    return getattr(page, "modified", None) or getattr(page, "date", None)


def site_pages(context: dict, settings: dict) -> dict[str, datetime | None]:
    """{address relative to SITEURL: when its content last changed} for every page listed."""
    posts = {id(post): feed_updated(post) for post in context["articles"]}

    def newest_post(items) -> datetime | None:
        return newest(posts.get(id(post)) for post in items)

    pages: dict[str, datetime | None] = {}

    def add(url, moment) -> None:
        if url is not None:
            pages[url] = moment

    everything = newest_post(context["articles"])
    emails = newest(email_changed(email) for email in context.get("emails", []))
    add("", everything)
    for post in context["articles"]:
        add(post.url, posts[id(post)])
    for page in context.get("pages", []):
        add(page.url, page_changed(page))
    for email in context.get("emails", []):
        add(email.url, email_changed(email))
    for group in ("tags", "categories"):
        pairs = context[group].items() if isinstance(context[group], dict) else context[group]
        for taxonomy, items in pairs:
            add(taxonomy.url, newest_post(items))
    for name in ("tags", "categories", "archives"):
        if name in settings["DIRECT_TEMPLATES"] and settings.get(f"{name.upper()}_SAVE_AS"):
            add(settings.get(f"{name.upper()}_URL"), everything)
    for kind_page in context.get("kind_pages", {}).values():
        add(kind_page.url, newest_post(kind_page.posts))
    by_kind = context.get("articles_by_kind", {})
    incidents = by_kind.get("incident", [])
    planned = incidents + by_kind.get("maintenance", [])
    for save_as, url, moment in (
        ("EMAIL_ARCHIVE_SAVE_AS", "EMAIL_ARCHIVE_URL", emails),
        ("CANDOR_INCIDENTS_SAVE_AS", "CANDOR_INCIDENTS_URL", newest_post(incidents)),
        ("CANDOR_STATUS_SAVE_AS", "CANDOR_STATUS_URL", newest_post(planned)),
        ("CANDOR_FEEDS_PAGE_SAVE_AS", "CANDOR_FEEDS_PAGE_URL", newest((everything, emails))),
    ):
        if settings.get(save_as):
            add(settings[url], moment)
    wall = context.get("response_wall")
    if wall is not None and wall.save_as:
        quoting = newest_post(p for p in context["articles"] if getattr(p, "responses", None))
        add(wall.url, quoting)
        for channel in wall.channels:
            add(channel.url, quoting)
    return pages


def sitemap_xml(base_url: str, pages: dict[str, datetime | None]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url in sorted(pages):
        lines.append(f"<url><loc>{escape(absolute_url(base_url, url))}</loc>")
        if pages[url] is not None:
            # In UTC: one offset for every date, so they also sort as text.
            moment = pages[url].astimezone(UTC).isoformat(timespec="seconds")
            lines[-1] += f"<lastmod>{moment}</lastmod>"
        lines[-1] += "</url>"
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str, sitemap_save_as: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(base_url, sitemap_save_as)}\n"


class SitemapGenerator(Generator):
    """Writes sitemap.xml and robots.txt once everything else is known."""

    def generate_context(self) -> None:
        pass  # what the sitemap lists is known once everything is read and linked

    def generate_output(self, writer) -> None:
        base_url = public_base_url(self.settings)
        save_as = self.settings["CANDOR_SITEMAP_SAVE_AS"]
        if save_as:
            self.write(save_as, sitemap_xml(base_url, site_pages(self.context, self.settings)))
        robots = self.settings["CANDOR_ROBOTS_SAVE_AS"]
        if robots and save_as:
            self.write(robots, robots_txt(base_url, save_as))

    def write(self, save_as: str, text: str) -> None:
        with open(f"{self.output_path}/{save_as}", "w", encoding="utf-8") as out:
            out.write(text)
