"""What a long-lived process (the devserver) keeps between builds: what each file read as.

Pelican's readers keep (body, metadata) per file, checked against the file's time
(pelican/cache.py, `FileStampDataCacher`), but only in a pickle on disk that each run
loads and saves whole (CACHE_CONTENT). A devserver runs build after build in one
process, so it keeps them here instead: a changed file is read again, every other
file comes back as it was read. Each is kept pickled, as on disk, so no build can
change what the next one starts from. Other settings, another set of reads.
"""

from __future__ import annotations

import pickle

from pelican.contents import Content

from .inputs import settings_digest

SETTING = "CANDOR_KEEP_IN_MEMORY"
# The settings as given, before the build's readers add to them (Pelican's Markdown
# reader appends to MARKDOWN as it is made): which reads are this site's.
READS_KEY = "CANDOR_READS_KEY"


class PickledReads(dict):
    """A reader cache (path: (file stamp, (body, metadata))) that hands out copies."""

    def __setitem__(self, path, value):
        try:
            kept = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError):
            self.pop(path, None)  # read again next time, as without a cache
            return
        super().__setitem__(path, kept)

    def get(self, path, default=None):
        kept = super().get(path)
        return default if kept is None else pickle.loads(kept)


READS: dict[str, PickledReads] = {}


def forget_worked_out_bodies() -> None:
    """Pelican keeps each post's body and summary, once worked out, in a dictionary of
    the class (pelican/utils.py `memoized`, on Content.get_content and get_summary) for
    as long as the process lives: a long-lived process would hold every build's posts,
    and a post changed in place would show its old body."""
    for name in ("get_content", "get_summary"):
        kept = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(kept, dict):
            kept.clear()


def name_the_reads(settings: dict) -> None:
    if settings.get(SETTING):
        settings[READS_KEY] = settings_digest(settings)
        forget_worked_out_bodies()  # a new build: its own posts


def keep_reads_in_memory(generator) -> None:
    """For each generator's readers: their cache, the process's own, for these settings.
    Pelican sets a reader cache up at the end of `Readers.__init__`, after the
    readers_init signal, so this runs as the generator is made (generator_init)."""
    readers = getattr(generator, "readers", None)
    if readers is None or not generator.settings.get(SETTING):
        return
    # Pelican's cache attributes (pelican/cache.py, FileDataCacher.__init__): no hook
    # chooses where a reader cache lives, so the instance's are replaced.
    readers._cache = READS.setdefault(generator.settings[READS_KEY], PickledReads())
    readers._cache_data_policy = True
    readers.save_cache = lambda: None
