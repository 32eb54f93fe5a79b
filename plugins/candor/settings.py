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
    # The committed record of what was published, relative to PATH (see ledger.py).
    "CANDOR_LEDGER_PATH": "ledger.json",
    # Whether this build may update the ledger; None means "when strict" (make publish).
    "CANDOR_LEDGER_WRITE": None,
    # Where links in .eml files point when SITEURL is empty (development builds).
    "CANDOR_DEV_SITEURL": "http://127.0.0.1:8000",
    # Addresses of email announcements: the web version, the .eml file and the archive.
    "EMAIL_URL": "emails/{slug}/",
    "EMAIL_SAVE_AS": "emails/{slug}/index.html",
    "EMAIL_EML_URL": "emails/{slug}.eml",
    "EMAIL_EML_SAVE_AS": "emails/{slug}.eml",
    "EMAIL_ARCHIVE_URL": "emails/",
    "EMAIL_ARCHIVE_SAVE_AS": "emails/index.html",
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
    # The ledger is a record for the authors, not a file for the public site.
    static_excludes = list(settings.get("STATIC_EXCLUDES") or [])
    settings["STATIC_EXCLUDES"] = [*static_excludes, settings["CANDOR_LEDGER_PATH"]]


def writes_ledger(settings: dict) -> bool:
    write = settings["CANDOR_LEDGER_WRITE"]
    return bool(settings["CANDOR_STRICT"] if write is None else write)
