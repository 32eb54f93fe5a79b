"""Handing each copy to the relay: one connection, the rate limit, each recipient's headers.

Each copy is its own SMTP transaction (MAIL, RCPT, DATA) on one reused
connection, so each recipient's outcome is known on its own. The send log's
`attempt` record is written, and flushed to disk, after the relay has accepted
the recipient and just before the message itself goes (DATA): until then the
relay cannot deliver anything, so a connection lost before it is retried on a
new connection, and one lost during it is recorded as uncertain and never
retried on its own.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass, field

from .compose import Outgoing
from .relay_settings import SendSettings
from .send_log import SendLog, without_address

TIMEOUT = 60  # seconds for the relay to answer one command
RECONNECTS = 3  # new connections tried, one after another, before the send stops


class DeliveryStopped(Exception):
    """The relay cannot be used (not there, login refused, gone for good); nothing more is sent."""


class ConnectionLost(Exception):
    def __init__(self, uncertain: bool):
        self.uncertain = uncertain


@dataclass
class Outcome:
    accepted: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (code, reply)
    uncertain: int = 0
    seconds: float = 0.0  # from the first connection to the last answer


class Relay:
    def __init__(self, settings: SendSettings):
        self.settings = settings
        self.connection: smtplib.SMTP | None = None

    @property
    def where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def connect(self) -> None:
        settings = self.settings
        context = ssl.create_default_context()
        try:
            if settings.security == "tls":
                connection = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=TIMEOUT, context=context
                )
            else:
                connection = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
            connection.ehlo()
            if settings.security == "starttls":
                connection.starttls(context=context)
                connection.ehlo()
            if settings.user:
                connection.login(settings.user, settings.password)
        except smtplib.SMTPAuthenticationError as error:
            raise DeliveryStopped(
                f"The relay at {self.where} refused the login ({reply_text(error)}); check "
                "CANDOR_SMTP_USER and the CANDOR_SMTP_PASSWORD environment variable. Nothing "
                "more was sent."
            ) from error
        except smtplib.SMTPNotSupportedError as error:
            raise DeliveryStopped(
                f"The relay at {self.where} does not offer STARTTLS; set CANDOR_SMTP_SECURITY "
                "to tls (usually port 465) if it speaks TLS from the start. Nothing more was sent."
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryStopped(
                f"Cannot reach the relay at {self.where} ({error}); check CANDOR_SMTP_HOST, "
                "CANDOR_SMTP_PORT and CANDOR_SMTP_SECURITY. Nothing more was sent."
            ) from error
        self.connection = connection

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def hand_over(self, sender: str, address: str, message: bytes, log: SendLog, to: bytes):
        """One transaction; returns (code, reply) when refused, None when accepted."""
        connection = self.connection
        try:
            code, reply = connection.mail(sender)
            if code != 250:
                connection.rset()
                raise DeliveryStopped(
                    f"The relay at {self.where} refused the sender {sender} "
                    f"({code} {decoded(reply)}); check the email's From. Nothing more was sent."
                )
            code, reply = connection.rcpt(address)
            if code not in (250, 251):
                connection.rset()
                return code, without_address(decoded(reply), address)
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            raise ConnectionLost(uncertain=False) from error
        log.record("attempt", to, durable=True)
        try:
            code, reply = connection.data(message)
        except smtplib.SMTPDataError as error:  # DATA itself refused: the message never went
            return error.smtp_code, without_address(decoded(error.smtp_error), address)
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            log.record("uncertain", to, durable=True)
            raise ConnectionLost(uncertain=True) from error
        if code != 250:
            return code, without_address(decoded(reply), address)
        return None


def reply_text(error: smtplib.SMTPResponseException) -> str:
    return f"{error.smtp_code} {decoded(error.smtp_error)}"


def decoded(reply) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())


def copy_for(outgoing: Outgoing, address: str, to: bytes, settings: SendSettings, test: bool):
    """The message for one recipient: the shared headers, then its own."""
    kind = "test." if test else ""
    lines = [outgoing.head, f"To: {address}".encode("ascii")]
    lines.append(f"Message-ID: <{outgoing.slug}.{kind}{to.hex()}@{outgoing.domain}>".encode())
    unsubscribe = []
    if settings.unsubscribe_mailto:
        unsubscribe.append(f"<mailto:{settings.unsubscribe_mailto}>")
    if settings.unsubscribe_url:
        unsubscribe.append(f"<{settings.unsubscribe_url}>")
    if unsubscribe:
        lines.append(f"List-Unsubscribe: {', '.join(unsubscribe)}".encode("ascii"))
    if settings.unsubscribe_url:
        lines.append(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    if test:
        lines.append(b"X-Candor-Test: yes; a test send, not sent to customers")
    return b"\r\n".join(lines) + outgoing.body


class Pace:
    """At most `rate` messages a second (0: no limit), spread evenly."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate > 0 else 0
        self.next = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        delay = self.next - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        self.next = max(self.next, time.monotonic() - self.interval) + self.interval


def deliver(relay: Relay, outgoing: Outgoing, address: str, to: bytes, log: SendLog, test=False):
    """Hand one copy over, reconnecting when the connection was lost before the message went.

    Returns (code, reply) when refused, None when accepted; raises ConnectionLost(uncertain)
    after reconnecting when the message may or may not have gone.
    """
    message = copy_for(outgoing, address, to, relay.settings, test)
    for tries in range(RECONNECTS + 1):
        try:
            return relay.hand_over(outgoing.sender_address, address, message, log, to)
        except ConnectionLost as lost:
            relay.close()
            if tries == RECONNECTS:
                raise DeliveryStopped(
                    f"The relay at {relay.where} kept dropping the connection; nothing more "
                    "was sent. Run the same command again later to send to the rest."
                ) from lost
            time.sleep(0.1 * tries)
            relay.connect()  # the relay gone for good stops the send here
            if lost.uncertain:
                raise
    raise AssertionError("unreachable")
