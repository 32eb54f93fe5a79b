"""Incremental builds: pages reused when nothing they show has changed, and a devserver
that keeps what it read between builds.

fingerprints.py  digests of what a page shows, the same in every process
inputs.py        what every page depends on: the code, the theme, settings, other files
page_cache.py    the page store and its index, in CACHE_PATH/candor-pages
writer.py        Pelican's writer, reusing a stored page instead of rendering it
memory.py        the devserver's reads, kept in memory between builds
preview.py       the devserver's first answer to a saved post: its own page, at once

CANDOR_PAGE_CACHE (default off; the devserver turns it on) reuses pages across builds;
CANDOR_KEEP_IN_MEMORY (the devserver's) keeps what each file read as between builds.
"""

from __future__ import annotations

from ..build.phases import Feature
from .memory import keep_reads_in_memory, name_the_reads
from .preview import keep_finished_build, remember_posts_generator
from .writer import caching_writer, save_page_cache


def incremental_settings(settings: dict) -> None:
    settings.setdefault("CANDOR_PAGE_CACHE", False)
    settings.setdefault("CANDOR_KEEP_IN_MEMORY", False)
    name_the_reads(settings)


FEATURE = Feature(
    "incremental",
    settings=(incremental_settings,),
    each_generator=(keep_reads_in_memory, remember_posts_generator),
    writers=(caching_writer,),
    written=(save_page_cache, keep_finished_build),
)
