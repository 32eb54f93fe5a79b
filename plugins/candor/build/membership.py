"""Pelican's quadratic loops over posts, made linear without changing what they give.

What Pelican does (pelican/generators.py, ArticlesGenerator): `generate_tags`,
`generate_categories` and `generate_authors` each give their page the posts in date
order as `dates = [article for article in self.dates if article in articles]`, where
`articles` is that tag's list: a list scan for every post of the site, once per tag,
category and author: 4.0 s at 10,000 posts (20 tags, 4 categories), 0.05 s at 1,000.
And `process_translations` (pelican/utils.py), called by the articles' and the pages'
`generate_context`, ends with `[x for x in content_list if x not in index]`, every
post against the list of every post: 1.0 s at 10,000 posts, 0.01 s at 1,000.

What this does: once everything is read (nothing adds a post to a tag afterwards),
each tag's, category's and author's list of posts becomes a `PostList`, a list like
any other whose `in` asks a set of the posts' identities. Pelican's content has no
`__eq__`, so a list's `in` already compared identities: the same answers, in order.

`process_translations` is called once per group of translations (the posts sharing a
slug) instead of once for them all: its lists are then a group long, and what it
gives is the same (groups are contiguous once sorted, and each post is compared only
within its group).

Why these ways: the tag loop has no hook and patching `generate_tags` would copy it,
but its lists are the generator's, handed to us by `all_generators_finalized` before
anything is written. `process_translations` runs inside `generate_context` with no
signal in between, so the name pelican/generators.py imported is replaced by one that
calls Pelican's own function, group by group. `CANDOR_LINEAR_POST_LISTS = False` turns
both off.
"""

from __future__ import annotations

from itertools import groupby
from operator import attrgetter

from pelican import generators, utils

from .phases import Build

SETTING = "CANDOR_LINEAR_POST_LISTS"


class PostList(list):
    """A tag's (category's, author's) posts: a list, with `in` by identity through a set."""

    def __init__(self, posts):
        super().__init__(posts)
        self._identities = set(self)  # posts hash by identity: no __eq__, no __hash__
        self._length = len(self)

    def __contains__(self, post) -> bool:
        if len(self) != self._length:  # changed since: as slow as a list, and as right
            return super().__contains__(post)
        return post in self._identities


def index_post_lists(build: Build) -> None:
    """Every article generator's tag, category and author lists as `PostList`s."""
    if not build.context.get(SETTING):
        return
    for generator in build.generators:
        if not isinstance(generator, generators.ArticlesGenerator):
            continue
        replaced = {}
        for tag, posts in generator.tags.items():
            generator.tags[tag] = replaced[id(posts)] = PostList(posts)
        for groups in (generator.categories, generator.authors):
            for number, (group, posts) in enumerate(groups):
                groups[number] = (group, replaced.setdefault(id(posts), PostList(posts)))
        # The context holds the tags as its own list of pairs (Generator._update_context).
        for groups in (generator.context.get(name) for name in ("tags", "categories", "authors")):
            for number, pair in enumerate(groups if isinstance(groups, list) else ()):
                if isinstance(pair, tuple) and len(pair) == 2 and id(pair[1]) in replaced:
                    groups[number] = (pair[0], replaced[id(pair[1])])


_process_translations = utils.process_translations


def process_translations_by_group(content_list, translation_id=None):
    """Pelican's `process_translations`, called once per group of translations."""
    if not translation_id or not content_list or not content_list[0].settings.get(SETTING):
        return _process_translations(content_list, translation_id)
    ids = {translation_id} if isinstance(translation_id, str) else translation_id
    try:
        same_group = attrgetter(*ids)
        content_list.sort(key=same_group)  # in place, as Pelican's does
    except (TypeError, AttributeError):
        return _process_translations(content_list, translation_id)  # for Pelican's message
    originals, translations = [], []
    for _, group in groupby(content_list, same_group):
        group_originals, group_translations = _process_translations(list(group), translation_id)
        originals += group_originals
        translations += group_translations
    return originals, translations


def install(settings: dict) -> None:
    """For the settings phase: patch once per process; the setting decides per build."""
    generators.process_translations = process_translations_by_group
