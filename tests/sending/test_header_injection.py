"""No field of the email, no line of the list and no setting can add a header or a recipient."""

from __future__ import annotations

import smtp_relay
from smtp_relay import (
    candor_send,
    candor_send_test,
    write_list,
)

# smtp_relay.py's fixtures, by name (a conftest.py here would shadow tests/conftest.py).
relay = smtp_relay.relay
site = smtp_relay.site

BREAKS = ("\r", "\u2028", "\u0085")


def test_list_lines_holding_a_line_break_are_invalid(site, relay, tmp_path, capsys):
    listed = tmp_path / "customers.txt"
    lines = ["ana@example.com"] + [f"ben@example.com{b}Bcc: eve@example.com" for b in BREAKS]
    listed.write_bytes("\n".join(lines).encode("utf-8") + b"\n")
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "1") == 1
    err = capsys.readouterr().err
    for number in (2, 3, 4):
        assert f"line {number}: holds a line break or another control character" in err
    assert relay.customers() == []


def test_a_subject_with_a_line_separator_stays_one_header(site, relay, tmp_path):
    path = site / "emails" / "price-change-note.md"
    text = path.read_text()
    path.write_text(text.replace("1 January", "1 January\u2028Bcc: eve@example.com"))
    listed = write_list(tmp_path, ["ana@example.com"])
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "1") == 0
    message = relay.received[-1].message
    assert message["Bcc"] is None
    assert relay.addresses() == ["team@tandemrooms.example", "ana@example.com"]


def test_a_sender_with_a_line_break_stops_the_send(site, relay, capsys):
    path = site / "emails" / "price-change-note.md"
    text = path.read_text()
    path.write_text(text.replace("tandemrooms.example>", "tandemrooms.example>\u2028Bcc: e@x.com"))
    assert candor_send_test(site, relay) == 1
    assert "From: holds a line break" in capsys.readouterr().err
    assert relay.received == []


def test_settings_with_a_line_break_are_refused(site, relay, capsys):
    for name, value in (
        ("CANDOR_UNSUBSCRIBE_URL", "https://example.com/u\r\nBcc: eve@example.com"),
        ("CANDOR_UNSUBSCRIBE_MAILTO", "u@example.com\nBcc: eve@example.com"),
        ("CANDOR_TEST_RECIPIENTS", "team@example.com\r\nBcc: eve@example.com"),
    ):
        assert candor_send_test(site, relay, **{name: value}) == 1
        assert name in capsys.readouterr().err
    assert relay.received == []


def test_unsubscribe_headers_when_set(site, relay, tmp_path):
    listed = write_list(tmp_path, ["ana@example.com"])
    unsubscribe = {
        "CANDOR_UNSUBSCRIBE_MAILTO": "leave@tandemrooms.example",
        "CANDOR_UNSUBSCRIBE_URL": "https://tandemrooms.example/unsubscribe",
    }
    candor_send_test(site, relay, **unsubscribe)
    assert candor_send(site, relay, listed, "1", **unsubscribe) == 0
    message = relay.received[-1].message
    assert message["List-Unsubscribe"] == (
        "<mailto:leave@tandemrooms.example>, <https://tandemrooms.example/unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
