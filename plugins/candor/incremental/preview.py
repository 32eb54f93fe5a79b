"""The devserver's first answer to a saved post: its own page, before the whole site.

A whole rebuild re-reads only what changed (memory.py) and reuses unchanged pages
(writer.py), but still links, checks and lists everything. When the only change is
the body of posts the last build read (their header fields exactly as they were),
the devserver first renders those posts' own pages with the last build's templates
and context, puts each in place in the served folder, and tells the browser; the
whole rebuild follows at once and replaces them. Anything else (a header field, a
new or removed file, a template, a setting) goes straight to the whole rebuild.

What is kept from the last build: its posts generator, remembered as it is made.
"""

from __future__ import annotations

import copy
import functools
import os
import tempfile

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from .fingerprints import Fingerprints
from .memory import SETTING

# Content folder: the posts generator of the last build that finished, and of this one.
LAST: dict[str, ArticlesGenerator] = {}
BUILDING: dict[str, ArticlesGenerator] = {}


def remember_posts_generator(generator) -> None:
    if isinstance(generator, ArticlesGenerator) and generator.settings.get(SETTING):
        BUILDING[generator.settings["PATH"]] = generator


def keep_finished_build(settings: dict) -> None:
    """Only a build that wrote every page is the one a preview starts from."""
    finished = BUILDING.pop(settings["PATH"], None)
    if finished is not None:
        LAST[settings["PATH"]] = finished


def posts_by_source(generator: ArticlesGenerator) -> dict[str, Article]:
    every = generator.articles + generator.translations
    every += generator.hidden_articles + generator.hidden_translations
    return {post.source_path: post for post in every}


def header(post: Article) -> str:
    """Its header fields as read; a category, tag or author by name (the build fills in
    the rest of those objects later)."""

    def plain(value):
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}:{value.name}"
        if isinstance(value, (list, tuple)):
            return [plain(item) for item in value]
        return value

    return Fingerprints().walk({k: plain(v) for k, v in post.metadata.items()}, set())


def same_header(old: Article, new: Article) -> bool:
    return header(old) == header(new)


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


def render_edited_posts(settings: dict, changed: set[str]) -> list[str]:
    """Render the pages of the posts in `changed` whose bodies alone changed, into
    OUTPUT_PATH; their addresses, or [] when the change needs the whole rebuild."""
    generator = LAST.get(settings["PATH"])
    if generator is None or not changed:
        return []
    posts = posts_by_source(generator)
    if not all(path in posts for path in changed):
        return []
    edited = []
    for path in sorted(changed):
        old = posts[path]
        new = reread(generator, old)
        if new is None or not same_header(old, new):
            return []
        shown = copy.copy(old)  # what the last build linked to it, with the new body
        shown._content = new._content
        for name in list(vars(shown)):  # worked out from the old body: work out again
            if isinstance(getattr(type(shown), name, None), functools.cached_property):
                del vars(shown)[name]
        edited.append(shown)
    output = settings["OUTPUT_PATH"]
    with tempfile.TemporaryDirectory(dir=os.path.dirname(output)) as scratch:
        writer = Writer(scratch, settings=generator.settings)
        for post in edited:
            writer.write_file(
                post.save_as,
                generator.get_template(post.template),
                generator.context,
                relative_urls=generator.settings["RELATIVE_URLS"],
                article=post,
                category=getattr(post, "category", None),
                url=post.url,
                blog=True,
            )
            target = os.path.join(output, post.save_as)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(scratch, post.save_as), target)  # whole, never half
    return [post.url for post in edited]
