"""Pelican's writer, handing back a page whose inputs have not changed since it was made.

Pelican asks plugins for a writer (signal `get_writer`, pelican/__init__.py
`Pelican._get_writer`). This one gives Pelican's own `write_file` a template that
first works out the page's key (page_cache.py) and, when a page is kept under it,
returns that text instead of rendering; Pelican writes it as it writes any page, into
the staging folder, so nothing is shared with the live site or the previous output.
A page that is rendered is watched as it renders: every name its templates look up
(a Jinja context class recording `resolve_or_missing`; Jinja's documented
`Environment.context_class`) and every post, page or email whose field they read
(the environment's `getattr` and `getitem`). The next build's key is made from the
values of those names and the fields of those posts, as they are then.

Every page goes through it, listings too (index, tags, categories, archives): a
listing's key holds each post it shows, so a body edit renders only the listings with
that post's summary on them.
"""

from __future__ import annotations

from jinja2.runtime import Context
from pelican.contents import Content
from pelican.writers import Writer

from ..build.contents import CONTENT_LISTS
from .fingerprints import Unfingerprintable
from .inputs import site_digest
from .page_cache import MISSING, PageCache, store_folder
from .preview import remember_pages

SETTING = "CANDOR_PAGE_CACHE"
RUNNING = "CANDOR_PAGE_CACHE_RUNNING"  # the build's PageCache, for the last phase to save


class Seen:
    """What one page's templates looked up: names, and posts whose fields they read."""

    def __init__(self):
        self.names: set[str] = set()
        self.shows: dict[str, None] = {}  # source paths, in the order first read

    def entry(self) -> dict:
        return {"names": sorted(self.names), "shows": sorted(self.shows)}


_seen: list[Seen] = []  # the page being rendered, if any


class RecordingContext(Context):
    def resolve_or_missing(self, key):
        if _seen:
            _seen[-1].names.add(key)
        return super().resolve_or_missing(key)


def record_reads(environment) -> None:
    """Note every post, page or email whose field or item a template reads. Jinja's
    compiled templates call `environment.getattr` and `environment.getitem` for each
    `a.b` and `a[b]` (jinja2/compiler.py), so the environment's own are wrapped."""
    if getattr(environment, "candor_records_reads", False):
        return
    environment.context_class = RecordingContext
    read_attribute, read_item = environment.getattr, environment.getitem

    def getattr_noted(obj, attribute):
        if _seen and isinstance(obj, Content):
            _seen[-1].shows[obj.source_path] = None
        return read_attribute(obj, attribute)

    def getitem_noted(obj, argument):
        if _seen and isinstance(obj, Content):
            _seen[-1].shows[obj.source_path] = None
        return read_item(obj, argument)

    environment.getattr, environment.getitem = getattr_noted, getitem_noted
    environment.candor_records_reads = True


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
    static = list(context.get("static_content", {}).values())
    try:
        cache = PageCache(store_folder(settings), site_digest(settings, sources), contents, static)
        for content in contents:
            cache.fingerprints.content(content)
    except Unfingerprintable:
        return None
    return cache


class RememberedTemplate:
    """The template Pelican renders a page with; a page kept under the same key is
    handed back instead of rendering it again. Pelican's writer calls only `render`
    (writers.py, Writer.write_file's `_write_file`), for single and paginated pages."""

    def __init__(self, template, cache: PageCache, parts: tuple, call: tuple):
        self.template = template
        self.cache = cache
        self.parts = (template.name, *parts)
        self.call = call  # the writer's call that makes this page, for the devserver
        record_reads(template.environment)

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, localcontext: dict) -> str:
        cache, name = self.cache, localcontext["output_file"]
        cache.calls[name] = self.call
        globals_ = self.template.environment.globals

        def lookup(key):
            found = localcontext.get(key, MISSING)
            return globals_.get(key, MISSING) if found is MISSING else found

        seen = cache.index.get(name)
        key = seen is not None and cache.key(name, self.parts, seen, lookup)
        kept = cache.find(key) if key else None
        if kept is not None:
            cache.reused += 1
            cache.index[name] = {**seen, "key": key}
            return kept
        _seen.append(Seen())
        try:
            text = self.template.render(localcontext)
        finally:
            seen = _seen.pop().entry()
        cache.rendered += 1
        key = cache.key(name, self.parts, seen, lookup)
        cache.index[name] = {**seen, "key": key or None}
        if key:
            cache.keep(key, text)
        return text


class PageCachingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.page_cache: PageCache | None = None

    def cache_for(self, context: dict) -> PageCache | None:
        if RUNNING not in self.settings:
            self.settings[RUNNING] = self.page_cache = start_cache(context, self.settings)
            remember_pages(self.settings, self.page_cache)
        return self.page_cache

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        cache = self.cache_for(context) if name else None
        if cache is not None:
            call = (name, template, context, relative_urls, paginated, template_name)
            call = (call + (override_output, url), kwargs)
            template = RememberedTemplate(template, cache, (relative_urls, url), call)
        return super().write_file(
            name, template, context, relative_urls, paginated, template_name,
            override_output, url, **kwargs,
        )  # fmt: skip


def caching_writer(pelican) -> type | None:
    return PageCachingWriter if pelican.settings.get(SETTING) else None


def save_page_cache(settings: dict) -> None:
    """After the last page: the index and the store, ready for the next build."""
    cache = settings.pop(RUNNING, None)
    if cache is not None:
        cache.save()
