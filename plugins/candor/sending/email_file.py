"""When a send ends: `Sent:` and `Recipients:` written into the email's file, `Status: draft` gone.

Only those header lines change; every other byte of the file stays as the
author wrote it (line ends included). The new file is written beside the old
one and renamed over it, so a crash leaves the old file or the new, never half.
"""

from __future__ import annotations

import os
import re
import tempfile

FIELD = re.compile(rb"^(?P<name>[A-Za-z][A-Za-z0-9_-]*)\s*:")


def mark_sent(path: str, sent: str, recipients: int) -> None:
    with open(path, "rb") as source:
        data = source.read()
    newline = b"\r\n" if b"\r\n" in data.split(b"\n", 1)[0] + b"\n" else b"\n"
    lines = data.split(newline)
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    header, rest = lines[:end], lines[end:]
    wanted = {
        b"sent": f"Sent: {sent}".encode(),
        b"recipients": f"Recipients: {recipients}".encode(),
    }
    kept = []
    for line in header:
        found = FIELD.match(line)
        name = found["name"].lower() if found else None
        if name == b"status" and line.split(b":", 1)[1].strip().lower() == b"draft":
            continue
        if name in wanted:
            kept.append(wanted.pop(name))
            continue
        kept.append(line)
    # New fields go after the Subject, where an author looks for them.
    at = next((i + 1 for i, line in enumerate(kept) if line.lower().startswith(b"subject")), 0)
    kept[at:at] = list(wanted.values())
    replace_file(path, newline.join(kept + rest))


def replace_file(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o777
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".candor-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
