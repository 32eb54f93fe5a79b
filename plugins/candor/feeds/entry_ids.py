"""Permanent feed ids: news is announced once, whatever is renamed later.

Every published post and email gets `item.entry_id`:
1. the `Uid:` field when the author gave one (an absolute URI such as
   `urn:uuid:...` or `tag:...`);
2. otherwise the id the ledger recorded when the item was first published;
3. otherwise a new tag URI, `tag:<CANDOR_ID_AUTHORITY>,<date>:<source path>`,
   which the next `make publish` records.
Nothing in an id comes from SITEURL, and once recorded neither a new slug,
title nor date changes it. Each feed's own id is made and recorded the same way.

Strict builds refuse a ledger id that is missing from the build (a post removed
or renamed without its `Uid:`) unless the ledger marks it `"retired": true`.
"""

from __future__ import annotations

import os
import re

from ..build.problems import ProblemLog

URI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def mint_id(authority: str, date: str, specific: str) -> str:
    return f"tag:{authority},{date}:{specific}"


def feed_id(settings: dict, ledger, name: str) -> str:
    """The id of one feed: recorded once, like an entry's."""
    recorded = ledger.feeds.get(name) if ledger else None
    if recorded:
        return recorded
    made = mint_id(settings["CANDOR_ID_AUTHORITY"], settings["CANDOR_ID_SINCE"], f"feeds/{name}")
    if ledger is not None:
        ledger.feeds[name] = made
        ledger.changed = True
    return made


def assign_entry_ids(items: list, settings: dict, ledger, problems: ProblemLog) -> None:
    """Give every item its permanent id; report ids that moved or clash."""
    authority = settings["CANDOR_ID_AUTHORITY"]
    entries = ledger.entries if ledger is not None else {}
    owner_of: dict[str, object] = {}
    for item in items:
        key = item.relative_source_path
        recorded = entries.get(key, {}).get("id")
        uid = item.metadata.get("uid")
        if uid:
            uid = str(uid).strip()
            if not URI.match(uid):
                problems.add(
                    item.source_path,
                    "Uid",
                    f'"{uid}" is not an absolute URI; use one such as urn:uuid:<a new UUID> '
                    f"or tag:{authority},2025-12-01:<a name>",
                )
                uid = None
            elif recorded and uid != recorded:
                problems.add(
                    item.source_path,
                    "Uid",
                    f'"{uid}" differs from the id this was published with, {recorded}; feed '
                    "readers would announce it again. Remove the Uid field or set it back",
                )
        item_date = getattr(item, "date", None) or getattr(item, "sent", None)
        # date().isoformat(), not strftime: Pelican's dates format slowly, and the
        # two agree on every year from 1000 on.
        made = mint_id(authority, item_date.date().isoformat(), key) if item_date else None
        item.entry_id = uid or recorded or made
        if item.entry_id in owner_of:
            other = owner_of[item.entry_id]
            problems.add(
                item.source_path,
                "Uid",
                f"has the same id as {other.relative_source_path} ({item.entry_id}); "
                "every post and email needs its own",
            )
        owner_of[item.entry_id] = item
        if ledger is not None and not recorded:
            entries[key] = {"id": item.entry_id, "title": item.title}
            ledger.changed = True

    for key, entry in sorted(entries.items()):
        if entry.get("retired") or entry["id"] in owner_of:
            continue
        problems.add(
            os.path.join(settings["PATH"], key),
            "Uid",
            f'"{entry.get("title", key)}" was published with id {entry["id"]} and is missing '
            "from this build. Restore it; or add that id as `Uid:` to the post that replaces "
            f'it; or mark it retired with "retired": true in {settings["CANDOR_LEDGER_PATH"]}',
        )
