"""Candor's settings, with their defaults, in one place.

A site that sets none of these still builds. Override any of them in
`pelicanconf.py` (or `publishconf.py` for publish-only values).
"""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problems import BuildStopped, Problem

# Beside the ledger: what went out (send logs, their key, the messages as sent).
SENDS_FOLDER = "sends"

DEFAULTS: dict[str, object] = {
    # Folder under PATH holding email announcements; never read as articles.
    "CANDOR_EMAILS_PATH": "emails",
    # The kind of a post without `Kind:` (thank-you, incident or responses); None keeps it
    # a plain post, as Pelican alone would build it (kinds/post_kinds.py).
    "CANDOR_DEFAULT_KIND": None,
    # The kit's stricter rules for content, which the kit's pelicanconf.py turns on: every
    # post says its `Kind:`, and a file Pelican would leave out with a logged error (no
    # Title or Date, an unknown Status) stops the build, naming the file and the field.
    # Off, such posts build exactly as Pelican alone builds them (pelican_errors.py).
    "CANDOR_STRICT_CONTENT": False,
    # Escape every template of the theme, not only Candor's own pages (escaping.py); the
    # kit's theme is written for it, Pelican's themes print post bodies without |safe.
    "CANDOR_ESCAPE_THEME": False,
    # Strict builds (make publish) stop on every problem; others only print them.
    "CANDOR_STRICT": False,
    # Set by `make devserver`: pages load dev-reload.js to reload after each build.
    "CANDOR_DEV_RELOAD": False,
    # Email previews (HTML and text parts) for authors; None means "when not strict".
    "CANDOR_EMAIL_PREVIEWS": None,
    # The committed record of what was published, relative to PATH (see ledger/store.py).
    "CANDOR_LEDGER_PATH": "ledger.json",
    # Whether this build may update the ledger; None means "when strict" (make publish).
    # `python -m candor build` saves it only after the site is built, checked and in place.
    "CANDOR_LEDGER_WRITE": None,
    # Email addresses the built site may show besides the senders (From, Reply-To) of its
    # emails, e.g. a support address in a page; any other address stops `make publish`.
    "CANDOR_ALLOWED_ADDRESSES": (),
    # Where a national phone number in a quote is read as dialled ("030/1234567" is a
    # Berlin number with "DE"): a two-letter region code. Numbers written with their
    # country code (+49 ...) are masked whatever it is.
    "CANDOR_PHONE_REGION": "US",
    # Plain Markdown (paragraphs, `#` headings, simple lists, emphasis, links, code spans)
    # parsed by pulldown-cmark, a hundred times faster than Python-Markdown and giving the
    # same HTML; anything else is still Python-Markdown's (authoring/fast_markdown.py).
    # False: every file is Python-Markdown's alone.
    "CANDOR_FAST_MARKDOWN": True,
    # Where links in .eml files point when SITEURL is empty (development builds).
    "CANDOR_DEV_SITEURL": "http://127.0.0.1:8000",
    # Addresses of email announcements: the web version, the .eml file and the archive.
    "EMAIL_URL": "emails/{slug}/",
    "EMAIL_SAVE_AS": "emails/{slug}/index.html",
    "EMAIL_EML_URL": "emails/{slug}.eml",
    "EMAIL_EML_SAVE_AS": "emails/{slug}.eml",
    # Development builds only: the email's two parts as customers will see them.
    "EMAIL_PREVIEW_URL": "emails/{slug}/preview/",
    "EMAIL_PREVIEW_SAVE_AS": "emails/{slug}/preview/index.html",
    "EMAIL_ARCHIVE_URL": "emails/",
    "EMAIL_ARCHIVE_SAVE_AS": "emails/index.html",
    # Pelican's own feeds stay where a site's subscribers find them (an existing site
    # adopting the plugin); the kit turns this off and Candor writes every feed itself.
    "CANDOR_KEEP_PELICAN_FEEDS": True,
    # Feeds (feeds/): the folder, and the page that lists every feed. Beside Pelican's
    # own feeds (above) the folder defaults to feeds/candor, so none is written over.
    "CANDOR_FEEDS_PATH": "feeds",
    "CANDOR_FEEDS_PAGE_URL": "feeds/",
    "CANDOR_FEEDS_PAGE_SAVE_AS": "feeds/index.html",
    # Permanent feed ids are tag URIs: tag:<authority>,<date>:<path>. The authority is
    # a domain (or email address) you own; set it once, never from SITEURL.
    "CANDOR_ID_AUTHORITY": "candor.invalid",
    # The date in each feed's own id: any day on which you owned the authority.
    "CANDOR_ID_SINCE": "2025-01-01",
    # The incident history page; an empty SAVE_AS leaves it out.
    "CANDOR_INCIDENTS_URL": "incidents/",
    "CANDOR_INCIDENTS_SAVE_AS": "incidents/index.html",
    # The wall of quoted customer responses, and its page per channel.
    "CANDOR_RESPONSES_URL": "responses/",
    "CANDOR_RESPONSES_SAVE_AS": "responses/index.html",
    "CANDOR_RESPONSES_CHANNEL_URL": "responses/{channel}/",
    "CANDOR_RESPONSES_CHANNEL_SAVE_AS": "responses/{channel}/index.html",
    # Right now (status/): the status page, its JSON for other tools and badges, and the
    # calendar of maintenance windows; an empty SAVE_AS leaves each out.
    "CANDOR_STATUS_URL": "status/",
    "CANDOR_STATUS_SAVE_AS": "status/index.html",
    "CANDOR_STATUS_JSON_SAVE_AS": "status.json",
    "CANDOR_MAINTENANCE_ICS_SAVE_AS": "status/maintenance.ics",
    # The time the status is worked out for, with its zone ("2025-11-28 14:30 -05:00");
    # None: the time of the build. The environment variable CANDOR_NOW wins over this.
    "CANDOR_NOW": None,
    # A page per kind of post (kinds/kind_pages.py); an empty SAVE_AS leaves them out.
    "CANDOR_KIND_URL": "kinds/{kind}/",
    "CANDOR_KIND_SAVE_AS": "kinds/{kind}/index.html",
    # Speed (build/): each lever leaves the built site byte for byte the same; False turns
    # it off. Addresses worked out once per object (addresses_once.py), one Jinja
    # environment per build (one_environment.py), tag pages' post lists (membership.py).
    "CANDOR_ADDRESSES_ONCE": True,
    "CANDOR_ONE_TEMPLATE_ENVIRONMENT": True,
    "CANDOR_LINEAR_POST_LISTS": True,
}

# Settings whose default None means "not set" rather than "decide for me" (True or False).
TEXT_OR_NONE = {"CANDOR_DEFAULT_KIND", "CANDOR_NOW"}

# Pelican's own article feeds: where Candor writes every feed itself (feeds/), with
# permanent ids, these are switched off rather than written and overwritten.
PELICAN_FEED_SETTINGS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)


def leave_feeds_to_candor(settings: dict) -> None:
    """Before the defaults: switch Pelican's feeds off, or keep them and stay beside them."""
    if settings.get("CANDOR_KEEP_PELICAN_FEEDS", DEFAULTS["CANDOR_KEEP_PELICAN_FEEDS"]):
        settings.setdefault("CANDOR_FEEDS_PATH", "feeds/candor")
        return
    for key in PELICAN_FEED_SETTINGS:
        settings[key] = None


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
    # What went out (send logs, their key, the messages as sent) is a record for the
    # authors, like the ledger: never read as content, never copied to the site.
    sends = os.path.join(os.path.dirname(settings["CANDOR_LEDGER_PATH"]), SENDS_FOLDER)
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excludes = list(settings.get(key) or [])
        excludes += [path for path in (emails, sends) if path not in excludes]
        settings[key] = excludes
    static_excludes = list(settings.get("STATIC_EXCLUDES") or [])
    settings["STATIC_EXCLUDES"] = [*static_excludes, settings["CANDOR_LEDGER_PATH"], sends]


def writes_ledger(settings: dict) -> bool:
    write = settings["CANDOR_LEDGER_WRITE"]
    return bool(settings["CANDOR_STRICT"] if write is None else write)


def wrong_types(settings: dict) -> list[tuple[str, str]]:
    """[(setting, what to write instead)] for Candor settings of the wrong kind of value."""
    found = []
    for key, default in DEFAULTS.items():
        if key not in settings:
            continue
        value = settings[key]
        if isinstance(default, bool) and not isinstance(value, bool):
            found.append((key, f"is {value!r}, not True or False; write {key} = True or False"))
        elif key in TEXT_OR_NONE:
            if not isinstance(value, str | None):
                example = 'a name in quotes, like "thank-you"'
                if key == "CANDOR_NOW":
                    example = 'a time with its zone in quotes, like "2025-11-28 14:30 -05:00"'
                found.append((key, f"is {value!r}; write None or {example}"))
        elif default is None and not isinstance(value, bool | None):
            found.append((key, f"is {value!r}; write {key} = None, True or False"))
        elif isinstance(default, str) and not isinstance(value, str):
            found.append((key, f'is {value!r}, not text; write it in quotes, like "{default}"'))
        elif isinstance(default, tuple) and (
            not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value)
        ):
            example = '("help@example.com",)'
            found.append((key, f"is {value!r}; write a tuple of addresses, like {example}"))
    zone = settings.get("TIMEZONE")
    if zone is not None and not is_time_zone(zone):
        found.append(("TIMEZONE", f"{zone!r} is not a time zone; use a name like America/New_York"))
    region = settings.get("CANDOR_PHONE_REGION")
    if isinstance(region, str) and region.upper() not in supported_regions():
        example = 'a two-letter region code, like "US", "DE" or "GB"'
        found.append(("CANDOR_PHONE_REGION", f"is {region!r}; write {example}"))
    max_items = settings.get("FEED_MAX_ITEMS")
    if max_items is not None and (not isinstance(max_items, int) or isinstance(max_items, bool)):
        found.append(("FEED_MAX_ITEMS", f"is {max_items!r}; write a whole number, or None"))
    return found


def supported_regions() -> set[str]:
    # Imported when a site names a region: phonenumbers is a large import.
    from phonenumbers import SUPPORTED_REGIONS

    return SUPPORTED_REGIONS


def is_time_zone(name: object) -> bool:
    try:
        ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return False
    return bool(name)


def stop_on_wrong_types(settings: dict, source: str = "settings") -> None:
    found = wrong_types(settings)
    if found:
        raise BuildStopped([Problem(source, key, message, True) for key, message in found])


def use_markdown_extensions(settings: dict, *extensions) -> None:
    """Add Candor's Markdown extensions to MARKDOWN, once each, so sites need not list them.

    A new dict and list: the ones in the settings may be Pelican's shared defaults.
    """
    markdown = dict(settings.get("MARKDOWN") or {})
    active = list(markdown.get("extensions", []))
    for extension in extensions:
        if not any(type(e) is type(extension) for e in active):
            active.append(extension)
    markdown["extensions"] = active
    settings["MARKDOWN"] = markdown
