"""`make fresh`: remove the sample content, its ledger and its sent copies, for a new site.

The sample's ledger records feed ids for the sample's posts; a new site that deletes
the posts but keeps the ledger is refused at its first publish (an id gone missing).
This removes exactly the sample's files, and nothing when anything else is in the
content folder: a post of the site's own, or a sample file changed, is someone's
work, and is never deleted by a command run from habit.
"""

from __future__ import annotations

import os
import sys

# The sample as shipped, by path under the content folder: what `make fresh` removes.
# tests/commands/test_fresh.py checks this list against content/.
SAMPLE_FILES = (
    "emails/2025-12-01-apology.md",
    "ledger.json",
    "pages/about.md",
    "posts/2025-11-14-booking-maintenance.md",
    "posts/2025-11-26-thank-you.md",
    "posts/2025-12-01-duplicate-emails.md",
    "posts/2025-12-08-what-you-told-us.md",
    "sends/2025-12-01-apology.eml",
)
# Files a system or an editor leaves beside content, which are nobody's work.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep"}


class NotTheSample(Exception):
    pass


def content_files(content: str) -> list[str]:
    found = []
    for folder, _, names in os.walk(content):
        for name in names:
            if name not in IGNORED_NAMES:
                path = os.path.join(folder, name)
                found.append(os.path.relpath(path, content).replace(os.sep, "/"))
    return sorted(found)


def sample_files(content: str) -> list[str]:
    """The sample files present in `content`; `NotTheSample` names the first file that is not."""
    others = [name for name in content_files(content) if name not in SAMPLE_FILES]
    if others:
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        raise NotTheSample(
            f"{os.path.join(content, others[0])}{more} is not part of the sample; nothing was "
            "removed. make fresh only clears the untouched sample: remove the sample's files "
            'by hand (README, "A new site")'
        )
    return [name for name in SAMPLE_FILES if os.path.isfile(os.path.join(content, name))]


def remove(content: str, names: list[str]) -> None:
    for name in names:
        os.remove(os.path.join(content, name))
    # Empty folders the sample's files lived in go too, except the ones a new site writes into.
    for folder in ("sends",):
        path = os.path.join(content, folder)
        if os.path.isdir(path) and not os.listdir(path):
            os.rmdir(path)


def fresh(content: str, yes: bool, ask=input) -> int:
    """Remove the sample after asking (or at once with `yes`); 0 when done or nothing to do."""
    try:
        names = sample_files(content)
    except NotTheSample as refusal:
        print(refusal, file=sys.stderr)
        return 1
    if not names:
        print(f"{content} holds none of the sample's files; nothing to remove.")
        return 0
    print(f"This removes the sample content from {content}:")
    for name in names:
        print(f"  {name}")
    if not yes:
        try:
            answer = ask("Remove these files? Type yes to go on: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            print("Nothing was removed. (make fresh YES=1 removes them without asking.)")
            return 1
    remove(content, names)
    print(
        "Removed. Next: set SITENAME, AUTHOR, SITEURL and CANDOR_ID_AUTHORITY in "
        'pelicanconf.py, then make new KIND=thank-you TITLE="..." for your first post.'
    )
    return 0
