"""Candor's settings, with their defaults, in one place.

A site that sets none of these still builds. Override any of them in
`pelicanconf.py` (or `publishconf.py` for publish-only values).
"""

from __future__ import annotations

DEFAULTS: dict[str, object] = {
    # Folder under PATH holding email announcements; never read as articles.
    "CANDOR_EMAILS_PATH": "emails",
    # Strict builds (make publish) stop on every problem; others only print them.
    "CANDOR_STRICT": False,
    # The wall of quoted customer responses, and its page per channel.
    "CANDOR_RESPONSES_URL": "responses/",
    "CANDOR_RESPONSES_SAVE_AS": "responses/index.html",
    "CANDOR_RESPONSES_CHANNEL_URL": "responses/{channel}/",
    "CANDOR_RESPONSES_CHANNEL_SAVE_AS": "responses/{channel}/index.html",
}


def apply_defaults(settings: dict) -> None:
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)


def keep_emails_out_of_articles(settings: dict) -> None:
    """Emails are their own content type: Pelican must not read them as posts or pages.

    Pelican reads every file under ARTICLE_PATHS as an article; a site whose
    ARTICLE_PATHS is the whole content folder would otherwise publish each email
    as a post and put it into the article feeds.
    """
    emails = settings["CANDOR_EMAILS_PATH"]
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        if emails not in excludes:
            excludes.append(emails)
        settings[key] = excludes
