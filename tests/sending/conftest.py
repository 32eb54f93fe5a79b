"""The send tests' fixtures (smtp_relay.py): a real SMTP server and a site with a draft email.

This file imports nothing from tests/conftest.py: pytest loads both under the name
`conftest`, so smtp_relay.py stands on its own.
"""

from smtp_relay import login_relay, relay, site

__all__ = ["login_relay", "relay", "site"]
