"""A careless operator, a hostile list file and a flaky relay against make send: each test
here reproduced a way to send twice, to the wrong people, or to fail with a traceback."""

from __future__ import annotations

import asyncio
import email
import email.policy
import sys
import threading

import smtp_relay
from smtp_relay import candor_send, candor_send_test, customers, settings_for, write_list

from candor.commands import sending

# smtp_relay.py's fixtures, by name (a conftest.py here would shadow tests/conftest.py).
relay = smtp_relay.relay
site = smtp_relay.site


def hold_first_message(relay):
    """The relay keeps the first message's DATA unanswered until `release` is set."""
    arrived, release = threading.Event(), threading.Event()
    answer = relay.handle_DATA

    async def held(server, session, envelope):
        if not arrived.is_set():
            arrived.set()
            while not release.is_set():
                await asyncio.sleep(0.01)
        return await answer(server, session, envelope)

    relay.handle_DATA = held
    return arrived, release


def test_two_sends_of_one_email_at_once_never_double_send(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(3))
    candor_send_test(site, relay)
    arrived, release = hold_first_message(relay)
    first = threading.Thread(target=candor_send, args=(site, relay, listed, "3"))
    first.start()
    try:
        assert arrived.wait(20)
        # A second workflow fires while the first is mid-send.
        assert candor_send(site, relay, listed, "2") == 1
    finally:
        release.set()
        first.join(20)
    assert "already being sent" in capsys.readouterr().err
    assert sorted(relay.customers()) == customers(3)


def test_resend_uncertain_given_anything_but_1_or_0_is_refused(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(2))
    candor_send_test(site, relay)
    for garbage in ("no", "false", "off", "maybe"):
        assert candor_send(site, relay, listed, "2", RESEND_UNCERTAIN=garbage) == 1
        err = capsys.readouterr().err
        assert "RESEND_UNCERTAIN" in err and "Traceback" not in err
    assert relay.customers() == []


def test_a_suppression_list_that_cannot_be_read_as_addresses_stops_the_send(
    site, relay, tmp_path, capsys
):
    listed = write_list(tmp_path, customers(2))
    # Saved as "Unicode text" by a spreadsheet: UTF-16, which no line reads as an address.
    suppressed = tmp_path / "unsubscribed.txt"
    suppressed.write_text("customer2@example.com\n", encoding="utf-16")
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2", CANDOR_SUPPRESSION_LIST=str(suppressed)) == 1
    err = capsys.readouterr().err
    assert "CANDOR_SUPPRESSION_LIST" in err and "line 1" in err
    assert relay.customers() == []


def send_with_the_second_customer_refused(site, relay, tmp_path):
    """A send of two that stops with the second customer still to go; the list's path."""
    listed = write_list(tmp_path, customers(2))
    candor_send_test(site, relay)
    relay.refuse["customer2@example.com"] = "451 Try again later"
    assert candor_send(site, relay, listed, "2") == 1
    relay.refuse.clear()
    return listed


def test_a_resumed_send_of_an_edited_email_is_refused(site, relay, tmp_path, capsys):
    listed = send_with_the_second_customer_refused(site, relay, tmp_path)
    email = site / "emails" / "price-change-note.md"
    email.write_text(email.read_text().replace("Hello,", "Hello again,"))
    candor_send_test(site, relay)
    capsys.readouterr()
    assert candor_send(site, relay, listed, "1") == 1
    assert "changed since" in capsys.readouterr().err
    assert relay.customers() == ["customer1@example.com"]


def test_a_record_cut_short_by_a_crash_does_not_stop_later_runs(site, relay, tmp_path, capsys):
    listed = send_with_the_second_customer_refused(site, relay, tmp_path)
    log = site / "sends" / "price-change-note.jsonl"
    with open(log, "a") as out:
        out.write('{"record":"acc')  # the process died in the middle of a write
    assert candor_send(site, relay, listed, "1") == 0
    capsys.readouterr()
    assert candor_send(site, relay, listed, "0") == 0
    assert "Nothing to send" in capsys.readouterr().out
    assert relay.customers() == customers(2)


class Terminal:
    def isatty(self):
        return True


def test_a_list_changed_while_the_count_is_being_typed_is_not_sent(
    site, relay, tmp_path, capsys, monkeypatch
):
    listed = write_list(tmp_path, customers(2))
    candor_send_test(site, relay)

    def answer_while_an_export_rewrites_the_list(prompt):
        write_list(tmp_path, ["someone@elsewhere.example", "other@elsewhere.example"])
        return "2"

    monkeypatch.setattr(sys, "stdin", Terminal())
    with smtp_relay.environment_set(smtp_relay.environment(relay)):
        try:
            code = sending.send(
                settings_for(site),
                "price-change-note",
                str(listed),
                None,
                ask=answer_while_an_export_rewrites_the_list,
            )
        except sending.Refused as refused:
            code, message = 1, str(refused)
    assert code == 1 and "changed" in message
    assert relay.customers() == []


def test_settings_with_odd_numbers_get_one_line_each(site, relay, capsys):
    for name, value in (
        ("CANDOR_SMTP_PORT", "²"),
        ("CANDOR_SEND_RATE", "1e-300"),
        ("CANDOR_SEND_RATE", "nan"),
        ("CANDOR_MIN_INTERVAL", "-1"),
    ):
        assert candor_send_test(site, relay, **{name: value}) == 1, name
        err = capsys.readouterr().err
        assert name in err and "Traceback" not in err
    assert relay.addresses() == []


def test_a_list_rewritten_during_the_send_reaches_nobody_who_was_not_counted(site, relay, tmp_path):
    padding = ["# exported by the mail service"] * 8000  # far past any read-ahead buffer
    listed = write_list(tmp_path, ["customer1@example.com", *padding, "customer2@example.com"])
    candor_send_test(site, relay)
    answer = relay.handle_DATA

    async def rewrite_the_list_then_answer(server, session, envelope):
        data = listed.read_bytes()
        if b"customer2@example.com" in data:
            with open(listed, "r+b") as out:  # in place, as an export job rewriting it would
                out.seek(data.rindex(b"customer2@example.com"))
                out.write(b"intruder9@example.com")
        return await answer(server, session, envelope)

    relay.handle_DATA = rewrite_the_list_then_answer
    candor_send(site, relay, listed, "2")
    assert "intruder9@example.com" not in relay.customers()


def test_a_list_that_is_not_a_list_is_summed_up_not_printed_whole(site, relay, tmp_path, capsys):
    listed = tmp_path / "customers.txt"
    listed.write_text("ana@example.com\n" + "x" * 1_000_000 + "\n" + "not an address\n" * 5000)
    candor_send_test(site, relay)
    capsys.readouterr()
    assert candor_send(site, relay, listed, "1") == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) < 30 and len(err) < 10_000
    assert "5,001 invalid lines" in err
    assert relay.customers() == []


def test_a_hard_link_of_the_list_inside_the_content_is_refused(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(2))
    (site / "images").mkdir(exist_ok=True)
    (site / "images" / "customers.txt").hardlink_to(listed)
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2") == 1
    err = capsys.readouterr().err
    assert "(a hard link), inside the site's folders" in err
    assert "images/customers.txt" in err
    assert relay.customers() == []


def test_a_message_left_by_an_earlier_email_of_the_same_name_is_replaced(site, relay, tmp_path):
    # A kept message whose send log was deleted by hand must not stand for this email.
    (site / "sends").mkdir(exist_ok=True)
    stale = site / "sends" / "price-change-note.eml"
    stale.write_bytes(b"Subject: an older email\r\n\r\nNot this one.\r\n")
    listed = write_list(tmp_path, customers(1))
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "1") == 0
    kept = email.message_from_bytes(stale.read_bytes(), policy=email.policy.default)
    received = relay.received[-1].message
    assert kept["Subject"] == received["Subject"]
    plain = ("plain",)
    assert kept.get_body(plain).get_content() == received.get_body(plain).get_content()
