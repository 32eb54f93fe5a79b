"""Where every post, page and email is written: inside the site, and one file per address.

Pelican writes a post to its `save_as` as given: `Slug: ../about` writes over
the About page, and an email's `.eml` path is not checked at all. Two posts with
one slug are kept as "translations" of each other until the writer refuses the
second file with an error naming the staging folder. Both are checked here, with
everything read and nothing written, and reported with every file involved.
Addresses differ by kind: a post and an email may share a slug (`/posts/x/` and
`/emails/x/`), since posts and emails name each other by slug within their kind.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from .pelican_errors import outside_message
from .problems import ProblemLog

# Pages the site itself writes, by the setting that says where.
SITE_PAGES = (
    "INDEX_SAVE_AS", "ARCHIVES_SAVE_AS", "TAGS_SAVE_AS", "CATEGORIES_SAVE_AS",
    "EMAIL_ARCHIVE_SAVE_AS", "CANDOR_FEEDS_PAGE_SAVE_AS", "CANDOR_INCIDENTS_SAVE_AS",
    "CANDOR_RESPONSES_SAVE_AS",
)  # fmt: skip


def written_paths(content) -> list[str]:
    if hasattr(content, "eml_save_as") and content.is_draft:
        return []  # a draft email is checked but never written
    paths = [content.save_as]
    if hasattr(content, "eml_save_as"):
        paths.append(content.eml_save_as)
    return [path for path in paths if path]


def leaves_its_folder(path: str) -> bool:
    return path.startswith(("/", "\\")) or ".." in path.replace("\\", "/").split("/")


# The longest file or folder name most file systems take, in bytes (NAME_MAX).
NAME_MAX = 255


def longest_name(path: str) -> int:
    return max(len(part.encode("utf-8", "surrogatepass")) for part in path.split("/"))


def name_too_long(content, path: str) -> tuple[str, str]:
    """(field, message) for a path with a name no file system would take."""
    field = blamed_field(content)
    if field == "Slug" and "slug" not in content.metadata:
        field = "Title"  # the slug is made from the title
    return field, (
        f"makes a file name of {longest_name(path):,} bytes, and file systems take at most "
        f"{NAME_MAX}; add a shorter Slug: line"
    )


def blamed_field(content) -> str:
    for field in ("save_as", "url", "slug"):
        if field in content.metadata:
            return field.capitalize()
    return "Slug"


def check_output_paths(contents: list, settings: dict, problems: ProblemLog) -> None:
    """Fatal problems for a path outside the output, and for two files at one address."""
    by_path: dict[str, list] = defaultdict(list)
    for content in contents:
        for path in written_paths(content):
            if leaves_its_folder(path):
                field = blamed_field(content)
                written = content.metadata.get(field.lower(), path)
                problems.add(
                    content.source_path, field, outside_message(field, written), fatal=True
                )
            elif longest_name(path) > NAME_MAX:
                problems.add(content.source_path, *name_too_long(content, path), fatal=True)
            else:
                by_path[posixpath.normpath(path)].append(content)
    site_pages = {posixpath.normpath(settings[key]): key for key in SITE_PAGES if settings.get(key)}
    reported: set[int] = set()
    for path, owners in by_path.items():
        if path in site_pages:
            for content in owners:
                problems.add(
                    content.source_path,
                    blamed_field(content),
                    f"is written to {path}, where the site's own page goes "
                    f"({site_pages[path]}); choose another slug",
                    fatal=True,
                )
        if len(owners) < 2:
            continue
        for content in owners:
            if id(content) in reported:
                continue  # its web version and its .eml collide alike: once is enough
            reported.add(id(content))
            others = ", ".join(
                problems.shown(other.source_path) for other in owners if other is not content
            )
            problems.add(
                content.source_path,
                blamed_field(content),
                f'"{content.slug}" is also the address of {others} ({path}); '
                "give one of them another Slug",
                fatal=True,
            )
