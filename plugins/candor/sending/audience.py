"""The list file, read line by line: who receives the email, and who is left out and why.

A list is one address a line, or a CSV file (from a spreadsheet or a mail
service's export) with a column named `email`. It is streamed: a list of any
length costs the memory of one line, plus a 32-byte digest per address to find
duplicates. Lines are split on LF only, so a CR, a U+2028 or any other control
character inside a line stays in it and makes it an invalid address instead of
a header of its own.

Duplicates are found on the address with its case and Unicode form made one
(NFKC, then casefold, of the whole address): `Ana@Example.com` and
`ana@example.com` are one person. Strictly a mailbox's local part may be
case-sensitive; no mail service in use treats it so, and sending twice is the
fault this guards against.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from ..build.folders import is_within

EXAMPLE_LINE = "one address a line, like ana@example.com"
SHOWN_TEXT = 80  # characters of an invalid line shown
SHOWN_LINES = 20  # invalid lines shown one by one; a whole wrong file is summed up after these


class ListError(Exception):
    """The list (or the suppression list) cannot be used at all; the message says why."""


def normalised_address(text: str) -> str | None:
    """The address as it is sent (international domain in its xn-- form); None if invalid."""
    if not text.isprintable():
        return None
    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None
    return valid.ascii_email or None


def identity(address: str) -> str:
    """What makes two addresses one person: case and Unicode form made one."""
    return unicodedata.normalize("NFKC", address).casefold()


def lines_of(path: str, shown: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when it is not UTF-8) for each line, split on LF only."""
    try:
        source = open(path, "rb")  # noqa: SIM115 (closed below, after the last line)
    except OSError as error:
        raise ListError(f"{shown}: cannot be read ({error.strerror}); check the path") from error
    with source:
        for number, raw in enumerate(source, start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets write
            raw = raw.removesuffix(b"\n").removesuffix(b"\r")
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None


def entries(path: str, shown: str) -> Iterator[tuple[int, str | None]]:
    """(line number, address as written) for every line that names someone."""
    lines = lines_of(path, shown)
    first = next(lines, None)
    if first is None:
        return
    number, text = first
    if text is not None and ("," in text or path.lower().endswith(".csv")):
        yield from csv_entries(first, lines, shown)
        return
    for number, text in itertools.chain([first], lines):
        if text is None or text.strip() and not text.lstrip().startswith("#"):
            yield number, None if text is None else text.strip()


def csv_entries(header_line, lines, shown: str) -> Iterator[tuple[int, str | None]]:
    number, header = header_line
    columns = [name.strip().lower() for name in next(csv.reader([header]))]
    if "email" not in columns:
        raise ListError(
            f'{shown}: line 1: a CSV list needs a column named "email"; the columns are '
            f"{', '.join(columns)}"
        )
    column = columns.index("email")
    for number, text in lines:
        if text is None:
            yield number, None
            continue
        if not text.strip():
            continue
        row = next(csv.reader([text]), [])
        yield number, row[column].strip() if column < len(row) else ""


@dataclass
class Audience:
    """What the list holds, sorted into who receives the email and who does not."""

    count: int = 0  # unique, valid, not suppressed: who receives it
    lines: int = 0
    duplicates: int = 0
    suppressed: int = 0
    invalid: list[tuple[int, str]] = field(default_factory=list)  # (line, what to fix): the first
    invalid_count: int = 0
    # Which people the list names (suppressed ones included), whatever their order: the sum
    # of their digests. A resumed send must be given the same list as the first run.
    people: int = 0

    @property
    def list_id(self) -> str:
        return f"{self.people:032x}"


def read_suppressions(path: str | None, digest: Callable[[str], bytes], shown: str) -> set[bytes]:
    """The digests of everyone who must never be emailed. A list that is set but cannot be
    read stops the send: sending without it could reach people who asked not to be."""
    if path is None:
        return set()
    if not os.path.isfile(path):
        raise ListError(
            f"CANDOR_SUPPRESSION_LIST: {shown} does not exist; nothing is sent without the "
            "list of people who asked not to be emailed. Fix the path, or unset it"
        )
    suppressed = set()
    shown = f"CANDOR_SUPPRESSION_LIST: {shown}"
    unreadable = []  # a line that names nobody Candor can recognise would suppress nobody
    for number, text in entries(path, shown):
        address = normalised_address(text) if text else None
        if address is None:
            unreadable.append(f"{shown}: line {number}: {invalid_reason(text)}")
            continue
        suppressed.add(digest(identity(address)))
    if unreadable:
        more = len(unreadable) - SHOWN_LINES
        unreadable = unreadable[:SHOWN_LINES] + ([f"... and {more:,} more"] if more > 0 else [])
        raise ListError(
            "\n".join(unreadable) + "\nThe people on these lines would not be left out: "
            "fix the suppression list (one address a line, UTF-8)"
        )
    return suppressed


def file_fingerprint(path: str, shown: str) -> str:
    """What the list file holds, to tell that it did not change between the count and the send."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise ListError(f"{shown}: cannot be read ({error.strerror}); check the path") from error
    return digest.hexdigest()


def recipients(
    path: str, shown: str, digest: Callable[[str], bytes], suppressed: set[bytes], audience
) -> Iterator[tuple[str, bytes]]:
    """(address, digest) of each person to receive the email, first mention kept; fills
    `audience` with the counts and the invalid lines as it goes."""
    seen: set[bytes] = set()
    for number, text in entries(path, shown):
        audience.lines += 1
        address = normalised_address(text) if text else None
        if address is None:
            audience.invalid_count += 1
            if len(audience.invalid) < SHOWN_LINES:  # a wrong file would fill the terminal
                audience.invalid.append((number, invalid_reason(text)))
            continue
        key = digest(identity(address))
        if key in seen:
            audience.duplicates += 1
            continue
        seen.add(key)
        audience.people = (audience.people + int.from_bytes(key, "big")) % 2**128
        if key in suppressed:
            audience.suppressed += 1
            continue
        audience.count += 1
        yield address, key


def invalid_reason(text: str | None) -> str:
    if text is None:
        return "is not UTF-8 text; save the list as UTF-8"
    if not text:
        return 'has no address in its "email" column'
    if not text.isprintable():
        return "holds a line break or another control character; write one address a line"
    shown = text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT] + "..."
    return f'"{shown}" is not a valid email address; {EXAMPLE_LINE}'


def check_list_place(path: str, settings: dict, shown: str) -> None:
    """A list lives outside the content and the output: it must never be published."""
    real = os.path.realpath(path)
    for name in ("PATH", "OUTPUT_PATH"):
        folder = os.path.realpath(settings[name])
        if is_within(real, folder):
            what = "content folder" if name == "PATH" else "output folder"
            raise ListError(
                f"{shown}: is inside the {what} ({folder}), where it could be published; "
                "move it outside the project (and keep it out of version control)"
            )
    if not os.path.isfile(real):
        raise ListError(f"{shown}: there is no such file; give the path of the list with LIST=")
    if os.stat(real).st_nlink > 1:  # another name for the same file may be in the content
        twin = hard_link_inside(real, settings)
        if twin:
            raise ListError(
                f"{shown}: is the same file as {twin} (a hard link), inside the site's "
                "folders, where it could be published; keep the list only outside the project"
            )


def hard_link_inside(path: str, settings: dict) -> str | None:
    """A name of the same file under the content or output folder, if there is one."""
    wanted = os.stat(path)
    for name in ("PATH", "OUTPUT_PATH"):
        for folder, _, files in os.walk(settings[name]):
            for file in files:
                candidate = os.path.join(folder, file)
                try:
                    found = os.stat(candidate, follow_symlinks=False)
                except OSError:
                    continue
                if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
                    return candidate
    return None
