"""The devserver's first answer to a saved post: its pages, before the whole site.

A whole rebuild re-reads only what changed (memory.py) and reuses unchanged pages
(writer.py), but still links, checks and lists everything. When the only change is
to posts the last build read, in their bodies or titles (every other header field
exactly as it was), the devserver first puts the change into the last build's posts
and renders, with the last build's templates and context, each post's own page (the
browser is told), then every other page whose templates read that post the last time
(the page cache's index; the browser is told again). The whole rebuild follows at
once and replaces them all, feeds and the rest. Anything else (another header field,
a new or removed file, a template, a setting, a body with code the build's checks
would remove, an incident, whose body is reworked once read) goes straight to the
whole rebuild.

Kept from the last build that finished: its posts generator, and its page cache (which
page each writer call made, which posts each page read).
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Callable

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from ..authoring.script_links import findings_in
from .fingerprints import Fingerprints
from .memory import SETTING, forget_worked_out_bodies

# Content folder: the posts generator and page cache of the last build that finished.
LAST: dict[str, ArticlesGenerator] = {}
LAST_PAGES: dict[str, object] = {}
BUILDING: dict[str, ArticlesGenerator] = {}
BUILDING_PAGES: dict[str, object] = {}
SHOWN_FIELDS = {"title"}  # header fields a preview may change (the body always)


def remember_posts_generator(generator) -> None:
    if isinstance(generator, ArticlesGenerator) and generator.settings.get(SETTING):
        BUILDING[generator.settings["PATH"]] = generator


def remember_pages(settings: dict, page_cache) -> None:
    if settings.get(SETTING) and page_cache is not None:
        BUILDING_PAGES[settings["PATH"]] = page_cache


def keep_finished_build(settings: dict) -> None:
    """Only a build that wrote every page is the one a preview starts from."""
    path = settings["PATH"]
    if path in BUILDING:
        LAST[path] = BUILDING.pop(path)
        LAST_PAGES[path] = BUILDING_PAGES.pop(path, None)


def posts_by_source(generator: ArticlesGenerator) -> dict[str, Article]:
    every = generator.articles + generator.translations
    every += generator.hidden_articles + generator.hidden_translations
    return {post.source_path: post for post in every}


def header(post: Article) -> dict[str, str]:
    """Its header fields as read; a category, tag or author by name (the build fills in
    the rest of those objects later)."""

    def plain(value):
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}:{value.name}"
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        return value

    walk = Fingerprints().walk
    return {key: walk(plain(value), set()) for key, value in post.metadata.items()}


def changed_fields(old: Article, new: Article) -> set[str]:
    before, after = header(old), header(new)
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def put_in_place(old: Article, new: Article, fields: set[str]) -> None:
    """The last build's post, changed as the file was: its pages show it from now on."""
    old._content = new._content
    for name in fields:
        setattr(old, name, getattr(new, name))
        old.metadata[name] = new.metadata[name]
    for name in list(vars(old)):  # worked out from the old body or title: work out again
        if isinstance(getattr(type(old), name, None), functools.cached_property):
            del vars(old)[name]


def forget_render_memos(pages) -> None:
    """What templates worked out and kept on a post as they rendered (its share head,
    say) was worked out from the post as it was: drop it, as a new build has none."""
    for path, before in pages.fields_before.items():
        fields = vars(pages.contents[path])
        for name in fields.keys() - before:
            del fields[name]


def write_calls(calls: list[tuple], output: str, settings: dict) -> None:
    """Make pages as the last build's writer calls did, each moved into `output` whole."""
    with tempfile.TemporaryDirectory(dir=os.path.dirname(output)) as scratch:
        writer = Writer(scratch, settings=settings)
        for arguments, keywords in calls:
            writer.write_file(*arguments, **keywords)
        for root, _, names in os.walk(scratch):
            for name in names:
                made = os.path.join(root, name)
                target = os.path.join(output, os.path.relpath(made, scratch))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(made, target)


def reread(generator: ArticlesGenerator, post: Article) -> Article:
    """The post read again as the last build read it (Pelican's generate_context); not
    kept in the reader cache: the whole rebuild that follows reads it for itself."""
    readers = generator.readers
    caching, readers._cache_data_policy = readers._cache_data_policy, False
    try:
        return readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(post.source_path, generator.path),
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )
    finally:
        readers._cache_data_policy = caching


def render_edited_posts(settings: dict, changed: set[str], shown: Callable[[list], None]) -> bool:
    """Render the pages of the posts in `changed` into OUTPUT_PATH, calling `shown` with
    their addresses, then every other page that showed them; False when the change
    needs the whole rebuild first."""
    generator, pages = LAST.get(settings["PATH"]), LAST_PAGES.get(settings["PATH"])
    if generator is None or pages is None or not changed:
        return False
    posts = posts_by_source(generator)
    if not all(path in posts for path in changed):
        return False
    edits = []
    for path in sorted(changed):
        new = reread(generator, posts[path])
        fields = changed_fields(posts[path], new) if new is not None else {"unreadable"}
        if fields - SHOWN_FIELDS or runs_code(new) or reworked_once_read(posts[path]):
            return False
        edits.append((posts[path], new, fields))
    for old, new, fields in edits:
        put_in_place(old, new, fields)
    forget_render_memos(pages)
    forget_worked_out_bodies()
    output, edited = settings["OUTPUT_PATH"], [old for old, _, _ in edits]
    own = [own_page(generator, post) for post in edited]
    write_calls(own, output, generator.settings)
    shown([post.url for post in edited])
    others = other_pages(pages, changed, {post.save_as for post in edited})
    write_calls(others, output, generator.settings)
    shown([])
    return True


def runs_code(post: Article) -> bool:
    """Whether the body or summary has code the build's checks remove (authoring/
    script_links.py, a phase the preview does not run): such a post waits for them."""
    fields = vars(post)
    return any(findings_in(fields.get(name) or "") for name in ("_content", "_summary"))


def reworked_once_read(post: Article) -> bool:
    """An incident: its body is reworked once every post is read (its Timeline becomes
    its updates, incidents/fields.py), a step the preview does not run."""
    return getattr(post, "incident", None) is not None


def own_page(generator: ArticlesGenerator, post: Article) -> tuple:
    """Pelican's call for a post's page (generators.py, ArticlesGenerator.generate_articles)."""
    arguments = (post.save_as, generator.get_template(post.template), generator.context)
    keywords = {"relative_urls": generator.settings["RELATIVE_URLS"], "article": post}
    keywords |= {"category": getattr(post, "category", None), "url": post.url, "blog": True}
    keywords["override_output"] = hasattr(post, "override_save_as")
    return arguments, keywords


def other_pages(pages, changed: set[str], own: set[str]) -> list[tuple]:
    """The last build's writer calls that made a page reading one of the `changed` posts."""
    calls: dict[int, tuple] = {}
    for name, seen in pages.index.items():
        call = pages.calls.get(name)
        if call and name not in own and changed.intersection(seen["shows"]):
            (arguments, keywords) = call
            template = getattr(arguments[1], "template", arguments[1])  # not the cache's
            calls.setdefault(id(call), ((*arguments[:1], template, *arguments[2:]), keywords))
    return list(calls.values())
