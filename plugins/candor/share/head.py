"""What a page says about itself to whoever shares or indexes it: its canonical address,
Open Graph, the Twitter card and JSON-LD, prepared once per page for
`candor/share_head.html`.

Templates call `candor_share()` (a Jinja global that sees the page's context); a post,
page or email keeps what was prepared for it, so a page written twice (drafts,
translations) costs nothing more. Schema.org types, chosen for what each page is:

- a post: `BlogPosting`; an incident write-up: `Report` (an `Article` that reports on
  something) whose `about` lists the systems it affected as `Service`s;
- an email's web version: `EmailMessage` (who sent it, when), `about` the post it announces;
- the home page: `WebSite`; a page: `WebPage`; every list (kinds, tags, status, feeds,
  responses, emails): `CollectionPage`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup

from ..emails.corrections import last_corrected
from ..incidents.fields import feed_updated
from ..text.urls import absolute_url, public_base_url

DESCRIPTION_LENGTH = 200
# Where a list page's title comes from when the page says nothing more specific.
LIST_TITLES = {
    "tags": "Tags",
    "categories": "Categories",
    "archives": "Archives",
    "feeds": "Feeds",
    "status": "Status",
    "incidents": "Incident history",
    "emails": "Emails we sent",
    "responses": "What customers told us",
}
# Characters that could end a <script> element or start markup, written as JSON escapes.
JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class ShareHead:
    canonical: str
    title: str
    description: str
    site_name: str
    og_type: str  # "article" or "website"
    image: str | None
    published: str | None  # ISO 8601, for article:published_time
    modified: str | None
    json_ld: Markup  # safe inside <script type="application/ld+json">

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def text_of(html) -> str:
    return " ".join(Markup(str(html or "")).striptags().split())


def shortened(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def json_for_html(data: dict) -> Markup:
    return Markup(json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML))


def image_url(base: str, image: str | None) -> str | None:
    if not image:
        return None
    if urlsplit(image).scheme in ("http", "https"):
        return image
    return absolute_url(base, image.lstrip("/"))


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class Site:
    """The settings every page's values are made from (`site_of`: once per build)."""

    def __init__(self, context: dict):
        self.base = public_base_url(context)
        self.name = text_of(context["SITENAME"])
        self.description = text_of(context.get("SITESUBTITLE")) or self.name
        self.image = image_url(self.base, context.get("CANDOR_SHARE_IMAGE"))
        self.author = text_of(context.get("AUTHOR"))
        self.publisher = {"@type": "Organization", "name": self.name, "url": self.base + "/"}

    def url(self, path: str) -> str:
        return absolute_url(self.base, path)


# What Site reads from the context; the values themselves are the key of `site_of`.
SITE_SETTINGS = ("SITEURL", "CANDOR_DEV_SITEURL", "SITENAME", "SITESUBTITLE", "AUTHOR")
SITE_SETTINGS += ("CANDOR_SHARE_IMAGE",)


def site_of(context) -> Site:
    """The Site of these settings, made once (every page of a build has the same)."""
    key = tuple(str(context.get(name)) for name in SITE_SETTINGS)
    site = SITES.get(key)
    if site is None:
        SITES.clear()  # a build, or the development server's next, needs only its own
        site = SITES[key] = Site(context)
    return site


SITES: dict[tuple, Site] = {}


def post_data(site: Site, post) -> dict:
    """A post's JSON-LD without its context: also what an email's `about` names."""
    incident = getattr(post, "incident", None)
    data = {
        "@type": "Report" if incident is not None else "BlogPosting",
        "headline": str(post.title),
        "url": site.url(post.url),
    }
    if incident is not None and incident.systems:
        data["about"] = [{"@type": "Service", "name": name} for name in incident.systems]
    return data


def post_head(site: Site, post) -> ShareHead:
    url = site.url(post.url)
    image = image_url(site.base, getattr(post, "image", None)) or site.image
    author = text_of(getattr(post, "author", None)) or site.author
    description = shortened(text_of(post.summary)) or site.description
    published, modified = iso(post.date), iso(feed_updated(post))
    data = {
        "@context": "https://schema.org",
        **post_data(site, post),
        "description": description,
        "mainEntityOfPage": url,
        "datePublished": published,
        "dateModified": modified,
        "author": {"@type": "Person", "name": author},
        "publisher": site.publisher,
    }
    if image:
        data["image"] = image
    return ShareHead(
        url, str(post.title), description, site.name, "article", image, published, modified,
        json_for_html(data),
    )  # fmt: skip


def email_head(site: Site, email) -> ShareHead:
    url = site.url(email.url)
    subject = str(email.subject)
    description = shortened(text_of(email.summary)) or f"The email “{subject}” as it was sent."
    sent = iso(email.sent)
    modified = iso(last_corrected(email) or getattr(email, "modified", None) or email.sent)
    data = {
        "@context": "https://schema.org",
        "@type": "EmailMessage",
        "headline": subject,
        "description": description,
        "url": url,
        "dateSent": sent,
        "dateModified": modified,
        "sender": {"@type": "Organization", "name": email.sender_name or site.name},
        "publisher": site.publisher,
    }
    if email.post is not None:
        data["about"] = post_data(site, email.post)
    return ShareHead(
        url, subject, description, site.name, "article", site.image, sent, modified,
        json_for_html(data),
    )  # fmt: skip


def page_head(site: Site, page) -> ShareHead:
    url = site.url(page.url)
    description = shortened(text_of(page.summary)) or site.description
    modified = iso(getattr(page, "modified", None) or getattr(page, "date", None))
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": str(page.title),
        "description": description,
        "url": url,
        "publisher": site.publisher,
    }
    if modified:
        data["dateModified"] = modified
    return ShareHead(
        url, str(page.title), description, site.name, "website", site.image, None, None,
        json_for_html(data),
    )  # fmt: skip


def list_title(site: Site, context) -> str:
    for name, label in (("tag", "Posts tagged"), ("category", "Posts in")):
        if context.get(name) is not None:
            return f"{label} “{context[name]}”"
    kind_page = context.get("kind_page")
    if kind_page is not None:
        return kind_page.kind.plural
    channel = context.get("channel")
    if channel is not None:
        return f"What customers told us: {channel.label}"
    return LIST_TITLES.get(str(context.get("page_name", "")).rsplit("/", 1)[-1], site.name)


def list_head(site: Site, context) -> ShareHead:
    path = str(context.get("output_file", "index.html")).removesuffix("index.html")
    url = site.url(path)
    home = path == ""
    title = site.name if home else list_title(site, context)
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite" if home else "CollectionPage",
        "name": title,
        "description": site.description,
        "url": url,
        "publisher": site.publisher,
    }
    return ShareHead(
        url, title, site.description, site.name, "website", site.image, None, None,
        json_for_html(data),
    )  # fmt: skip


@pass_context
def candor_share(context) -> ShareHead:
    """For templates: the prepared values of the page being written."""
    site = site_of(context)
    for name, make in (("article", post_head), ("email", email_head), ("page", page_head)):
        item = context.get(name)
        if item is not None and hasattr(item, "url"):
            head = getattr(item, "candor_share", None)
            if head is None:
                head = make(site, item)
                item.candor_share = head
            return head
    return list_head(site, context)
