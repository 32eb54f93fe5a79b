"""Each post's, page's and email's addresses worked out once, not on every look-up.

What Pelican does: `Content.url`, `save_as` (and Candor's own `eml_save_as`, ...) are
properties. Each look-up runs `get_url_setting` -> `_expand_settings` -> `url_format`
(pelican/contents.py), which copies the whole metadata dict, works out the source
path relative to PATH (`get_relative_source_path`: abspath, relpath) and formats the
setting. Templates, feeds, the sitemap, the ledger and the share tags look an address
up again and again: about 24,000 computations in the 1,000-post build, 1.3 s of a
19.5 s profile.

What this does: `_expand_settings(key, klass)` remembers its answer on the object.
Setting (or deleting) any attribute an address is made from forgets every remembered
answer: `url_format`'s inputs (`metadata`, `slug`, `lang`, `date`, `author`,
`category`, `source_path`), the status (drafts have their own addresses),
`settings`, and any `override_*`. Others (`_content`, `translations`, Candor's
`candor_share`, ...) are set on every post while pages are written and do not move
it. So an address is never older than the object it describes, whichever phase
changes a slug or a date. What this cannot see: the `metadata` dict changed in
place, or a category's own slug changed, after an address was looked up; no step of
Candor or Pelican does either (the differential test builds whole sites with and
without this and compares them).

Why a patch: Pelican has no hook around its address properties, and they are
properties of the class, so an answer cannot be stored under the same name on the
object. `CANDOR_ADDRESSES_ONCE = False` turns this off.
"""

from __future__ import annotations

from pelican.contents import Content

SETTING = "CANDOR_ADDRESSES_ONCE"
REMEMBERED = "_candor_addresses"

_expand_every_time = Content._expand_settings


def _expand_once(self, key: str, klass: str | None = None) -> str:
    if not self.settings.get(SETTING):
        return _expand_every_time(self, key, klass)
    remembered = self.__dict__.get(REMEMBERED)
    if remembered is None:
        remembered = self.__dict__[REMEMBERED] = {}  # not through __setattr__ below
    answer = remembered.get((key, klass))
    if answer is None:
        answer = remembered[(key, klass)] = _expand_every_time(self, key, klass)
    return answer


# What Content.url_format (pelican/contents.py), get_url_setting and Article's and
# Candor's _expand_settings read from the object.
ADDRESS_INPUTS = frozenset(
    {"metadata", "slug", "lang", "date", "author", "category", "source_path"}
    | {"status", "_status", "settings", "url_fields"}
)


def _moves_address(name: str) -> bool:
    return name in ADDRESS_INPUTS or name.startswith("override_")


def _set_and_forget_addresses(self, name: str, value) -> None:
    object.__setattr__(self, name, value)
    if _moves_address(name):
        self.__dict__.pop(REMEMBERED, None)


def _delete_and_forget_addresses(self, name: str) -> None:
    object.__delattr__(self, name)
    if _moves_address(name):
        self.__dict__.pop(REMEMBERED, None)


def install(settings: dict) -> None:
    """For the settings phase: patch once per process; the setting decides per object."""
    if Content._expand_settings is not _expand_once:
        Content._expand_settings = _expand_once
        Content.__setattr__ = _set_and_forget_addresses
        Content.__delattr__ = _delete_and_forget_addresses
