"""Pelican's writer, reusing a page whose inputs have not changed since it was last made.

Pelican asks plugins for a writer (signal `get_writer`, pelican/__init__.py
`Pelican._get_writer`); this one renders every page as Pelican's does, and while a
page renders it notes each name its templates look up (a Jinja context class that
records `resolve_or_missing`; Jinja's documented `Environment.context_class`). The
next build works out the page's key from those names' values now (page_cache.py);
a stored page with that key is linked into the new output instead of rendered.

Paginated pages (the index, tags, categories, archives) are always rendered: each
shows many posts, and they are few. Reused pages are hard links to the store; before
Pelican writes any path that shares its file with the store, the link is removed, so a
write never goes through to the store, the live site or the previous output.
"""

from __future__ import annotations

import os
import shutil

from jinja2.runtime import Context
from pelican.utils import sanitised_join
from pelican.writers import Writer

from ..build.contents import CONTENT_LISTS
from .fingerprints import Fingerprints, Unfingerprintable
from .inputs import site_digest
from .page_cache import MISSING, PageCache, store_folder

SETTING = "CANDOR_PAGE_CACHE"
RUNNING = "CANDOR_PAGE_CACHE_RUNNING"  # the build's PageCache, for the last phase to save

_looked_up: list[set[str]] = []  # the names of the page being rendered, if any


class RecordingContext(Context):
    def resolve_or_missing(self, key):
        if _looked_up:
            _looked_up[-1].add(key)
        return super().resolve_or_missing(key)


def every_content(context: dict) -> list:
    seen: dict[int, object] = {}
    for found in list(context.get("generated_content", {}).values()):
        seen.setdefault(id(found), found)
    for name in CONTENT_LISTS + ("email_drafts",):
        for found in context.get(name) or []:
            seen.setdefault(id(found), found)
    return list(seen.values())


def start_cache(context: dict, settings: dict) -> PageCache | None:
    """The build's cache, made at its first page: by then everything is read and linked.
    Every post, page and email is fingerprinted now, before any page renders and
    changes one (Pelican fills some fields the first time a template reads them)."""
    contents = every_content(context)
    sources = frozenset(getattr(c, "relative_source_path", "") or "" for c in contents)
    fingerprints = Fingerprints(skipped=(context, settings))
    try:
        site = site_digest(settings, sources)
        for content in contents:
            fingerprints.content(content)
    except Unfingerprintable:
        return None
    return PageCache(store_folder(settings), site, fingerprints)


class PageCachingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.page_cache: PageCache | None = None
        self.shared: set[str] = set()  # paths whose file is also in the store

    def cache_for(self, context: dict) -> PageCache | None:
        if RUNNING not in self.settings:
            self.settings[RUNNING] = self.page_cache = start_cache(context, self.settings)
        return self.page_cache

    def _open_w(self, filename, encoding, override=False):
        if filename in self.shared:  # never write through a link into the store
            os.unlink(filename)
            self.shared.discard(filename)
        return super()._open_w(filename, encoding, override=override)

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        arguments = (name, template, context, relative_urls, paginated, template_name)
        arguments += (override_output, url)
        if paginated is None:  # as Pelican decides (writers.py, Writer.write_file)
            paginated = {key: kwargs[key] for key in ("articles", "dates") if key in kwargs}
        pages = paginated and template_name in self.settings["PAGINATED_TEMPLATES"]
        cache = None if (not name or pages) else self.cache_for(context)
        if cache is None:
            return super().write_file(*arguments, **kwargs)
        local = dict(context, **kwargs)
        environment = template.environment

        def lookup(key):
            found = local.get(key, MISSING)
            return environment.globals.get(key, MISSING) if found is MISSING else found

        parts = (template.name, relative_urls, override_output, url)
        path = sanitised_join(self.output_path, name)
        names = cache.index.get(name)
        key = names is not None and cache.key(name, parts, names, lookup)
        if key and cache.has(key) and self.reuse(path, cache.stored(key), override_output):
            cache.used.add(key)
            cache.reused += 1
            return None
        environment.context_class = RecordingContext
        _looked_up.append(set())
        try:
            super().write_file(*arguments, **kwargs)
        finally:
            names = sorted(_looked_up.pop())
        cache.rendered += 1
        cache.index[name] = names
        key = cache.key(name, parts, names, lookup)
        if key and os.path.isfile(path):
            cache.keep(key, path)
            self.shared.add(path)
        return None

    def reuse(self, path: str, stored: str, override: bool) -> bool:
        """Link the stored page to `path`, with Pelican's own one-write-per-path rules."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with self._open_w(path, "utf-8", override=override) as opened:
            skipped = opened.name == os.devnull
        if skipped:
            return True
        os.unlink(path)
        try:
            os.link(stored, path)
        except OSError:
            shutil.copyfile(stored, path)
        self.shared.add(path)
        return True


def caching_writer(pelican) -> type | None:
    return PageCachingWriter if pelican.settings.get(SETTING) else None


def save_page_cache(settings: dict) -> None:
    """After the last page: the index and the store, ready for the next build."""
    cache = settings.pop(RUNNING, None)
    if cache is not None:
        cache.save()
