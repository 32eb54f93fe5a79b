"""Escaping in templates: whatever Candor's pages print is text unless they say it is HTML.

Pelican's Jinja environment does not escape by default, so a post title, an email
subject or an author's name holding `<script>` would become live markup on every
page that shows it. The plugin escapes its own pages (the default templates in
`candor/templates/` and a theme's versions of them) whatever the settings say.

The rest of a theme is escaped only when `CANDOR_ESCAPE_THEME` says so (the kit's
theme is written for it): Pelican's themes, and every theme written for them, print
`article.content` and `article.summary` without `|safe`, so escaping them would show
`<p>` as text on every page of a site that adopts the plugin.

Templates that escape mark the few values that are HTML with `|safe`:
`article.content`, `page.content`, `email.content`, `post.summary`,
`response.figure_html`, and `body_html` in the email's HTML part.

A `Summary:` written in a post's header is read as Markdown without raw HTML
(reading.py), so `<script>` there is shown as text, never run.
"""

from __future__ import annotations

from .templates import DEFAULT_TEMPLATES


class EscapedTemplates:
    """Jinja's `autoescape` as a choice per template name (a class, so settings stay picklable)."""

    def __init__(self, every_template: bool):
        self.every_template = every_template
        self.candors = frozenset(
            path.relative_to(DEFAULT_TEMPLATES).as_posix()
            for path in DEFAULT_TEMPLATES.rglob("*.html")
        )

    def __call__(self, name: str | None) -> bool:
        return self.every_template or name in self.candors

    def __eq__(self, other) -> bool:
        return isinstance(other, EscapedTemplates) and other.every_template == self.every_template

    def __hash__(self) -> int:
        return hash(self.every_template)


def autoescape_templates(settings: dict) -> None:
    environment = settings.get("JINJA_ENVIRONMENT", {})
    # A site that turned autoescape on itself keeps it on everywhere.
    asked = environment.get("autoescape") is True
    every_template = asked or bool(settings.get("CANDOR_ESCAPE_THEME"))
    # A new dict: the one in the settings may be Pelican's shared default.
    settings["JINJA_ENVIRONMENT"] = {**environment, "autoescape": EscapedTemplates(every_template)}
