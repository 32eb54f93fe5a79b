"""Every file the site writes besides posts, pages and emails, by address.

Gathered once per build, after everything is read and before anything is
written, from the same settings and objects the generators write from: the
direct templates (index, archives, 404, ...), tag, category and author pages, kind
pages, the responses pages, every feed, the theme's static files, the content's
static files, the email archive and previews, the feeds and incidents pages.
output_paths.py checks posts, pages and emails against it in one pass.
Not gathered: later pages of a paginated list (`index2.html`, named by
PAGINATION_PATTERNS at write time) and period archives (YEAR_ARCHIVE_SAVE_AS,
off in Candor's settings).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field

# Candor's own pages, by the setting that says where.
CANDOR_PAGES = {
    "EMAIL_ARCHIVE_SAVE_AS": "the email archive",
    "CANDOR_FEEDS_PAGE_SAVE_AS": "the feeds page",
    "CANDOR_INCIDENTS_SAVE_AS": "the incident history",
}


@dataclass(frozen=True)
class SiteFile:
    what: str  # 'the tag page "billing"', as an author reads it
    setting: str  # the setting (or folder) that puts it there


@dataclass
class SiteFiles:
    by_path: dict[str, SiteFile] = field(default_factory=dict)
    # Two of the site's own files at one address: a matter of settings.
    clashes: dict[str, tuple[SiteFile, SiteFile]] = field(default_factory=dict)

    def add(self, path: str, what: str, setting: str) -> None:
        if not path:
            return  # an empty SAVE_AS: not written
        path = posixpath.normpath(path.replace("\\", "/"))
        new = SiteFile(what, setting)
        known = self.by_path.setdefault(path, new)
        if known != new:
            self.clashes.setdefault(path, (known, new))


def add_pelican_feeds(files: SiteFiles, context: dict) -> None:
    """Pelican's own feeds, where a site keeps them: Candor's may not be written over them."""
    for key in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        files.add(context.get(key), f"Pelican's feed {key}", key)
    for group, label in (("tags", "TAG"), ("categories", "CATEGORY"), ("authors", "AUTHOR")):
        pairs = context.get(group) or []
        for taxonomy, _ in pairs.items() if isinstance(pairs, dict) else pairs:
            for fmt in ("ATOM", "RSS"):
                key = f"{label}_FEED_{fmt}"
                if context.get(key):
                    what = f"Pelican's feed {key} for {taxonomy.name}"
                    files.add(context[key].format(slug=taxonomy.slug), what, key)


def every_site_file(context: dict, generators: list) -> SiteFiles:
    """The site's own files, from the settings and the generators' objects."""
    files = SiteFiles()
    for name in context.get("DIRECT_TEMPLATES", ()):
        setting = f"{name.upper()}_SAVE_AS"
        files.add(context.get(setting, f"{name}.html"), f"the {name} page", setting)
    for key, what in CANDOR_PAGES.items():
        files.add(context.get(key), what, key)
    for group, label in (("tags", "tag"), ("categories", "category"), ("authors", "author")):
        pairs = context.get(group) or []
        for taxonomy, _ in pairs.items() if isinstance(pairs, dict) else pairs:
            what = f'the {label} page "{taxonomy.name}"'
            files.add(taxonomy.save_as, what, f"{label.upper()}_SAVE_AS")
    for slug, kind_page in (context.get("kind_pages") or {}).items():
        files.add(kind_page.save_as, f'the page of kind "{slug}"', "CANDOR_KIND_SAVE_AS")
    wall = context.get("response_wall")
    if wall is not None and wall.responses:
        files.add(wall.save_as, "the responses page", "CANDOR_RESPONSES_SAVE_AS")
        for channel in wall.channels:
            what = f'the responses page of channel "{channel.slug}"'
            files.add(channel.save_as, what, "CANDOR_RESPONSES_CHANNEL_SAVE_AS")
    for redirect in context.get("candor_redirects") or []:
        what = f"the redirect from /{redirect.old_url}, an earlier address of {redirect.source},"
        # Sent emails may link there: the ledger keeps it so those links keep working.
        files.add(redirect.save_as, what, "kept by content/ledger.json for links already sent")
    if context.get("CANDOR_KEEP_PELICAN_FEEDS"):
        add_pelican_feeds(files, context)
    for feed in context.get("candor_feeds") or []:
        for fmt, path in feed.formats.items():
            files.add(path, f'the {fmt} feed "{feed.name}"', "CANDOR_FEEDS_PATH")
    if email_previews(context):
        for email in context.get("emails") or []:
            what = f'the preview of email "{email.slug}"'
            files.add(email.preview_save_as, what, "EMAIL_PREVIEW_SAVE_AS")
    for generator in generators:
        for static in getattr(generator, "staticfiles", None) or []:
            what = f"the static file {static.relative_source_path}"
            files.add(static.save_as, what, "STATIC_PATHS")
    for path, source in theme_static_files(context):
        files.add(path, f"the theme file {source}", "THEME_STATIC_DIR")
    return files


def email_previews(settings: dict) -> bool:
    # As emails/generator.py decides: authors preview; the public site never has previews.
    previews = settings.get("CANDOR_EMAIL_PREVIEWS")
    return not settings.get("CANDOR_STRICT") if previews is None else bool(previews)


def theme_static_files(settings: dict):
    """(output path, theme path) of each file Pelican copies from the theme, as it copies them.

    Pelican's StaticGenerator copies THEME_STATIC_PATHS in generate_output with
    no object per file, so the folders are listed here: a handful of files.
    """
    theme = settings.get("THEME")
    target = settings.get("THEME_STATIC_DIR", "theme")
    if not theme:
        return
    for path in settings.get("THEME_STATIC_PATHS", ()):
        source = os.path.join(theme, path)
        if os.path.isfile(source):
            yield posixpath.join(target, os.path.basename(path)), path
            continue
        for folder, _, names in os.walk(source):
            for name in names:
                inside = os.path.relpath(os.path.join(folder, name), source).replace(os.sep, "/")
                yield posixpath.join(target, inside), posixpath.join(path, inside)
