"""Whether a path is inside a folder: the one test every guard uses (confinement of
content, the output folder's guard, a mailing list's place, an import's source)."""

from __future__ import annotations

import os


def is_within(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or inside it, both already resolved (os.path.realpath).
    A prefix test alone would take /site/content-old for inside /site/content."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def resolves_within(path: str, folder: str) -> bool:
    """`is_within` once every symbolic link on either side is resolved."""
    return is_within(os.path.realpath(path), os.path.realpath(folder))
