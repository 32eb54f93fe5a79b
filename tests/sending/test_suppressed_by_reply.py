"""A reply asking to be removed, imported, keeps its sender out of the next `make send`."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

import pytest
import smtp_relay
from smtp_relay import candor_send, candor_send_test, settings_for, write_list

from candor.commands import replies

relay = smtp_relay.relay
site = smtp_relay.site

CORPUS = Path(__file__).resolve().parents[1] / "replies" / "corpus"
REMOVE_ME = "remy.okafor@customer.example"  # the sender of corpus/apple-mail-remove-me.eml


def run(site: Path, **arguments) -> int:
    return replies.main(Namespace(**arguments), settings_for(site))


def import_remove_me(site: Path, tmp_path: Path) -> None:
    mailbox = tmp_path / "replies"
    mailbox.mkdir()
    for name in ("apple-mail-remove-me.eml", "gmail-en.eml"):
        (mailbox / name).write_bytes((CORPUS / name).read_bytes())
    assert run(site, command="import-replies", post="price-change", source=str(mailbox)) == 0


def test_a_reply_asking_to_be_removed_keeps_its_sender_out_of_the_send(
    site, relay, tmp_path, capsys
):
    import_remove_me(site, tmp_path)
    # Written the way the customer's mail client wrote it, in another case.
    listed = write_list(tmp_path, ["Remy.Okafor@Customer.example", "ana@example.com"])
    assert candor_send_test(site, relay) == 0
    assert candor_send(site, relay, listed, "1") == 0
    assert relay.customers() == ["ana@example.com"]
    assert "1 on the suppression list" in capsys.readouterr().out


def test_the_suppression_list_holds_no_address_only_keyed_hashes(site, tmp_path):
    import_remove_me(site, tmp_path)
    kept = (site / "sends" / "suppressions.txt").read_text(encoding="utf-8")
    assert "@" not in kept and "remy" not in kept.lower()
    first, entry = kept.strip().split("\n")
    assert first.startswith("# candor suppressions, key ")
    digest, date, *why = entry.split(" ")
    assert len(bytes.fromhex(digest)) == 16
    assert " ".join(why) == "asked in a reply (price-change)"


def test_a_person_can_look_an_address_up_and_take_it_off(site, relay, tmp_path, capsys):
    import_remove_me(site, tmp_path)
    capsys.readouterr()
    assert run(site, command="suppression", address=REMOVE_ME, remove=False) == 0
    assert "is on the suppression list: " in capsys.readouterr().out
    assert run(site, command="suppression", address="ana@example.com", remove=False) == 0
    assert "ana@example.com is not on the suppression list." in capsys.readouterr().out
    assert run(site, command="suppression", address="", remove=False) == 0
    assert "1 on the suppression list" in capsys.readouterr().out

    assert run(site, command="suppression", address=REMOVE_ME, remove=True) == 0
    assert "is off the suppression list" in capsys.readouterr().out
    listed = write_list(tmp_path, [REMOVE_ME, "ana@example.com"])
    assert candor_send_test(site, relay) == 0
    assert candor_send(site, relay, listed, "2") == 0
    assert sorted(relay.customers()) == ["ana@example.com", REMOVE_ME]


def test_with_another_key_the_list_stops_the_send_rather_than_ignore_it(
    site, relay, tmp_path, capsys
):
    import_remove_me(site, tmp_path)
    listed = write_list(tmp_path, [REMOVE_ME, "ana@example.com"])
    assert candor_send_test(site, relay, CANDOR_SEND_LOG_KEY="another key") == 0
    assert candor_send(site, relay, listed, "1", CANDOR_SEND_LOG_KEY="another key") == 1
    assert "suppressions.txt: was written with another key" in capsys.readouterr().err
    assert relay.customers() == []


def without_key_line(text: str) -> str:
    return "".join(line for line in text.splitlines(True) if not line.startswith("#"))


def entry_shortened(text: str) -> str:
    first, entry, *rest = text.splitlines(True)
    return first + entry[:10] + entry[32:] + "".join(rest)


@pytest.mark.parametrize("tamper", [without_key_line, entry_shortened])
def test_a_tampered_list_stops_the_send_rather_than_let_someone_through(
    site, relay, tmp_path, capsys, tamper
):
    import_remove_me(site, tmp_path)
    listed = site / "sends" / "suppressions.txt"
    listed.write_text(tamper(listed.read_text(encoding="utf-8")), encoding="utf-8")
    audience = write_list(tmp_path, [REMOVE_ME, "ana@example.com"])
    assert candor_send_test(site, relay) == 0
    assert candor_send(site, relay, audience, "1") == 1
    said = capsys.readouterr().err
    assert "suppressions.txt: line " in said and "restore the file" in said, said
    assert relay.customers() == []
