"""The send log: what each email's sending did, one JSON line per event, never rewritten.

One file per email, beside the ledger: `content/sends/<email file name>.jsonl`.
It is committed with the content, so a send stopped on one machine can be
resumed on another, and so it must not hold anyone's address. Each recipient is
kept as a keyed hash (HMAC-SHA256, 128 bits) of the address with its case and
Unicode form made one (audience.identity). The key is CANDOR_SEND_LOG_KEY from
the environment when set, else a random key Candor writes once to
`content/sends/send-log.key`. Every log names the key it was made with (a hash
of the key, `key_id`), and a send with another key stops: with a different key
nobody would be recognised and everyone would get the email again.

Records, in the order a send writes them:
    begin      once, when the file is made: the key id
    test       a test send: the fingerprint of exactly what went out
    start      each run of a real send: the Date every copy carries, which people the list names
    attempt    written, and flushed to disk, just before the message is handed over
    accepted   the relay took it;  refused: it did not (code and reply, address removed)
    uncertain  the connection broke while the relay had the message: outcome unknown
    end        the run finished

An `attempt` with no outcome after it is uncertain too (the process died
between the relay's answer and the record): never sent again unless asked.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..ledger.kept_messages import sends_folder

KEY_FILE = "send-log.key"


class SendLogError(Exception):
    """The log or its key cannot be used; the message says what to do."""


def log_path(settings: dict, email_source_path: str) -> str:
    stem = os.path.splitext(os.path.basename(email_source_path))[0]
    return os.path.join(sends_folder(settings), f"{stem}.jsonl")


def load_key(folder: str, environ) -> bytes:
    given = environ.get("CANDOR_SEND_LOG_KEY", "")
    if given:
        return given.encode("utf-8")
    path = os.path.join(folder, KEY_FILE)
    if not os.path.exists(path):
        os.makedirs(folder, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
    with open(path, encoding="utf-8") as source:
        return source.read().strip().encode("utf-8")


@contextlib.contextmanager
def only_sender(folder: str):
    """One send (or test send) at a time over the whole sends folder, held until it ends.

    Two `make send` runs of one email would each read the log before the other's
    records, and both deliver to the people not yet recorded; two of different
    emails would each miss the other's recipients in the CANDOR_MIN_INTERVAL guard.
    The lock is on the folder itself (flock), so no lock file is left behind, and
    the system releases it when the process dies, however it dies.
    """
    if not os.path.isdir(os.path.dirname(folder)):  # no content there: nothing can be sent
        yield
        return
    os.makedirs(folder, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise SendLogError(
                "Another make send or make send-test is running on this project: an email is "
                "already being sent. Wait for it to end, then run this again"
            ) from error
        yield
    finally:
        os.close(descriptor)  # releases the lock


def key_id(key: bytes) -> str:
    return hmac.new(key, b"candor send log key", hashlib.sha256).hexdigest()[:16]


def make_digest(key: bytes):
    def digest(identity: str) -> bytes:
        return hmac.new(key, identity.encode("utf-8"), hashlib.sha256).digest()[:16]

    return digest


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def without_address(reply: str, address: str) -> str:
    """A relay's reply often quotes the address: it is replaced before anything is kept."""
    return re.sub(re.escape(address), "<recipient>", reply, flags=re.IGNORECASE)


@dataclass
class SendLog:
    path: str
    key_id: str
    accepted: set[bytes] = field(default_factory=set)
    refused: dict[bytes, int] = field(default_factory=dict)  # digest: the relay's code
    attempted: set[bytes] = field(default_factory=set)
    tests: list[str] = field(default_factory=list)  # fingerprints of test sends
    first_date: str | None = None  # the Date of the first real send
    first_list: str | None = None  # which people its list named (audience.Audience.list_id)
    first_fingerprint: str | None = None  # what the first real send sent (a resume sends it too)
    first_accepted: str | None = None
    last_accepted: dict[bytes, str] = field(default_factory=dict)
    descriptor: int | None = None

    @property
    def uncertain(self) -> set[bytes]:
        return self.attempted - self.accepted - set(self.refused)

    def done_before(self) -> bool:
        return bool(self.accepted or self.refused or self.attempted)

    @classmethod
    def open(cls, path: str, key: bytes) -> SendLog:
        log = cls(path, key_id(key))
        if os.path.exists(path):
            log.read()
        return log

    def read(self) -> None:
        with open(self.path, encoding="utf-8") as source:
            lines = source.read().split("\n")
        # A last line cut short by a power cut is dropped; any other bad line is not guessed at.
        last = len(lines) - 1
        for number, line in enumerate(lines):
            if not line:
                continue
            try:
                record = json.loads(line)
            except ValueError as error:
                if number >= last - 1:
                    continue
                raise SendLogError(
                    f"{self.path}: line {number + 1} is not a record; restore the file from "
                    "version control, never edit it by hand"
                ) from error
            self.apply(record)

    def apply(self, record: dict) -> None:
        kind = record.get("record")
        to = bytes.fromhex(record["to"]) if "to" in record else None
        if kind == "begin" and record.get("key_id") != self.key_id:
            raise SendLogError(
                f"{self.path}: was written with another key (key id {record.get('key_id')}); "
                "set CANDOR_SEND_LOG_KEY to the key used then, or restore sends/send-log.key. "
                "With another key, everyone would get the email again"
            )
        if kind == "test":
            self.tests.append(record["fingerprint"])
        elif kind == "start" and self.first_date is None:
            self.first_date = record["date"]
            self.first_list = record.get("list")
            self.first_fingerprint = record.get("fingerprint")
        elif kind == "attempt":
            self.attempted.add(to)
        elif kind == "accepted":
            self.accepted.add(to)
            self.refused.pop(to, None)
            self.last_accepted[to] = record["time"]
            self.first_accepted = self.first_accepted or record["time"]
        elif kind == "refused":
            self.refused[to] = int(record.get("code") or 0)

    def write(self, record: dict, durable: bool = False) -> None:
        if self.descriptor is None:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
            self.descriptor = os.open(self.path, flags, 0o644)
            drop_cut_record(self.descriptor)
            if not os.fstat(self.descriptor).st_size:
                self.write({"record": "begin", "key_id": self.key_id, "time": now_text()}, True)
        line = json.dumps(record, ensure_ascii=True, separators=(",", ":")) + "\n"
        # One write call per record: a killed process leaves whole lines.
        os.write(self.descriptor, line.encode("ascii"))
        if durable:
            os.fdatasync(self.descriptor)
        self.apply(record)

    def record(self, kind: str, to: bytes, durable: bool = False, **extra) -> None:
        self.write({"record": kind, "to": to.hex(), "time": now_text(), **extra}, durable)

    def close(self) -> None:
        if self.descriptor is not None:
            os.fsync(self.descriptor)
            os.close(self.descriptor)
            self.descriptor = None


def drop_cut_record(descriptor: int) -> None:
    """A record cut short by a crash (no line end) is removed before the next is appended:
    appended to it, the next record would be lost in one line that reads as neither. What
    it cut short never had an effect: an `attempt` is written before the message goes,
    and a lost outcome leaves its `attempt` behind, which makes the delivery uncertain."""
    size = os.fstat(descriptor).st_size
    if not size or os.pread(descriptor, 1, size - 1) == b"\n":
        return
    start = max(0, size - 65536)  # a record is far shorter than this
    tail = os.pread(descriptor, size - start, start)
    os.ftruncate(descriptor, start + tail.rfind(b"\n") + 1)


def recent_recipients(folder: str, this_log: str, key: bytes, seconds: float) -> set[bytes]:
    """Everyone another email reached in the last `seconds`, from every send log."""
    if seconds <= 0 or not os.path.isdir(folder):
        return set()
    since = datetime.now(UTC).timestamp() - seconds
    recent: set[bytes] = set()
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".jsonl") or os.path.abspath(path) == os.path.abspath(this_log):
            continue
        other = SendLog.open(path, key)
        for to, when in other.last_accepted.items():
            if datetime.fromisoformat(when).timestamp() >= since:
                recent.add(to)
    return recent
