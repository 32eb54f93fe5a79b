"""The message as sent, kept beside the ledger: `sends/<email file name>.eml`.

A sent email's `.eml` must be what customers received, byte for byte. Made
anew at each build, it would follow today's post title, slugs, site name and
theme. So the first publish that records a sent email keeps its message
(`make send` keeps the one it sent), the ledger names the file (`message`), and
every later build publishes those bytes. An archive fix, which says the recorded
copy was wrong, makes the message anew and keeps the new one.

The folder is not content Pelican reads or copies (build/settings.py excludes it).
"""

from __future__ import annotations

import os
import stat
import tempfile

from ..build.settings import SENDS_FOLDER

MESSAGE_KEY = "message"


def sends_folder(settings: dict) -> str:
    """The folder beside the ledger for what went out: send logs and kept messages."""
    ledger = os.path.join(settings["PATH"], settings["CANDOR_LEDGER_PATH"])
    return os.path.join(os.path.dirname(ledger), SENDS_FOLDER)


def message_name(email_source_path: str) -> str:
    """`sends/<email file name>.eml`, as the ledger records it (relative to its folder)."""
    stem = os.path.splitext(os.path.basename(email_source_path))[0]
    return f"{SENDS_FOLDER}/{stem}.eml"


def missing_messages(ledger) -> list[tuple[str, str]]:
    """[(email key, file name)] for each kept message the ledger names that is not there."""
    folder = os.path.dirname(ledger.path)
    return [
        (key, entry[MESSAGE_KEY])
        for key, entry in sorted(ledger.emails.items())
        if MESSAGE_KEY in entry and not os.path.isfile(os.path.join(folder, entry[MESSAGE_KEY]))
    ]


def message_as_sent(ledger, email, make, keep: bool = True) -> bytes:
    """The bytes to publish as a recorded email's `.eml`: the kept ones, or `make()`'s,
    kept from now on (written when the ledger is saved). `keep` False: this build will
    not save the ledger, so the bytes are not held until its end (9 MB at 4,000 posts)."""
    entry = ledger.emails.get(email.relative_source_path)
    if entry is None:
        return make()
    folder = os.path.dirname(ledger.path)
    remake = email.relative_source_path in ledger.remade_messages
    name = entry.get(MESSAGE_KEY)
    if name is not None and not remake:
        try:
            with open(os.path.join(folder, name), "rb") as kept:
                return kept.read()
        except FileNotFoundError:  # reported by the checks; a development build goes on
            return make()
    name = message_name(email.source_path)
    path = os.path.join(folder, name)
    if os.path.isfile(path) and not remake:  # kept by `make send`, which sent these bytes
        with open(path, "rb") as kept:
            message = kept.read()
    else:
        message = make()
        if keep:
            ledger.messages[name] = message
    entry[MESSAGE_KEY] = name
    ledger.changed = True
    return message


def write_kept_messages(folder: str, messages: dict[str, bytes]) -> None:
    """Each new message, written whole and renamed into place, before the ledger names it."""
    for name, message in messages.items():
        target = os.path.join(folder, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # Named like the ledger's own temporary file, so a build killed here leaves
        # nothing the next build does not clear (publish/output_guard.py).
        handle, temporary = tempfile.mkstemp(prefix=".ledger-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(message)
            os.chmod(temporary, stat.S_IMODE(0o644))
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise


def keep_sent_message(settings: dict, email, message: bytes) -> None:
    """`make send` keeps the message it sent; the next publish names it in the ledger.

    Always written: a resumed send sends the same bytes (a resume of an edited email
    is refused), and a file left by an earlier email of the same name must not stand
    in for this one. A published email is never sent again, so its file stays.
    """
    folder = os.path.dirname(os.path.join(settings["PATH"], settings["CANDOR_LEDGER_PATH"]))
    write_kept_messages(folder, {message_name(email.source_path): message})
