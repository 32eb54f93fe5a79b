"""The page store: finished pages kept under the digest of what they were made from.

A page's key is the site's digest (inputs.py), the page's address and template, and
the digest of every value its templates looked up the last time it was rendered
(the index remembers those names, page by page). The store holds one file per key,
written under a temporary name and renamed into place, so an interrupted build leaves
either a whole page or none; a key names what the page was made from, so a page kept
by a build that later failed its checks is still right for that key. The index is a
hint only: names that are out of date give a key that matches nothing, and the page
is rendered.

The store lives in CACHE_PATH/candor-pages, outside the output. A devserver keeps
the index in memory between builds (`MEMORY`), with the digests of unchanged files.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

from .fingerprints import Fingerprints, Unfingerprintable, digest, is_content

FORMAT = "candor-pages-1"
INDEX = "index.json"
MISSING = object()

# Store folder: the index of names (page address: the names its templates looked up).
MEMORY: dict[str, dict[str, list[str]]] = {}


def store_folder(settings: dict) -> str:
    return os.path.join(settings["CACHE_PATH"], "candor-pages")


def load_index(folder: str) -> dict[str, list[str]]:
    if folder in MEMORY:
        return MEMORY[folder]
    try:
        with open(os.path.join(folder, INDEX), encoding="utf-8") as source:
            saved = json.load(source)
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or saved.get("format") != FORMAT:
        return {}
    pages = saved.get("pages")
    return pages if isinstance(pages, dict) else {}


class PageCache:
    """One build's view of the store: keys, lookups, and what to keep."""

    def __init__(self, folder: str, site: str, fingerprints: Fingerprints):
        self.folder = folder
        self.site = site
        self.fingerprints = fingerprints
        self.index = dict(load_index(folder))
        self.used: set[str] = set()
        self.reused = 0
        self.rendered = 0

    def key(self, name: str, parts: tuple, names: list[str], lookup) -> str | None:
        """The page's key, or None when one of its values cannot be fingerprinted."""
        try:
            looked_up = [f"{n}={self.value(lookup(n))}" for n in sorted(names)]
        except Unfingerprintable:
            return None
        return digest(FORMAT, self.site, name, *map(str, parts), *looked_up)

    def value(self, value) -> str:
        if value is MISSING:
            return "missing"
        if is_content(value):
            return "content:" + self.fingerprints.content(value)
        return self.fingerprints.of(value)

    def stored(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def has(self, key: str) -> bool:
        return os.path.exists(self.stored(key))

    def keep(self, key: str, written: str) -> None:
        """Put the page just written under `key` (a hard link: the store and the new
        output share the file; nothing ever writes into either in place)."""
        target = self.stored(key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        spare = tempfile.mktemp(prefix=".keep-", dir=os.path.dirname(target))
        try:
            os.link(written, spare)
        except OSError:
            shutil.copyfile(written, spare)
        os.replace(spare, target)
        self.used.add(key)

    def save(self) -> None:
        """Remember the index; drop stored pages this build did not use."""
        os.makedirs(self.folder, exist_ok=True)
        spare = os.path.join(self.folder, f".{INDEX}.{os.getpid()}")
        with open(spare, "w", encoding="utf-8") as out:
            json.dump({"format": FORMAT, "pages": self.index}, out)
        os.replace(spare, os.path.join(self.folder, INDEX))
        MEMORY[self.folder] = self.index
        for root, _, files in os.walk(self.folder):
            for name in files:
                if root != self.folder and name not in self.used:
                    os.unlink(os.path.join(root, name))
