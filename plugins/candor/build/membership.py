"""Pelican's quadratic loop on tag, category and author pages, made linear, same output.

What Pelican does (pelican/generators.py, ArticlesGenerator): `generate_tags`,
`generate_categories` and `generate_authors` each give their page the posts in date
order as `dates = [article for article in self.dates if article in articles]`, where
`articles` is that tag's list: a list scan for every post of the site, once per tag,
category and author. At 10,000 posts with 40 tags that is about 5 s.

What this does: once everything is read (nothing adds a post to a tag afterwards),
each tag's, category's and author's list of posts becomes a `PostList`, a list like
any other whose `in` asks a set of the posts' identities. Pelican's content has no
`__eq__`, so a list's `in` already compared identities: the same answers, in order.

Why this way: the loop has no hook and patching `generate_tags` would copy it, but its
lists are the generator's, handed to us by `all_generators_finalized` before anything
is written. `CANDOR_LINEAR_POST_LISTS = False` turns this off.

Left to Pelican: `process_translations` (pelican/utils.py) ends with
`[x for x in content_list if x not in index]`, also quadratic, but 7 ms at 1,000 posts
and 0.5 s at 10,000; fixing it here would mean a copy of the whole function.
"""

from __future__ import annotations

from pelican import generators

from .phases import Build

SETTING = "CANDOR_LINEAR_POST_LISTS"


class PostList(list):
    """A tag's (category's, author's) posts: a list, with `in` by identity through a set."""

    def __init__(self, posts):
        super().__init__(posts)
        self._identities = {id(post) for post in self}
        self._length = len(self)

    def __contains__(self, post) -> bool:
        if len(self) != self._length:  # changed since: as slow as a list, and as right
            return super().__contains__(post)
        return id(post) in self._identities


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
