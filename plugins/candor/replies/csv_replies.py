"""Replies from a CSV export (a spreadsheet, a social media tool, a support desk).

Columns, by name, in any order (README, "Importing replies"):
    channel  required  email, x, social, chat, phone, forum or other
    date     required  YYYY-MM-DD (a time after it is ignored)
    text     required  what the customer wrote
    author   optional  their name or handle, shown only with consent
    consent  optional  yes or no: whether they agreed to be named
    language optional  the reply's language code, when known (else detected)
    link     optional  the public post (x, social, forum, other)
    email    optional  their address: only to honour "remove me", never written anywhere

Cells are separated by commas, or by semicolons (or tabs) as spreadsheets in
many European locales save "CSV": the header line tells which. The file is
UTF-8 (with or without a byte-order mark) or UTF-16 with its byte-order mark,
as spreadsheets save it. A cell that starts like a formula
(`=HYPERLINK(...)`) stops the import: a spreadsheet would run it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

from ..build.problems import visible
from ..responses.channels import CHANNEL_ALIASES, CHANNELS
from .incoming import IncomingReply, SourceProblem

REQUIRED = ("channel", "date", "text")
OPTIONAL = ("author", "consent", "language", "link", "email")
REQUIRED_SHOWN = ", ".join(REQUIRED)
FORMULA = re.compile(r"(?:=|[+\-@]\s*[A-Za-z_.]+\s*\()")
# A language tag (de, pt-BR): the cell goes into the block's header, where a line break
# would end the header and let the cell write a block of its own.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def decoded(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SourceProblem(f"{shown}: is not valid UTF-16; save it as UTF-8") from error
    data = data.removeprefix(b"\xef\xbb\xbf")
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SourceProblem(
                f"{shown}: line {number}: is not UTF-8 text; save the file as UTF-8 (CSV UTF-8)"
            ) from error
    return data.decode("utf-8")


def read_csv(path: str, shown: str) -> list:
    with open(path, "rb") as source:
        data = source.read()
    text = decoded(data, shown)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    header = [name.strip().lower() for name in next(rows, [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise SourceProblem(
            f"{shown}: line 1: the columns {', '.join(missing)} are missing; a CSV of replies "
            f"needs {REQUIRED_SHOWN} (and may have {', '.join(OPTIONAL)})"
        )
    replies, problems = [], []
    ended = rows.line_num
    for row in rows:
        # The line the row starts on: a cell with line breaks spans several.
        number, ended = ended + 1, rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i] if i < len(row) else "") for i, name in enumerate(header)}
        where = f"line {number}"
        found = row_problems(cells)  # before stripping: " =1" is text to a spreadsheet
        cells = {name: value.strip() for name, value in cells.items()}
        if found:
            problems += [f"{shown}: {where}: {problem}" for problem in found]
            continue
        reply = IncomingReply(where, channel_of(cells["channel"]), cells["text"])
        reply.date = datetime.date.fromisoformat(cells["date"][:10])
        reply.author, reply.consent = cells.get("author", ""), cells.get("consent", "").lower()
        reply.language, reply.link = cells.get("language", ""), cells.get("link", "")
        reply.sender = cells.get("email", "")
        replies.append(reply)
    if problems:
        raise SourceProblem("\n".join(problems))
    return replies


def delimiter_of(text: str) -> str:
    """, or the ; (or tab) that spreadsheets in many European locales write instead."""
    first_line = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        names = {
            name.strip().lower() for name in next(csv.reader([first_line], delimiter=delimiter))
        }
        if names.issuperset(REQUIRED):
            return delimiter
    return ","


def channel_of(written: str) -> str:
    written = written.lower()
    return CHANNEL_ALIASES.get(written, written)


def shown_cell(value: str) -> str:
    """The start of a cell, on one line of the message."""
    return visible(value[:40])


def row_problems(cells: dict) -> list[str]:
    problems = []
    for name, value in cells.items():
        if FORMULA.match(value):
            problems.append(
                f'column {name}: "{shown_cell(value)}" is a spreadsheet formula, which a '
                "spreadsheet would run; write the text without the sign in front"
            )
    cells = {name: value.strip() for name, value in cells.items()}
    if channel_of(cells["channel"]) not in CHANNELS:
        problems.append(
            f'column channel: "{cells["channel"]}" is not a channel; use one of: '
            + ", ".join(CHANNELS)
        )
    try:
        datetime.date.fromisoformat(cells["date"][:10])
    except ValueError:
        problems.append(f'column date: "{cells["date"]}" is not a date; write YYYY-MM-DD')
    if not cells["text"]:
        problems.append("column text: is empty; every row is one reply's text")
    language = cells.get("language", "")
    if language and not LANGUAGE_TAG.fullmatch(language):
        problems.append(
            f'column language: "{shown_cell(language)}" is not a language code; write one like '
            "en, fr or pt-BR, or leave it empty to have it detected"
        )
    if cells.get("consent", "").lower() not in ("", "yes", "no"):
        problems.append(f'column consent: is yes or no, not "{cells["consent"]}"')
    return problems
