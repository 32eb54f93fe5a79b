"""What a generator read, whatever its status or language: one list for every module.

Pelican keeps posts, pages and (in Candor) emails in several lists per
generator: published, hidden, drafts and their translations. Checks must see all
of them, so a draft with a bad field is caught before it is published.
"""

from __future__ import annotations

CONTENT_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations", "drafts",
    "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
    "emails",
)  # fmt: skip


def read_by(generator) -> list:
    """Every post, page or email this generator read, each once."""
    seen: dict[int, object] = {}
    for name in CONTENT_LISTS:
        for content in getattr(generator, name, None) or []:
            seen.setdefault(id(content), content)
    return list(seen.values())


def every_content(generators: list) -> list:
    """Every post, page and email of the build, each once."""
    seen: dict[int, object] = {}
    for generator in generators:
        for content in read_by(generator):
            seen.setdefault(id(content), content)
    return list(seen.values())
