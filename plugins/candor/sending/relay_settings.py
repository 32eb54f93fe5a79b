"""The relay and the sending rules: from pelicanconf.py, the environment winning.

Every setting may be given in the settings file or as an environment variable of
the same name (the environment wins, so a deploy can point at another relay
without editing files). The password is read only from the environment: a
password in a settings file would be committed with it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .audience import normalised_address

SECURITY_CHOICES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
DEFAULT_RATE = 10.0  # messages a second: under the smallest paid plans of the big relays
MIN_RATE = 1 / 86400  # a slower rate is a typing slip, and its pause overflows time.sleep
DEFAULT_MIN_INTERVAL = 3600  # seconds: one hour
# A List-Unsubscribe URL goes into a header between < and >: only printable ASCII without
# the characters that would end it or start another entry.
SAFE_URL = re.compile(r"https://[!-~]+", re.ASCII)
FORBIDDEN_IN_URL = set('<>," ')


class SettingsError(Exception):
    """A sending setting that cannot be used; the message names it and what to write."""


@dataclass(frozen=True)
class SendSettings:
    host: str
    port: int
    security: str
    user: str
    password: str
    test_recipients: tuple[str, ...]
    rate: float  # messages a second; 0 is no limit
    min_interval: float  # seconds
    suppression_list: str | None
    unsubscribe_mailto: str | None
    unsubscribe_url: str | None


def setting(settings: dict, name: str, environ) -> str:
    value = environ.get(name)
    if value is None:
        value = settings.get(name)
    return "" if value is None else str(value).strip()


def number(settings: dict, name: str, environ, default: float, example: str) -> float:
    text = setting(settings, name, environ)
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1
    if value < 0 or value != value:  # negative, or not a number (NaN is not equal to itself)
        raise SettingsError(
            f'{name}: "{text}" is not a number of 0 or more; write it like {example}'
        )
    return value


def send_rate(settings: dict, environ) -> float:
    rate = number(settings, "CANDOR_SEND_RATE", environ, DEFAULT_RATE, "10")
    if 0 < rate < MIN_RATE:
        raise SettingsError(
            f"CANDOR_SEND_RATE: {rate:g} messages a second is under one a day; write it like "
            "10, or 0 for no limit"
        )
    return rate


def read_send_settings(settings: dict, environ=None) -> SendSettings:
    environ = os.environ if environ is None else environ
    if settings.get("CANDOR_SMTP_PASSWORD"):
        raise SettingsError(
            "CANDOR_SMTP_PASSWORD: is in the settings file, which is committed; remove it "
            "there and set it as an environment variable when you send"
        )
    host = setting(settings, "CANDOR_SMTP_HOST", environ)
    if not host:
        raise SettingsError(
            "CANDOR_SMTP_HOST: is not set; set it to your mail service's SMTP host, like "
            "email-smtp.eu-west-1.amazonaws.com (see README, Sending an announcement)"
        )
    security = setting(settings, "CANDOR_SMTP_SECURITY", environ).lower() or "starttls"
    if security not in SECURITY_CHOICES:
        raise SettingsError(
            f'CANDOR_SMTP_SECURITY: "{security}" is not one of starttls, tls or none'
        )
    port_text = setting(settings, "CANDOR_SMTP_PORT", environ) or str(DEFAULT_PORTS[security])
    if not re.fullmatch(r"[0-9]{1,5}", port_text) or not 0 < int(port_text) < 65536:
        raise SettingsError(f'CANDOR_SMTP_PORT: "{port_text}" is not a port; write it like 587')
    tests = setting(settings, "CANDOR_TEST_RECIPIENTS", environ)
    test_recipients = tuple(a.strip() for a in tests.replace("\n", ",").split(",") if a.strip())
    for address in test_recipients:
        if normalised_address(address) is None:
            raise SettingsError(
                f'CANDOR_TEST_RECIPIENTS: "{address}" is not an email address; write '
                "addresses separated by commas, like team@example.com,priya@example.com"
            )
    mailto = setting(settings, "CANDOR_UNSUBSCRIBE_MAILTO", environ) or None
    if mailto and normalised_address(mailto) is None:
        raise SettingsError(
            f'CANDOR_UNSUBSCRIBE_MAILTO: "{mailto}" is not an email address; write it like '
            "unsubscribe@example.com"
        )
    url = setting(settings, "CANDOR_UNSUBSCRIBE_URL", environ) or None
    if url and (not SAFE_URL.fullmatch(url) or FORBIDDEN_IN_URL & set(url)):
        raise SettingsError(
            f'CANDOR_UNSUBSCRIBE_URL: "{url}" is not one https:// address (no spaces, line '
            "breaks, <, > or commas); write it like https://example.com/unsubscribe"
        )
    return SendSettings(
        host=host,
        port=int(port_text),
        security=security,
        user=setting(settings, "CANDOR_SMTP_USER", environ),
        password=environ.get("CANDOR_SMTP_PASSWORD", ""),
        test_recipients=test_recipients,
        rate=send_rate(settings, environ),
        min_interval=number(settings, "CANDOR_MIN_INTERVAL", environ, DEFAULT_MIN_INTERVAL, "3600"),
        suppression_list=setting(settings, "CANDOR_SUPPRESSION_LIST", environ) or None,
        unsubscribe_mailto=mailto,
        unsubscribe_url=url,
    )
