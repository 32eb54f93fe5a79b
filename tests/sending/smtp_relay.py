"""Helpers of the send tests: a real SMTP server on 127.0.0.1 (aiosmtpd) that keeps
every message it receives, and a copy of a small site with a draft email to send.

The server can be told to refuse a recipient, to drop the connection while it has a
message, to refuse the login, or to kill the sending process at a chosen moment: the
faults come from the server's side, as a real relay's would; nothing in Candor is replaced.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import shutil
import signal
import socket
from argparse import Namespace
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from pelican.settings import read_settings

from candor.commands import sending

PROJECT = Path(__file__).resolve().parents[2]
TEST_DATA = PROJECT / "tests" / "test_data"


@dataclass
class Received:
    recipients: list[str]
    data: bytes

    @property
    def message(self):
        return email.message_from_bytes(self.data, policy=email.policy.default)


@dataclass
class Relay:
    """What the server does, set by each test, and what it received."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address: the reply to RCPT
    refuse_data: dict[str, str] = field(default_factory=dict)  # address: the reply to DATA
    drop_at: set[int] = field(default_factory=set)  # drop during the nth message's DATA
    kill_at: tuple[str, int] | None = None  # ("rcpt" or "data" or "mail", nth)
    pid: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    port: int = 0

    def count(self, stage: str) -> int:
        self.counts[stage] = self.counts.get(stage, 0) + 1
        number = self.counts[stage]
        if self.kill_at == (stage, number) and self.pid:
            os.kill(self.pid, signal.SIGKILL)
        return number

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.count("mail")
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        self.count("rcpt")
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        (to,) = envelope.rcpt_tos
        if to in self.refuse_data:
            return self.refuse_data[to]
        self.received.append(Received(list(envelope.rcpt_tos), envelope.original_content))
        number = self.count("data")
        if number in self.drop_at:
            server.transport.close()  # the relay has the message; the sender never hears
        return "250 Message accepted"

    def addresses(self) -> list[str]:
        return [to for message in self.received for to in message.recipients]

    def customers(self) -> list[str]:
        """Who received a real (not test) copy."""
        return [
            to
            for message in self.received
            if "X-Candor-Test" not in message.message
            for to in message.recipients
        ]


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"candor" and auth_data.password == b"right-password"
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def relay():
    handler = Relay()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def login_relay():
    """A relay that wants a login: user candor, password right-password."""
    handler = Relay()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the small site with the draft `price-change-note`, its post, no sends yet."""
    content = tmp_path / "site" / "content"
    shutil.copytree(TEST_DATA / "send_site", content)
    return content


def settings_for(content: Path, **overrides) -> dict:
    """The project's publish settings, pointed at the copy: the send reads as a publish does."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(content.parent / "output"), **overrides}
    return read_settings(str(PROJECT / "publishconf.py"), override=override)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(relay: Relay, **extra) -> dict:
    """The sending settings as a deploy would give them: environment variables."""
    return {
        "CANDOR_SMTP_HOST": "127.0.0.1",
        "CANDOR_SMTP_PORT": str(relay.port),
        "CANDOR_SMTP_SECURITY": "none",
        "CANDOR_TEST_RECIPIENTS": "team@tandemrooms.example",
        "CANDOR_SEND_RATE": "0",
        **extra,
    }


def write_list(folder: Path, addresses: list[str], name: str = "customers.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(addresses) + "\n", encoding="utf-8")
    return path


def customers(count: int) -> list[str]:
    return [f"customer{n}@example.com" for n in range(1, count + 1)]


def candor_send(site: Path, relay: Relay, listed, confirm=None, email="price-change-note", **env):
    """`python -m candor send EMAIL LIST`, in this process, with the relay in the environment."""
    arguments = Namespace(command="send", email=email, list=str(listed), confirm=confirm)
    with environment_set(environment(relay, **env)):
        return sending.main(arguments, settings_for(site))


def candor_send_test(site: Path, relay: Relay, email="price-change-note", **env):
    arguments = Namespace(command="send-test", email=email)
    with environment_set(environment(relay, **env)):
        return sending.main(arguments, settings_for(site))


@contextlib.contextmanager
def environment_set(values: dict):
    saved = dict(os.environ)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
