"""Escaping in templates: whatever a template prints is text unless the theme says it is HTML.

Pelican's Jinja environment does not escape by default, so a post title, an email
subject or an author's name holding `<script>` would become live markup on every
page that shows it. The plugin turns escaping on for every template itself, so a
site whose settings say nothing about it is safe too. The theme marks the few
values that are HTML with `|safe`: `article.content`, `page.content`,
`email.content`, `post.summary`, `response.figure_html`, and `body_html` in the
email's HTML part.

Of those, the summary written in a post's header (`Summary:`) travels furthest
(the index, the tag, category and kind pages, the meta description) and needs no
markup beyond emphasis, code and links: `sanitize_summaries` keeps only that. A
summary taken from the start of the body is the body's own HTML and is left alone.
"""

from __future__ import annotations

import nh3

SUMMARY_TAGS = {"a", "abbr", "b", "br", "code", "del", "em", "i", "p", "s", "strong"}
SUMMARY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


def autoescape_templates(settings: dict) -> None:
    # A new dict: the one in the settings may be Pelican's shared default.
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}


def sanitize_summary_html(html: str) -> str:
    """Inline markup only; `{filename}` links are kept for Pelican to resolve later."""
    return nh3.clean(
        html,
        tags=SUMMARY_TAGS,
        attributes=SUMMARY_ATTRIBUTES,
        link_rel=None,
        strip_comments=True,
    )


def sanitize_summaries(contents: list) -> None:
    """Clean every `Summary:` read from a header, before Pelican resolves its links."""
    for content in contents:
        if "summary" not in content.metadata:
            continue
        clean = sanitize_summary_html(str(content.metadata["summary"]))
        content.metadata["summary"] = clean
        # Pelican copies `_summary` back into the metadata when it resolves links.
        content._summary = clean
