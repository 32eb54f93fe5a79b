"""The suppression list Candor keeps itself: who asked never to be emailed, as keyed hashes.

`make import-replies` adds everyone whose reply asks to be removed to
`content/sends/suppressions.txt`; `make send` leaves them out, as it leaves out
those on CANDOR_SUPPRESSION_LIST. The file is committed with the content, so
it holds no address: each person is the send log's keyed hash of their address
(send_log.py: HMAC with CANDOR_SEND_LOG_KEY or sends/send-log.key), with the
date and why. `make suppressed ADDRESS=...` tells whether someone is on it;
`make unsuppress ADDRESS=...` takes them off.

    # candor suppressions, key 1a2b3c4d5e6f7081
    9f86d081884c7d659a2feaa0c55ad015 2025-12-03 asked to be removed (reply to what-you-told-us)
"""

from __future__ import annotations

import datetime
import os
import tempfile

from . import audience, send_log

FILE = "suppressions.txt"
FIRST_LINE = "# candor suppressions, key "
DIGEST_LENGTH = 32  # hex digits of send_log.make_digest's 16 bytes


def path_in(folder: str) -> str:
    return os.path.join(folder, FILE)


def read(folder: str, key: bytes) -> dict[bytes, str]:
    """digest: "date why" of everyone on the list; SendLogError if made with another key.

    Fails closed: a list without its key line, or with a line that is not a whole
    digest, stops the send, since such an entry would match nobody and let through
    someone who asked to be left alone.
    """
    path = path_in(folder)
    if not os.path.exists(path):
        return {}
    entries: dict[bytes, str] = {}
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, start=1):
            line = line.rstrip("\r\n")
            if number == 1:
                check_key_line(path, line, key)
                continue
            if not line.strip():
                continue
            digest, _, about = line.partition(" ")
            try:
                entries[bytes.fromhex(digest)] = about
            except ValueError:
                digest = ""
            if len(digest) != DIGEST_LENGTH:
                raise send_log.SendLogError(
                    f"{path}: line {number} is not an entry; restore the file from version "
                    "control, or remove people with make unsuppress"
                )
    return entries


def check_key_line(path: str, line: str, key: bytes) -> None:
    if not line.startswith(FIRST_LINE):
        raise send_log.SendLogError(
            f"{path}: line 1 is not the list's key line ({FIRST_LINE}...); restore the file "
            "from version control"
        )
    made_with = line.removeprefix(FIRST_LINE).strip()
    if made_with != send_log.key_id(key):
        raise send_log.SendLogError(
            f"{path}: was written with another key (key id {made_with}); set "
            "CANDOR_SEND_LOG_KEY to the key used then, or restore sends/send-log.key"
        )


def digest_of(address: str, key: bytes) -> bytes | None:
    """The address's hash as the send log makes it; None for an invalid address."""
    normalised = audience.normalised_address(address.strip())
    if normalised is None:
        return None
    return send_log.make_digest(key)(audience.identity(normalised))


def write(folder: str, key: bytes, entries: dict[bytes, str]) -> None:
    """The whole list written at once (a temporary file, then renamed over it)."""
    os.makedirs(folder, exist_ok=True)
    lines = [FIRST_LINE + send_log.key_id(key)]
    lines += [f"{digest.hex()} {about}" for digest, about in entries.items()]
    descriptor, temporary = tempfile.mkstemp(prefix=".suppressions-", dir=folder)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o644)
    os.replace(temporary, path_in(folder))


def add(folder: str, key: bytes, addresses: list[str], why: str) -> int:
    """Add each valid address not already there; how many were added."""
    entries = read(folder, key)
    today = datetime.date.today().isoformat()
    added = 0
    for address in addresses:
        digest = digest_of(address, key)
        if digest is not None and digest not in entries:
            entries[digest] = f"{today} {why}"
            added += 1
    if added:
        write(folder, key, entries)
    return added


def remove(folder: str, key: bytes, address: str) -> bool:
    entries = read(folder, key)
    digest = digest_of(address, key)
    if digest not in entries:
        return False
    del entries[digest]
    write(folder, key, entries)
    return True
