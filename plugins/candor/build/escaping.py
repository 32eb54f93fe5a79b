"""Escaping in templates: whatever a template prints is text unless the theme says it is HTML.

Pelican's Jinja environment does not escape by default, so a post title, an email
subject or an author's name holding `<script>` would become live markup on every
page that shows it. The plugin turns escaping on for every template itself, so a
site whose settings say nothing about it is safe too. The theme marks the few
values that are HTML with `|safe`: `article.content`, `page.content`,
`email.content`, `post.summary`, `response.figure_html`, and `body_html` in the
email's HTML part.

A `Summary:` written in a post's header is read as Markdown without raw HTML
(reading.py), so `<script>` there is shown as text, never run.
"""

from __future__ import annotations


def autoescape_templates(settings: dict) -> None:
    # A new dict: the one in the settings may be Pelican's shared default.
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "autoescape": True}
