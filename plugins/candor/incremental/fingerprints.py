"""Digests of what a page shows, the same in every process for the same inputs.

A value becomes text: containers item by item, objects field by field, and a post,
page or email (a Pelican `Content`) only by its source path. What a post *shows* is
hashed separately (`content`): its own fields, its body among them, and those of any
post, page or email one of its fields is (a post's email, an email's post). Posts
reached further away (a feed's items, a system's posts) count only as paths: the
writer adds every post whose fields a page's templates read (writer.py), so a page
depends on what it shows, not on everything linked to it.

Fields left out: the build's settings and context (hashed once, inputs.py), and
`functools.cached_property` values (worked out from the other fields when first read,
so present or not depending on what ran before). A value that cannot be told apart
from another by its fields (a repr with a memory address) raises `Unfingerprintable`:
that page is rendered, not reused.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import functools
import hashlib
import pathlib
import types
import uuid

from pelican.contents import Content

# Values whose repr says everything about them, in every process.
PLAIN = (str, int, float, bool, type(None), bytes, complex, decimal.Decimal)
PLAIN += (datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo)
PLAIN += (uuid.UUID, pathlib.PurePath, range, enum.Enum)
NAMED = (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)
# Fields holding the build's settings or its whole context (Pelican's Content, URLWrapper,
# generators): hashed once for the whole build (inputs.py), never object by object.
SHARED_FIELDS = frozenset({"settings", "_context", "context"})


class Unfingerprintable(Exception):
    """A value whose digest would not be the same for the same content."""


def digest(*parts: str) -> str:
    joined = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=20).hexdigest()


def shown_fields(value, names) -> list[str]:
    kind = type(value)
    return sorted(
        name
        for name in names
        if name not in SHARED_FIELDS
        and not isinstance(getattr(kind, name, None), functools.cached_property)
    )


class Fingerprints:
    """Digests for one build, each worked out once (the values are kept alive meanwhile,
    so that an id names one value)."""

    def __init__(self):
        self.keep: list = []
        self.texts: dict[int, str] = {}
        self.own: dict[int, str] = {}
        self.shows: dict[int, str] = {}
        self.values: dict[int, str] = {}

    def of(self, value) -> str:
        """A value looked up by a template: a post as what it shows, anything else as text."""
        if isinstance(value, Content):
            return "content:" + self.content(value)
        if isinstance(value, PLAIN):
            return digest(self.walk(value, set()))
        key = id(value)
        if key not in self.values:
            self.values[key] = digest(self.walk(value, set()))
            self.keep.append(value)
        return self.values[key]

    def content(self, item: Content) -> str:
        """A post, page or email: its own fields and those of the contents its fields are."""
        key = id(item)
        if key not in self.shows:
            linked = [v for v in vars(item).values() if isinstance(v, Content) and v is not item]
            parts = [self.own_digest(item)] + sorted(self.own_digest(v) for v in linked)
            self.shows[key] = digest(*parts)
            self.keep.append(item)
        return self.shows[key]

    def own_digest(self, item: Content) -> str:
        key = id(item)
        if key not in self.own:
            fields = vars(item)
            parts = [type(item).__qualname__, item.source_path]
            parts += [
                f"{name}={self.walk(fields[name], set())}" for name in shown_fields(item, fields)
            ]
            self.own[key] = digest(*parts)
            self.keep.append(item)
        return self.own[key]

    def walk(self, value, seen: set) -> str:
        if isinstance(value, PLAIN):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, Content):
            return "content:" + value.source_path
        if isinstance(value, NAMED):
            return self.named(value)
        key = id(value)
        if key in self.texts:
            return self.texts[key]
        if key in seen:
            return "again"
        seen = seen | {key}
        # A container or an object stands in its parent's text by its digest: each is
        # hashed once, and no text grows with the site.
        text = "#" + digest(self.compound(value, seen))
        self.texts[key] = text
        self.keep.append(value)
        return text

    def compound(self, value, seen: set) -> str:
        if isinstance(value, dict):
            pairs = ((self.walk(k, seen), self.walk(v, seen)) for k, v in value.items())
            return "{" + ",".join(sorted(f"{k}={v}" for k, v in pairs)) + "}"
        if isinstance(value, (set, frozenset)):
            return "set(" + ",".join(sorted(self.walk(item, seen) for item in value)) + ")"
        if isinstance(value, (list, tuple)):
            inner = ",".join(self.walk(item, seen) for item in value)
            return f"{type(value).__name__}({inner})"
        if isinstance(value, (types.MethodType, types.BuiltinMethodType)):
            return self.named(value) + "@" + self.walk(getattr(value, "__self__", None), seen)
        return self.fields(value, seen)

    def named(self, value) -> str:
        module = getattr(value, "__module__", None)
        where = f"{module}.{getattr(value, '__qualname__', value)}"
        code = getattr(value, "__code__", None)
        if code is not None and module in ("__main__", None):
            where += code.co_code.hex()  # a function of a settings file: its code, not its name
        return "named:" + where

    def fields(self, value, seen: set) -> str:
        kind = type(value)
        names = dict(getattr(value, "__dict__", {}))
        for slots in (getattr(k, "__slots__", ()) for k in kind.__mro__):
            for name in (slots,) if isinstance(slots, str) else slots:
                if name not in ("__dict__", "__weakref__") and hasattr(value, name):
                    names[name] = getattr(value, name)
        if not names and hasattr(value, "__dict__"):
            return f"{kind.__module__}.{kind.__qualname__}()"  # no state: its class says all
        if not names:
            shown = repr(value)
            if " at 0x" in shown:
                raise Unfingerprintable(f"{kind.__module__}.{kind.__qualname__}")
            return f"{kind.__qualname__}:{shown}"
        inner = ",".join(f"{n}={self.walk(names[n], seen)}" for n in shown_fields(value, names))
        return f"{kind.__module__}.{kind.__qualname__}({inner})"
