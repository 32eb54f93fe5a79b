"""Nothing outside the content folder is read into the site, nothing outside the output written.

Pelican follows whatever a post points at. `{attach}../../../etc/passwd` copies
that file into the site, next to the post; `{static}/../x` reads a file beside
the content folder and writes it beside the output folder (its `save_as` is the
same `../x`), before any check of the built site can stop the publish. And every
generator lists its files with `os.walk(followlinks=True)`, so a symbolic link in
content/ publishes whatever it points at. Two guards, both before anything is
read:

- `remove_links_leaving_content` (`content_object_init`, as each post, page and
  email is made, before its generator hands its `{static}` and `{attach}` links
  to the StaticGenerator): a link whose file, symbolic links resolved, is not in
  the content folder loses its address (its text stays) and is a problem with
  its line, which stops `make publish`. Plain relative links (`../../x`) count
  too, resolved from the post's own folder as `{filename}` links are.
- `confine_file_search` (`generator_init`): every generator, Pelican's and
  Candor's, lists its files without following a symbolic link out of the
  content folder. Such a link stops every build (a post, email or image the
  author expects would be missing), named, with nothing of its target read.

reStructuredText's own file reads (`.. include::`) are confined in confined_rst.py.
"""

from __future__ import annotations

import fnmatch
import functools
import html
import os
import re
from urllib.parse import unquote, urlsplit

from pelican.contents import Static

from ..build.folders import is_within
from ..build.problems import problem_log
from ..text.source_lines import line_of, source_lines

# What an intrasite link looks like by default ({static} or |static|), to leave those
# to the first pass and check only plain addresses in the second.
INTRASITE = re.compile(r"^[{|]\w+[|}]")
FILE_LINKS = {"static", "attach", "filename"}
HOW = {
    "static": "put the file in the content folder (in images/, say) and link to it as "
    "{static}/images/<name>",
    "filename": "link to a post or page of the content folder",
    "": "link to a file with {static}/<path>, a page with {filename}<path>, "
    "or a full https:// address",
}
HOW["attach"] = HOW["static"]
SYMLINK_HOW = "copy it into the content folder instead of linking to it"
# The attributes whose value a browser (or Pelican) reads as an address.
URL_ATTRIBUTE = re.compile(
    r"[\s/](?P<name>href|src|action|formaction|background|poster|cite|data|xlink:href)\s*=\s*"
    r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+)",
    re.IGNORECASE,
)
# The end of Pelican's `markup` group: the attribute's name and "=", dropped with the address.
ATTRIBUTE_NAME = re.compile(r"[^\s<\"'=]+\s*=\s*$")


def leaves(address: str, folder: str, root: str, *, site_absolute: bool) -> bool:
    """Whether `address` names a file outside `root`, read in any of the ways Pelican tries
    (as written, %-decoded, HTML-decoded). `site_absolute`: a leading / means `root`
    ({static}/x); otherwise /about/ is the site's own address, not a file."""
    for form in {address, html.unescape(address)}:
        try:
            parts = urlsplit(form)
        except ValueError:  # "http://[::1": not a file either way
            continue
        if parts.scheme or parts.netloc or (form.startswith("/") and not site_absolute):
            continue
        for path in {parts.path, unquote(parts.path)}:
            if not path:
                continue
            base = root if path.startswith("/") else folder
            if not is_within(os.path.realpath(os.path.join(base, path.lstrip("/"))), root):
                return True
    return False


def without_outside_links(content, markup: str, folder: str, root: str):
    """`markup` with every address of a file outside `root` removed; and the removed
    addresses as written, each with its kind (`static`, `attach`, `filename`, "")."""
    removed: list[tuple[str, str]] = []

    def drop_intrasite(match: re.Match) -> str:
        if match["what"] not in FILE_LINKS or not leaves(
            match["value"], folder, root, site_absolute=True
        ):
            return match[0]
        removed.append((match["what"], match["path"]))
        return ATTRIBUTE_NAME.sub("", match["markup"])

    def drop_plain(match: re.Match) -> str:
        address = match["value"].strip("\"'")
        if INTRASITE.match(address) or not leaves(address, folder, root, site_absolute=False):
            return match[0]
        removed.append(("", address))
        return ""

    # Pelican's own pattern (private, but the one its link replacer and its list of
    # static links use), so every link Pelican would follow is seen here, in whatever
    # attribute: it also matches data-href="...".
    markup = content._get_intrasite_link_regex().sub(drop_intrasite, markup)
    return URL_ATTRIBUTE.sub(drop_plain, markup), removed


def remove_links_leaving_content(content) -> None:
    """`content_object_init`: clean the body and summary of a post, page or email."""
    if isinstance(content, Static) or not content.source_path:
        return
    root = os.path.realpath(content.settings["PATH"])
    folder = os.path.dirname(os.path.abspath(content.source_path))
    found: list[tuple[str, str]] = []
    if getattr(content, "_content", None):
        content._content, removed = without_outside_links(content, content._content, folder, root)
        found += removed
    summary = content.metadata.get("summary")
    if summary:
        content.metadata["summary"], removed = without_outside_links(
            content, str(summary), folder, root
        )
        content._summary = content.metadata["summary"]
        found += removed
    problems = problem_log(content.settings)
    lines = source_lines(content.source_path) if found else []
    for what, address in dict.fromkeys(found):
        line = line_of(lines, address)
        shown = address if len(address) <= 60 else address[:57] + "..."
        problems.add(
            content.source_path,
            f"line {line}" if line else "body",
            f'the link to "{shown}" leads outside the content folder and was removed; {HOW[what]}',
        )


def refuse(settings: dict, path: str) -> None:
    """A fatal problem for `path`, a link out of the content folder (or a setting's folder
    outside it, such as STATIC_PATHS = ["../shared"])."""
    problems = problem_log(settings)
    if problems.mentions(path):
        return  # two generators, or Pelican's own check of disabled readers, list it again
    if os.path.isdir(path):
        what = "a folder outside the content folder, and nothing in it was read"
    else:
        what = "a file outside the content folder, and was not read"
    if os.path.islink(path):
        message = f"is a symbolic link to {what}; {SYMLINK_HOW}"
    else:
        message = f"is {what}; move it into the content folder"
    problems.add(path, "", message, fatal=True)


def confined_files(generator, paths, exclude=None, extensions=None) -> set[str]:
    """Pelican's `Generator.get_files` (4.12), but a symbolic link is followed only when
    what it points at is inside the content folder; the others are refused."""
    root_real = os.path.realpath(generator.path)
    exclude = exclude or []
    paths = [paths] if isinstance(paths, str) else paths
    exclusions_by_dirpath: dict[str, set[str]] = {}
    for excluded in exclude:
        parent, name = os.path.split(os.path.join(generator.path, excluded))
        exclusions_by_dirpath.setdefault(parent, set()).add(name)
    ignores = generator.settings["IGNORE_FILES"]
    files: set[str] = set()
    for path in paths:
        top = os.path.join(generator.path, path) if path else generator.path
        if os.path.lexists(top) and not is_within(os.path.realpath(top), root_real):
            refuse(generator.settings, top)
        elif os.path.isdir(top):
            # The real folders each walked folder is reached through: a link back to one
            # of them (images/again -> .) is a loop, which os.walk would follow until
            # the kernel's limit of 40 links, once more for every such link.
            chains = {top: frozenset({os.path.realpath(top)})}
            for dirpath, dirs, names in os.walk(top, topdown=True, followlinks=True):
                excluded = exclusions_by_dirpath.get(dirpath, ())
                chain = chains.pop(dirpath)
                for name in list(dirs):  # pruning `dirs` is what keeps os.walk out
                    full = os.path.join(dirpath, name)
                    real = os.path.realpath(full)
                    if name in excluded or any(fnmatch.fnmatch(name, i) for i in ignores):
                        dirs.remove(name)
                    elif os.path.islink(full) and not is_within(os.path.realpath(full), root_real):
                        refuse(generator.settings, full)
                        dirs.remove(name)
                    elif real in chain:
                        dirs.remove(name)
                    else:
                        chains[full] = chain | {real}
                relative_dir = os.path.relpath(dirpath, generator.path)
                for name in names:
                    full = os.path.join(dirpath, name)
                    if os.path.islink(full) and not is_within(os.path.realpath(full), root_real):
                        refuse(generator.settings, full)
                        continue
                    relative = os.path.join(relative_dir, name)
                    if generator._include_path(relative, extensions):
                        files.add(relative)
        elif os.path.exists(top) and generator._include_path(path, extensions):
            files.add(path)
    return files


def confine_file_search(generator) -> None:
    """`generator_init`: list this generator's files with `confined_files`.

    Pelican has no hook for the file search; every generator calls its own
    `get_files`, so replacing it on the instance covers posts, pages, static
    files and Candor's emails alike without touching Pelican's class.
    """
    generator.get_files = functools.partial(confined_files, generator)
