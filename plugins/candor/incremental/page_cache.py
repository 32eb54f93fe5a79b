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

import contextlib
import json
import os
import re
import sys
import tempfile

from pelican.contents import Content

from .fingerprints import Fingerprints, Unfingerprintable, digest

FORMAT = "candor-pages-3"
INDEX = "index.json"
MISSING = object()

# Store folder: its index (page address: {"names": the names its templates looked up,
# "shows": the source paths of the posts whose fields they read}).
MEMORY: dict[str, dict[str, dict]] = {}
# A link Pelican works out while it renders a body ({filename}, {static}, |tag|...,
# pelican/contents.py, Content._update_content): that page shows other files' addresses.
INTRASITE_LINK = re.compile(r"""=\s*["'][{|]""")
# A key as `digest` writes it. The index's keys name the files the next build removes:
# anything else (a path, `..`) would make a damaged or hostile index delete other files.
KEY = re.compile(r"[0-9a-f]{40}")


def store_folder(settings: dict) -> str:
    return os.path.join(settings["CACHE_PATH"], "candor-pages")


def load_index(folder: str) -> dict[str, dict]:
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
    return (
        {name: entry for name, entry in pages.items() if usable(entry)}
        if isinstance(pages, dict)
        else {}
    )


def usable(entry) -> bool:
    """An index entry as this version writes it (a damaged one is left out: rendered)."""
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(f), list) for f in ("names", "shows"))
        and all(isinstance(item, str) for item in entry["names"] + entry["shows"])
        and (entry.get("key") is None or bool(KEY.fullmatch(str(entry.get("key")))))
    )


class PageCache:
    """One build's view of the store: keys, lookups, and what to keep."""

    def __init__(self, folder: str, site: str, contents: list, static: list):
        self.folder = folder
        self.site = site
        self.fingerprints = Fingerprints()
        self.contents = {content.source_path: content for content in contents}
        # The fields each had before any page rendered: what rendering adds is a memo.
        self.fields_before = {path: frozenset(vars(c)) for path, c in self.contents.items()}
        self.static = static
        self.addresses = ""
        self.index = dict(load_index(folder))
        self.previous_keys = {entry.get("key") for entry in self.index.values()}
        self.used: set[str] = set()
        self.calls: dict[str, tuple] = {}  # page: the writer's call that made it
        self.reused = 0
        self.rendered = 0
        self.broken = False  # the store could not be written: said once

    def key(self, name: str, parts: tuple, seen: dict, lookup) -> str | None:
        """The page's key from what it `seen` (an index entry), or None when one of
        those values cannot be fingerprinted."""
        fingerprints = self.fingerprints
        try:
            looked_up = [f"{n}={self.value(lookup(n))}" for n in seen["names"]]
            shown = [self.contents.get(path) for path in seen["shows"]]
            shows = [fingerprints.content(c) if c else "gone" for c in shown]
        except Unfingerprintable:
            return None
        links = self.links_digest() if any(c and self.links(c) for c in shown) else ""
        return digest(FORMAT, self.site, name, *map(str, parts), *looked_up, *shows, links)

    def value(self, value) -> str:
        return "missing" if value is MISSING else self.fingerprints.of(value)

    @staticmethod
    def links(content: Content) -> bool:
        fields = vars(content)
        return any(
            INTRASITE_LINK.search(fields.get(name) or "") for name in ("_content", "_summary")
        )

    def links_digest(self) -> str:
        """Every file's address, for a page whose body links to other files by name."""
        if not self.addresses:
            every = list(self.contents.values()) + self.static
            self.addresses = digest(*sorted(f"{c.source_path}={c.url}={c.save_as}" for c in every))
        return self.addresses

    def stored(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def find(self, key: str) -> str | None:
        """The page kept under `key`, if any."""
        try:
            with open(self.stored(key), encoding="utf-8", newline="") as kept:
                text = kept.read()
        except (OSError, UnicodeDecodeError):
            return None
        self.used.add(key)
        return text

    def keep(self, key: str, text: str) -> None:
        """Keep a page just rendered under `key`: written aside, then renamed into place.
        A cache that cannot be written is a slower next build, never a failed one."""
        if self.broken:
            return
        try:
            self.write_aside(key, text)
        except OSError as error:
            self.unwritable(error)

    def unwritable(self, error: OSError) -> None:
        if not self.broken:
            where = error.filename or self.folder
            print(f"Page cache: cannot write {where} ({error.strerror}); pages are rendered.",
                  file=sys.stderr)  # fmt: skip
        self.broken = True

    def write_aside(self, key: str, text: str) -> None:
        target = self.stored(key)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, spare = tempfile.mkstemp(prefix=".keep-", dir=os.path.dirname(target))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(spare, target)
        self.used.add(key)

    def save(self) -> None:
        """Remember the index; drop stored pages this build did not use."""
        MEMORY[self.folder] = self.index
        print(f"Page cache: {self.reused} pages reused, {self.rendered} rendered.", file=sys.stderr)
        try:
            self.write_index()
        except OSError as error:
            self.unwritable(error)

    def write_index(self) -> None:
        os.makedirs(self.folder, exist_ok=True)
        spare = os.path.join(self.folder, f".{INDEX}.{os.getpid()}")
        with open(spare, "w", encoding="utf-8") as out:
            json.dump({"format": FORMAT, "pages": self.index}, out)
        os.replace(spare, os.path.join(self.folder, INDEX))
        if self.previous_keys - {None}:
            for key in self.previous_keys - self.used:  # what the last build kept, unused now
                with contextlib.suppress(OSError):
                    os.unlink(self.stored(key))
            return
        for root, _, files in os.walk(self.folder):  # no index to go by: look at every file
            for name in files:
                if root != self.folder and name not in self.used:
                    os.unlink(os.path.join(root, name))
