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

from .inputs import settings_digest

SETTING = "CANDOR_KEEP_IN_MEMORY"


class PickledReads(dict):
    """A reader cache (path: (file stamp, (body, metadata))) that hands out copies."""

    def __setitem__(self, path, value):
        super().__setitem__(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def get(self, path, default=None):
        kept = super().get(path)
        return default if kept is None else pickle.loads(kept)


READS: dict[str, PickledReads] = {}


def keep_reads_in_memory(readers, metadata_steps) -> None:
    """For each Readers Pelican makes: its cache, the process's own, for these settings."""
    if not readers.settings.get(SETTING):
        return
    # Pelican's cache attributes (pelican/cache.py, FileDataCacher.__init__): no hook
    # chooses where a reader cache lives, so the instance's are replaced.
    readers._cache = READS.setdefault(settings_digest(readers.settings), PickledReads())
    readers._cache_data_policy = True
    readers.save_cache = lambda: None
