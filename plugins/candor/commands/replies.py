"""`python -m candor import-replies POST FROM` and `python -m candor suppression [ADDRESS]`.

import-replies (make import-replies) reads every reply in FROM first; any that
cannot be read stops it with one line each, and nothing is written. Then it
adds those asking to be removed to the suppression list (as keyed hashes,
sending/suppressions.py), and writes the post once with the new pending blocks
and its `Replies:` totals. suppression (make suppressed, make unsuppress) says
whether an address is on that list, and takes it off.
"""

from __future__ import annotations

import os
import re
import sys
from zoneinfo import ZoneInfo

from ..build import settings as candor_settings
from ..build.folders import resolves_within
from ..build.problems import display_path, visible
from ..replies.importing import plan_import
from ..replies.incoming import SourceProblem
from ..replies.into_post import write_atomically
from ..replies.sources import read_source
from ..sending import send_log, suppressions

DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}-")


class ImportRefused(Exception):
    """Nothing was imported; the message says why."""


def find_post(settings: dict, post: str) -> str:
    """The file of the post with slug `post` (its Slug:, or its file name), or its path.

    Only a post: an email is what was sent (editing it would change the record of
    what people received), and a page is no place for replies.
    """
    root = settings["PATH"]
    if post.endswith(".md") and os.path.isfile(post):
        where = kind_of_place(settings, post)
        if where != "post":
            raise ImportRefused(
                f"POST: {display_path(post)} is not a post in {display_path(root)}; give a "
                "post's Slug: (make import-replies POST=<slug> FROM=<mailbox>)"
            )
        return post
    for folder, _subfolders, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            stem = name[:-3]
            if post in (stem, DATE_PREFIX.sub("", stem)) or slug_of(path) == post:
                where = kind_of_place(settings, path)
                if where == "post":
                    return path
                raise ImportRefused(
                    f"POST: {os.path.relpath(path, root)} is {where}, not a post; replies go "
                    "into the post that answers them: give its Slug:"
                )
    raise ImportRefused(
        f"POST: no post in {display_path(root)} has the slug {post!r}; give its Slug: "
        "(make import-replies POST=<slug> FROM=<mailbox>)"
    )


def kind_of_place(settings: dict, path: str) -> str:
    """ "post" for a file Pelican reads as an article; else what it is, "an email", "a page"."""
    root = settings["PATH"]

    def under(folder: str) -> bool:
        return resolves_within(path, os.path.join(root, folder))  # "" is the whole folder

    if under(settings["CANDOR_EMAILS_PATH"]):
        return "an email"
    if any(under(folder) for folder in settings.get("PAGE_PATHS", [])):
        return "a page"
    if any(under(folder) for folder in settings.get("ARTICLE_PATHS", [""])):
        return "post"
    return "outside the posts"


def slug_of(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as source:
        for line in source:
            if not line.strip():
                break
            key, _, value = line.partition(":")
            if key.strip().lower() == "slug":
                return value.strip()
    return ""


def import_replies(settings: dict, post: str, source: str, environ=None) -> int:
    environ = os.environ if environ is None else environ
    candor_settings.apply_defaults(settings)
    path = find_post(settings, post)
    refuse_content_as_source(settings, source)
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    try:
        replies = read_source(source, source, zone)
    except SourceProblem as problem:
        raise ImportRefused(f"{problem}\nNothing was imported: fix these first.") from problem
    language = settings.get("DEFAULT_LANG", "en")
    as_planned = read_bytes(path)
    plan = plan_import(path, replies, language, settings["CANDOR_PHONE_REGION"].upper())
    shown = display_path(path)
    refuse_if_edited(path, as_planned, shown)
    if plan.remove_me:
        folder = send_log.sends_folder(settings)
        try:
            key = send_log.load_key(folder, environ)
            slug = slug_of(path) or post
            added = suppressions.add(folder, key, plan.remove_me, f"asked in a reply ({slug})")
        except (OSError, send_log.SendLogError) as error:
            raise ImportRefused(f"{error}. Nothing was imported.") from error
        print(f"Suppression list: {added} added ({display_path(suppressions.path_in(folder))}).")
    # The post last: an import stopped before it is run again, and the list is kept as it is.
    if plan.new_text is not None:
        refuse_if_edited(path, as_planned, shown)
        write_atomically(path, plan.new_text)
    report(plan, shown)
    return 0


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as post:
        return post.read()


def refuse_if_edited(path: str, as_planned: bytes, shown: str) -> None:
    """The post saved by its author while the import ran: theirs wins, nothing is written.
    (Between this look and the rename is a moment, not the minutes an import can take.)"""
    if read_bytes(path) != as_planned:
        raise ImportRefused(
            f"{shown}: was changed while the replies were imported; nothing was written "
            "into it. Save your edits, then run the import again."
        )


def refuse_content_as_source(settings: dict, source: str) -> None:
    """The content folder holds what the site wrote and sent (sends/*.eml), never replies."""
    if resolves_within(source, settings["PATH"]):
        raise ImportRefused(
            f"FROM: {source} is inside the site's content folder, which holds what you wrote "
            "and sent, not customers' replies; export the replies from your mailbox to a "
            "file outside it"
        )


def report(plan, shown: str) -> None:
    for line in (*plan.skipped, *plan.notes):
        print(visible(line))
    for where in plan.remove_me_without_address:
        print(visible(f"{where}: asks to be removed, but has no address: remove them by hand"))
    print(
        visible(
            f"{len(plan.imported)} imported into {shown}, {len(plan.already)} already there, "
            f"{len(plan.skipped)} skipped."
        )
    )
    if plan.imported:
        print(f"Stated totals now: {plan.replies_line}")
        print(
            "Each new block has `Status: pending` and is not published until you review it "
            "and delete that line."
        )
    if plan.to_translate:
        print(f"{plan.to_translate} not in the site's language: fill in each `--- translation`.")


def show_suppression(settings: dict, address: str, remove: bool, environ=None) -> int:
    environ = os.environ if environ is None else environ
    candor_settings.apply_defaults(settings)
    folder = send_log.sends_folder(settings)
    try:
        key = send_log.load_key(folder, environ)
        entries = suppressions.read(folder, key)
    except (OSError, send_log.SendLogError) as error:
        print(visible(str(error)), file=sys.stderr)
        return 1
    if not address:
        where = display_path(suppressions.path_in(folder))
        print(f"{len(entries)} on the suppression list ({where}).")
        for about in entries.values():
            print(visible(f"  {about}"))
        return 0
    digest = suppressions.digest_of(address, key)
    if digest is None:
        print(visible(f"ADDRESS: {address!r} is not a valid email address"), file=sys.stderr)
        return 2
    if digest not in entries:
        print(visible(f"{address} is not on the suppression list."))
        return 0
    if remove:
        suppressions.remove(folder, key, address)
        print(visible(f"{address} is off the suppression list: make send will email them again."))
        return 0
    print(visible(f"{address} is on the suppression list: {entries[digest]}"))
    return 0


def main(args, settings: dict) -> int:
    try:
        if args.command == "import-replies":
            return import_replies(settings, args.post, args.source)
        return show_suppression(settings, args.address, args.remove)
    except ImportRefused as refused:
        print(visible(str(refused), keep_line_breaks=True), file=sys.stderr)
        return 1
