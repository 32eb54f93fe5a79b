"""Digests of what a page shows, the same in every process for the same inputs.

A page's output is a function of the values its templates looked up (names in the
Jinja context) and of everything reachable from them. `Fingerprints` turns such a
value into a digest: containers item by item, objects field by field, a post, page or
email (anything with a `source_path`) as the digests of every such object reachable
from it (an email and its post reach each other, so each is hashed once, by path).
A value that cannot be told apart from another by its fields (a repr with a memory
address, an open file) raises `Unfingerprintable`: that page is rendered, not reused.
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

# Values whose repr says everything about them, in every process.
PLAIN = (str, int, float, bool, type(None), bytes, complex, decimal.Decimal)
PLAIN += (datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo)
PLAIN += (uuid.UUID, pathlib.PurePath, range, enum.Enum)
# Fields holding the build's settings or its whole context (Pelican's Content, URLWrapper,
# generators): hashed once for the whole build (inputs.py), never object by object.
SHARED_FIELDS = frozenset({"settings", "_context", "context"})
NAMED = (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)


class Unfingerprintable(Exception):
    """A value whose digest would not be the same for the same content."""


def digest(*parts: str) -> str:
    return hashlib.blake2b(
        "\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=20
    ).hexdigest()


def shown_fields(value, names) -> list[str]:
    """The names that hold state: not the build's shared settings and context, and not a
    `functools.cached_property` (worked out from the other fields the first time it is
    read, so present or not depending on what ran before)."""
    kind = type(value)
    return sorted(
        name
        for name in names
        if name not in SHARED_FIELDS
        and not isinstance(getattr(kind, name, None), functools.cached_property)
    )


def is_content(value) -> bool:
    return isinstance(
        getattr(type(value), "__dict__", None), types.MappingProxyType
    ) and isinstance(getattr(value, "__dict__", {}).get("source_path"), str)


class Fingerprints:
    """Digests for one build; `skipped` are values hashed elsewhere (settings, the context)."""

    def __init__(self, skipped: tuple = ()):
        self.skipped = {id(value) for value in skipped}
        self.keep = list(skipped)  # ids stay unique while the values live
        self.own: dict[int, tuple[str, list]] = {}  # content id: (own digest, contents it holds)
        self.reach: dict[int, str] = {}
        self.values: dict[int, str] = {}

    def of(self, value) -> str:
        """The digest of a value and of every post, page or email reachable from it."""
        key = id(value)
        if key not in self.values:
            found: list = []
            text = self.walk(value, found, set())
            reached = sorted({self.content(item) for item in found})
            self.values[key] = digest(text, *reached)
            self.keep.append(value)
        return self.values[key]

    def walk(self, value, found: list, seen: set) -> str:
        """`value` as text; the contents met on the way go into `found`, by path."""
        if isinstance(value, PLAIN):
            return f"{type(value).__name__}:{value!r}"
        if id(value) in self.skipped:
            return "skipped"
        if is_content(value):
            found.append(value)
            return "content:" + value.source_path
        if isinstance(value, NAMED):
            return self.named(value)
        if id(value) in seen:
            return "again"
        seen = seen | {id(value)}
        if isinstance(value, dict):
            pairs = (
                (self.walk(k, found, seen), self.walk(v, found, seen)) for k, v in value.items()
            )
            return "{" + ",".join(sorted(f"{k}={v}" for k, v in pairs)) + "}"
        if isinstance(value, (set, frozenset)):
            return "set(" + ",".join(sorted(self.walk(item, found, seen) for item in value)) + ")"
        if isinstance(value, (list, tuple)):
            inner = ",".join(self.walk(item, found, seen) for item in value)
            return f"{type(value).__name__}({inner})"
        if isinstance(value, (types.MethodType, types.BuiltinMethodType)):
            owner = getattr(value, "__self__", None)
            return self.named(value) + "@" + self.walk(owner, found, seen)
        return self.fields(value, found, seen)

    def named(self, value) -> str:
        module = getattr(value, "__module__", None)
        where = f"{module}.{getattr(value, '__qualname__', value)}"
        code = getattr(value, "__code__", None)
        if code is not None and module in ("__main__", None):
            where += code.co_code.hex()  # a function of a settings file: its code, not its name
        return "named:" + where

    def fields(self, value, found: list, seen: set) -> str:
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
        shown = shown_fields(value, names)
        inner = ",".join(f"{name}={self.walk(names[name], found, seen)}" for name in shown)
        return f"{kind.__module__}.{kind.__qualname__}({inner})"

    def content(self, item) -> str:
        """A post, page or email: every content object reachable from it, by own digest."""
        key = id(item)
        if key not in self.reach:
            reached, stack, seen = {}, [item], set()
            while stack:
                current = stack.pop()
                if id(current) in seen:
                    continue
                seen.add(id(current))
                own, holds = self.own_digest(current)
                reached[current.source_path] = own
                stack.extend(holds)
            self.reach[key] = digest(*(f"{path}:{own}" for path, own in sorted(reached.items())))
            self.keep.append(item)
        return self.reach[key]

    def own_digest(self, item) -> tuple[str, list]:
        """Its own fields (its body among them); the contents it holds, not walked."""
        key = id(item)
        if key not in self.own:
            found: list = []
            fields = vars(item)
            parts = [type(item).__qualname__]
            shown = shown_fields(item, fields)
            parts += [f"{name}={self.walk(fields[name], found, set())}" for name in shown]
            self.own[key] = (digest(*parts), found)
            self.keep.append(item)
        return self.own[key]
