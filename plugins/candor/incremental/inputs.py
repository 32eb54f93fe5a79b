"""What every page of a build depends on: the code, the theme, the settings, the files.

`site_digest` is one digest of the plugin's own files, the theme and its overrides,
the versions of Pelican, Jinja and Markdown, the settings (all but the output and
cache folders, which change between staged builds), and every file in the content
folder that is not itself a post, page or email (a ledger, a data file, an image:
each by size and modification time). A cache made by another Candor, another theme
or other settings never matches it, so it is ignored rather than trusted.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib import metadata

from ..build.problems import BUILD_STATE_KEY
from .fingerprints import Fingerprints, digest

PLUGIN_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Per run, not per site: the staging folder is new every build.
PER_RUN_SETTINGS = ("OUTPUT_PATH", "CACHE_PATH", BUILD_STATE_KEY, "CANDOR_READS_KEY")
LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe")

# A file's bytes hashed once per process while its size and time stay the same.
_hashed: dict[str, tuple[tuple, str]] = {}


def stamp(path: str) -> tuple | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def file_digest(path: str) -> str:
    now = stamp(path)
    known = _hashed.get(path)
    if known and known[0] == now:
        return known[1]
    with open(path, "rb") as source:
        made = hashlib.blake2b(source.read(), digest_size=20).hexdigest()
    _hashed[path] = (now, made)
    return made


def every_file(folder: str) -> list[str]:
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found += [os.path.join(root, name) for name in files if not name.endswith(".pyc")]
    return sorted(found)


def folder_digest(folder: str, by_bytes: bool = True, leave_out: frozenset = frozenset()) -> str:
    parts = []
    for path in every_file(folder):
        relative = os.path.relpath(path, folder)
        if relative in leave_out:
            continue
        parts.append(f"{relative}:{file_digest(path) if by_bytes else stamp(path)}")
    return digest(folder, *parts)


def settings_digest(settings: dict) -> str:
    kept = {key: value for key, value in settings.items() if key not in PER_RUN_SETTINGS}
    return Fingerprints().of(kept)


def code_digest(settings: dict) -> str:
    """The plugin, the theme and its overrides, the libraries that render."""
    parts = [sys.version, folder_digest(PLUGIN_FOLDER)]
    parts += [f"{name}={metadata.version(name)}" for name in LIBRARIES]
    for folder in [settings.get("THEME", "")] + list(settings.get("THEME_TEMPLATES_OVERRIDES", [])):
        if folder and os.path.isdir(folder):
            parts.append(folder_digest(folder))
    return digest(*parts)


def site_digest(settings: dict, content_sources: frozenset) -> str:
    """Everything a build's pages share; `content_sources`: the posts, pages and emails
    (relative to PATH), which are fingerprinted one by one instead."""
    files = folder_digest(settings["PATH"], by_bytes=False, leave_out=content_sources)
    return digest(code_digest(settings), settings_digest(settings), files)
