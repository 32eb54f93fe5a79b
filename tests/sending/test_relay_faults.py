"""A relay that refuses, drops the connection, refuses the login, or is not there."""

from __future__ import annotations

import pytest
import smtp_relay
from smtp_relay import (
    candor_send,
    candor_send_test,
    customers,
    free_port,
    write_list,
)

# smtp_relay.py's fixtures, by name (a conftest.py here would shadow tests/conftest.py).
relay = smtp_relay.relay
site = smtp_relay.site
login_relay = smtp_relay.login_relay


def test_one_recipient_refused_for_now_and_one_for_good(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(4))
    candor_send_test(site, relay)
    relay.refuse["customer2@example.com"] = "450 4.2.1 customer2@example.com: mailbox busy"
    relay.refuse["customer3@example.com"] = "550 5.1.1 <customer3@example.com>: no such user"
    assert candor_send(site, relay, listed, "4") == 1
    out = capsys.readouterr().out
    assert "Refused by the relay: 2" in out
    assert "450 4.2.1 <recipient>: mailbox busy (retried on the next run)" in out
    assert "550 5.1.1 <<recipient>>: no such user (not retried)" in out
    assert relay.customers() == ["customer1@example.com", "customer4@example.com"]
    assert "customer" not in (site / "sends" / "price-change-note.jsonl").read_text()
    assert "Recipients: 2\n" in (site / "emails" / "price-change-note.md").read_text()

    relay.refuse.clear()  # the busy mailbox is free again
    assert candor_send(site, relay, listed, "1") == 0
    assert relay.customers()[2:] == ["customer2@example.com"]
    assert "Recipients: 3\n" in (site / "emails" / "price-change-note.md").read_text()


def test_a_message_refused_after_its_data_is_not_counted(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(2))
    candor_send_test(site, relay)
    relay.refuse_data["customer1@example.com"] = "554 5.6.0 message rejected"
    assert candor_send(site, relay, listed, "2") == 1
    assert "554 5.6.0 message rejected" in capsys.readouterr().out
    assert relay.customers() == ["customer2@example.com"]


def test_a_connection_dropped_while_the_relay_has_a_message(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(4))
    candor_send_test(site, relay)
    relay.drop_at = {3}  # the team's copy was the first; customer2's is the third
    assert candor_send(site, relay, listed, "4") == 1
    out = capsys.readouterr().out
    assert "Uncertain: 1" in out and "RESEND_UNCERTAIN=1" in out
    assert sorted(relay.customers()) == customers(4)  # on a new connection, the rest went

    relay.drop_at = set()
    assert candor_send(site, relay, listed, None) == 0
    assert "1 uncertain" in capsys.readouterr().out
    assert sorted(relay.customers()) == customers(4)  # nobody twice

    assert candor_send(site, relay, listed, "1", RESEND_UNCERTAIN="1") == 0
    assert relay.customers()[-1] == "customer2@example.com"  # asked for, and only that one


# The test relay takes a login without TLS (aiosmtpd warns); real relays are reached over TLS.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_sends_nothing(site, login_relay, tmp_path, capsys):
    relay = login_relay
    login = {"CANDOR_SMTP_USER": "candor", "CANDOR_SMTP_PASSWORD": "wrong"}
    assert candor_send_test(site, relay, **login) == 1
    err = capsys.readouterr().err
    assert "refused the login (535" in err and "CANDOR_SMTP_PASSWORD" in err
    assert relay.received == []
    login["CANDOR_SMTP_PASSWORD"] = "right-password"
    assert candor_send_test(site, relay, **login) == 0
    assert len(relay.received) == 1


def test_a_relay_that_is_not_there(site, relay, tmp_path, capsys):
    relay.port = free_port()  # nothing listens there
    assert candor_send_test(site, relay) == 1
    assert f"Cannot reach the relay at 127.0.0.1:{relay.port}" in capsys.readouterr().err
