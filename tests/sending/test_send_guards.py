"""What stops a send before anything goes: the list, the count, the email, the interval."""

from __future__ import annotations

import shutil

import smtp_relay
from smtp_relay import (
    candor_send,
    candor_send_test,
    write_list,
)

# smtp_relay.py's fixtures, by name (a conftest.py here would shadow tests/conftest.py).
relay = smtp_relay.relay
site = smtp_relay.site

BOTH = ("ana@example.com", "ben@example.com")


def test_invalid_lines_are_each_reported_and_nothing_is_sent(site, relay, tmp_path, capsys):
    listed = write_list(
        tmp_path, ["ana@example.com", "not an address", "ben@example", "c@example.com"]
    )
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2") == 1
    err = capsys.readouterr().err
    assert 'line 2: "not an address" is not a valid email address' in err
    assert 'line 3: "ben@example" is not a valid email address' in err
    assert "2 invalid lines" in err and "Nothing was sent" in err
    assert relay.customers() == []


def test_duplicates_in_another_case_go_once(site, relay, tmp_path, capsys):
    listed = write_list(
        tmp_path, ["Ana@Example.com", "ana@example.com", "ANA@EXAMPLE.COM", "ben@example.com"]
    )
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2") == 0
    assert relay.customers() == ["Ana@example.com", "ben@example.com"]
    assert "2 duplicates" in capsys.readouterr().out


def test_a_csv_list_is_read_by_its_email_column(site, relay, tmp_path):
    listed = tmp_path / "export.csv"
    listed.write_text('name,email\n"Raman, Priya",priya@example.com\nBen,ben@example.com\n')
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2") == 0
    assert relay.customers() == ["priya@example.com", "ben@example.com"]


def test_the_suppression_list_is_applied(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, [*BOTH, "cy@example.com"])
    suppressed = write_list(tmp_path, ["BEN@example.com"], "suppressed.txt")
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2", CANDOR_SUPPRESSION_LIST=str(suppressed)) == 0
    assert relay.customers() == ["ana@example.com", "cy@example.com"]
    assert "1 on the suppression list" in capsys.readouterr().out


def test_a_missing_or_unreadable_suppression_list_stops_the_send(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, list(BOTH))
    candor_send_test(site, relay)
    for where in (tmp_path / "gone.txt", tmp_path):  # no file; a folder cannot be read
        assert candor_send(site, relay, listed, "2", CANDOR_SUPPRESSION_LIST=str(where)) == 1
        assert "CANDOR_SUPPRESSION_LIST" in capsys.readouterr().err
    assert relay.customers() == []


def test_the_count_must_be_typed_back(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, list(BOTH))
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, None) == 1
    assert "run again with CONFIRM=2" in capsys.readouterr().err
    assert candor_send(site, relay, listed, "3") == 1
    assert '"3" is not 2' in capsys.readouterr().err
    assert relay.customers() == []


def test_a_count_that_differs_from_recipients_is_refused(site, relay, tmp_path, capsys):
    path = site / "emails" / "price-change-note.md"
    path.write_text(path.read_text().replace("Status: draft", "Status: draft\nRecipients: 1043"))
    listed = write_list(tmp_path, list(BOTH))
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "2") == 1
    assert "Recipients: says 1,043, but the list holds 2" in capsys.readouterr().err
    assert relay.customers() == []


def test_a_list_inside_the_content_or_the_output_is_refused(site, relay, capsys):
    candor_send_test(site, relay)
    output = site.parent / "output"
    output.mkdir()
    for folder in (site, site / "emails", output):
        listed = write_list(folder, list(BOTH))
        assert candor_send(site, relay, listed, "2") == 1
        assert "where it could be published" in capsys.readouterr().err
    assert relay.customers() == []


def test_an_empty_list_is_refused(site, relay, tmp_path, capsys):
    listed = tmp_path / "empty.txt"
    listed.write_text("\n\n")
    candor_send_test(site, relay)
    assert candor_send(site, relay, listed, "0") == 1
    assert "holds no one to send to" in capsys.readouterr().err


def test_an_email_sent_by_hand_is_refused(site, relay, tmp_path, capsys):
    path = site / "emails" / "price-change-note.md"
    path.write_text(
        path.read_text().replace("Status: draft", "Sent: 2026-11-30 09:00 -05:00\nRecipients: 2")
    )
    assert candor_send_test(site, relay) == 1
    assert "already sent" in capsys.readouterr().err
    assert relay.received == []


def test_a_draft_with_problems_stops_with_them(site, relay, capsys):
    path = site / "emails" / "price-change-note.md"
    text = path.read_text().replace("From: Priya Raman <community@tandemrooms.example>\n", "")
    path.write_text(text.replace("Post: price-change", "Post: no-such-post"))
    assert candor_send_test(site, relay) == 1
    err = capsys.readouterr().err
    assert "From: is missing" in err
    assert 'Post: names "no-such-post"' in err
    assert relay.received == []


def test_another_email_within_the_interval_is_held_back(site, relay, tmp_path, capsys):
    second = site / "emails" / "second-note.md"
    shutil.copy(site / "emails" / "price-change-note.md", second)
    text = second.read_text().replace("Your plan", "Also: your plan")
    second.write_text(text.replace("Post: price-change\n", ""))  # a post has one email
    first_list = write_list(tmp_path, ["ana@example.com"], "first.txt")
    both = write_list(tmp_path, list(BOTH), "both.txt")
    candor_send_test(site, relay)
    assert candor_send(site, relay, first_list, "1") == 0
    candor_send_test(site, relay, email="second-note")
    capsys.readouterr()
    assert candor_send(site, relay, both, "1", email="second-note") == 0
    assert "1 held back" in capsys.readouterr().out
    assert relay.customers() == ["ana@example.com", "ben@example.com"]
    # Said otherwise: the held one gets it too, and only that one.
    assert candor_send(site, relay, both, "1", email="second-note", CANDOR_MIN_INTERVAL="0") == 0
    assert relay.customers() == ["ana@example.com", "ben@example.com", "ana@example.com"]


def test_a_send_is_resumed_only_with_the_list_it_began_with(site, relay, tmp_path, capsys):
    first = write_list(tmp_path, ["ana@example.com", "ben@example.com"], "first.txt")
    candor_send_test(site, relay)
    relay.refuse["ben@example.com"] = "451 4.3.0 try again later"
    candor_send(site, relay, first, "2")
    relay.refuse.clear()
    capsys.readouterr()
    for people in (["ana@example.com", "ben@example.com", "cy@example.com"], ["cy@example.com"]):
        other = write_list(tmp_path, people, "other.txt")
        assert candor_send(site, relay, other, "1") == 1
        assert "is not the list this email was first sent to" in capsys.readouterr().err
    assert relay.customers() == ["ana@example.com"]
    # The same people in another order and case, with a duplicate: the same list.
    again = write_list(tmp_path, ["BEN@example.com", "ana@example.com", "ben@example.com"])
    assert candor_send(site, relay, again, "1") == 0
    assert relay.customers() == ["ana@example.com", "BEN@example.com"]  # as the list wrote it
