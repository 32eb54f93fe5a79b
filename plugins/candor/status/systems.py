"""The systems a site declares once, in `CANDOR_SYSTEMS`, and the names posts give them.

    CANDOR_SYSTEMS = [
        {"name": "Video rooms", "slug": "video-rooms",
         "description": "Joining and holding meetings.", "group": "Meetings"},
        {"name": "Customer email"},
    ]

`name` is required; `slug` (for addresses and feeds) is made from the name when left
out; `description` and `group` are optional. A post's `Systems:` names them by name
or slug, in any case. A site that declares none keeps `Systems:` as free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from ..build.problems import BuildStopped, Problem

KEYS = ("name", "slug", "description", "group")
EXAMPLE = '{"name": "Video rooms", "description": "Joining and holding meetings."}'
# A slug names files under feeds/system/: no folders, no "..", one spelling whatever
# the file system's case rules, and short enough for any file system's names.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MOST = 60


@dataclass(eq=False)  # one object per declared system: compared by identity
class System:
    name: str
    slug: str
    description: str = ""
    group: str = ""
    posts: list = field(default_factory=list, repr=False)  # incidents and maintenance naming it


def declared_systems(settings: dict) -> list[System]:
    """The systems of `CANDOR_SYSTEMS`; a declaration that cannot be read stops the build."""
    written = settings.get("CANDOR_SYSTEMS") or ()
    if isinstance(written, dict) or not isinstance(written, list | tuple):
        stop(f"is {written!r}; write a list of systems, each like {EXAMPLE}")
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS") or DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    systems: list[System] = []
    for number, entry in enumerate(written, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            stop(f"system {number} is {entry!r}; write each like {EXAMPLE}")
        unknown = sorted(set(entry) - set(KEYS))
        if unknown:
            stop(f'system {number} ("{entry["name"]}") has {unknown[0]!r}; use only {KEYS}')
        if not all(isinstance(entry.get(key, ""), str) for key in KEYS):
            stop(f'system {number} ("{entry["name"]}"): every value is text in quotes')
        name = " ".join(entry["name"].split())
        slug = entry.get("slug") or made_slug(name, subs)
        if not SLUG.fullmatch(slug) or len(slug) > SLUG_MOST:
            stop(
                f'system {number} ("{name}") has the slug "{slug}"; write at most {SLUG_MOST} '
                'lowercase letters, digits and hyphens, like "video-rooms"'
            )
        if not name or not slug:
            stop(f"system {number} has an empty name; write each like {EXAMPLE}")
        for other in systems:
            # `Systems:` names a system by name or slug, in any case: no word may name two.
            if {slug, name.lower()} & {other.slug, other.name.lower()}:
                stop(f'"{name}" and "{other.name}" share a name or slug; give each its own')
        description = entry.get("description", "")
        systems.append(System(name, slug, description.strip(), entry.get("group", "").strip()))
    return systems


def made_slug(name: str, subs) -> str:
    """The slug Pelican would make of a name, cut at a hyphen to at most SLUG_MOST."""
    slug = slugify(name, regex_subs=subs)
    if len(slug) > SLUG_MOST:
        cut = slug[:SLUG_MOST]
        whole_words = slug[SLUG_MOST] == "-" or "-" not in cut
        slug = (cut if whole_words else cut.rsplit("-", 1)[0]).strip("-")
    return slug


def stop(message: str) -> None:
    raise BuildStopped([Problem("settings", "CANDOR_SYSTEMS", message, True)])


def match_systems(written: list[str], systems: list[System]) -> tuple[list[System], list[str]]:
    """(the declared systems named, the names that are none of them)."""
    by_word = {s.name.lower(): s for s in systems} | {s.slug.lower(): s for s in systems}
    found, unknown = [], []
    for name in written:
        system = by_word.get(name.strip().lower())
        if system is None:
            unknown.append(name)
        elif system not in found:
            found.append(system)
    return found, unknown


def known_names(systems: list[System]) -> str:
    return ", ".join(system.name for system in systems)
