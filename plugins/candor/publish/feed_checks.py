"""Feeds in a built site: each must parse the way real feed readers parse it.

Atom and RSS go through feedparser, which readers are built on: a feed it flags
(`bozo`) is one some reader will drop. JSON Feeds are validated against the
JSON Feed 1.1 schema in `schemas/`. The ids and titles found are returned, for
the ledger and draft checks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import feedparser
import jsonschema

JSON_FEED_SCHEMA = Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json"
# Errors shown per JSON Feed: the first few say what is wrong; the rest repeat it.
SHOWN_ERRORS = 3


@dataclass
class FeedContents:
    ids: set[str] = field(default_factory=set)  # every entry's and every Atom feed's id
    titles: set[str] = field(default_factory=set)  # every entry's title


@cache
def json_feed_validator():
    schema = json.loads(JSON_FEED_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def feed_files(files: set[str], feeds_path: str) -> list[str]:
    folder = feeds_path.strip("/") + "/"
    return sorted(f for f in files if f.startswith(folder) and f.endswith((".xml", ".json")))


def check_feeds(
    root: str, files: set[str], feeds_path: str, report: Callable[[str, str, str], None]
) -> FeedContents:
    found = FeedContents()
    for path in feed_files(files, feeds_path):
        with open(os.path.join(root, path), "rb") as handle:
            data = handle.read()
        if path.endswith(".json"):
            check_json_feed(path, data, found, report)
        else:
            check_xml_feed(path, data, found, report)
    return found


def check_xml_feed(path: str, data: bytes, found: FeedContents, report) -> None:
    feed = feedparser.parse(data)
    if feed.bozo:
        report(
            path,
            "feed",
            f"does not parse cleanly ({feed.get('bozo_exception')}); feed readers may "
            "drop it: check the templates or content that produced it",
        )
        return
    if feed.feed.get("id"):
        found.ids.add(feed.feed.id)
    for entry in feed.entries:
        if entry.get("id"):
            found.ids.add(entry.id)
        if entry.get("title"):
            found.titles.add(entry.title)


def check_json_feed(path: str, data: bytes, found: FeedContents, report) -> None:
    try:
        document = json.loads(data)
    except ValueError as error:
        report(path, "feed", f"is not JSON ({error})")
        return
    errors = sorted(json_feed_validator().iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:SHOWN_ERRORS]:
        where = "/".join(str(part) for part in error.path) or "the top level"
        report(path, "feed", f"is not a valid JSON Feed 1.1 at {where}: {error.message}")
    if errors or not isinstance(document, dict):
        return
    for item in document.get("items", []):
        if item.get("id"):
            found.ids.add(str(item["id"]))
        if item.get("title"):
            found.titles.add(item["title"])
