"""Where every file of the build is written: inside the site, and one file per address.

Pelican writes a post to its `save_as` as given: `Slug: ../about` writes over
the About page, and an email's `.eml` path is not checked at all. Two posts with
one slug are kept as "translations" of each other until the writer refuses the
second file with an error naming the staging folder. Both are checked here, with
everything read and nothing written, and reported with every file involved.
Every other file the build writes is gathered once (site_files.py) into the
same dictionary, so a post's `Save_as: 404.html`, or one onto a tag page, a
feed or the stylesheet, is refused with both named rather than overwritten.
Addresses differ by kind: a post and an email may share a slug (`/posts/x/` and
`/emails/x/`), since posts and emails name each other by slug within their kind.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict

from .pelican_errors import outside_message
from .problems import ProblemLog
from .site_files import SiteFiles


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


def check_output_paths(contents: list, site_files: SiteFiles, problems: ProblemLog) -> None:
    """Fatal problems for a path outside the output, and for two files at one address.

    `site_files` is every file the site writes besides posts, pages and emails
    (site_files.every_site_file): one dictionary, one pass.
    """
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
    check_files_against_folders(by_path, site_files, problems)
    reported: set[int] = set()
    for path, owners in by_path.items():
        site_file = site_files.by_path.get(path)
        if site_file:
            for content in owners:
                field = blamed_field(content)
                problems.add(
                    content.source_path,
                    field,
                    f"is written to {path}, where {site_file.what} goes "
                    f"({site_file.setting}); choose another {field}",
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
    for path, clash in site_files.clashes.items():
        first, second = clash
        problems.add(
            "settings",
            first.setting,
            f"{first.what} and {second.what} are both written to {path}; "
            f"change {first.setting} or {second.setting}",
            fatal=True,
        )


def folders_of(path: str):
    while (path := posixpath.dirname(path)) not in ("", "/"):
        yield path


def check_files_against_folders(by_path: dict, site_files: SiteFiles, problems: ProblemLog):
    """Fatal problems for a post whose address is a folder the site writes into
    (`Save_as: feeds`), or lies under one of its files (`Save_as: index.html/x.html`):
    a file and a folder cannot share a name, and the writer would fail half-way."""
    what_at = {path: site_file.what for path, site_file in site_files.by_path.items()}
    for path, owners in by_path.items():
        what_at.setdefault(path, problems.shown(owners[0].source_path))
    some_file_in: dict[str, str] = {}
    for path in what_at:
        for folder in folders_of(path):
            some_file_in.setdefault(folder, path)
    for path, owners in by_path.items():
        inner = some_file_in.get(path)
        outer = next((folder for folder in folders_of(path) if folder in what_at), None)
        if inner:
            clash = f"a folder the site writes {what_at[inner]} into ({inner})"
        elif outer:
            clash = f"inside {outer}, which is a file: {what_at[outer]}"
        else:
            continue
        for content in owners:
            field = blamed_field(content)
            message = f"is written to {path}, {clash}; choose another {field}"
            problems.add(content.source_path, field, message, fatal=True)
