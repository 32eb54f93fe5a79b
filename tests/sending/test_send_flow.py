"""The whole flow against a real SMTP server: a test send, the real send, a publish."""

from __future__ import annotations

import email
import email.policy
import json

import smtp_relay
from smtp_relay import (
    candor_send,
    candor_send_test,
    customers,
    settings_for,
    write_list,
)

from candor.commands.cli import build

# smtp_relay.py's fixtures, by name (a conftest.py here would shadow tests/conftest.py).
relay = smtp_relay.relay
site = smtp_relay.site


SITEURL = "https://notes.tandemrooms.example"


send_test = candor_send_test
send = candor_send


def publish(site, output):
    """`make publish` of the copy: the site built, checked and swapped in, the ledger saved."""
    build(settings_for(site, OUTPUT_PATH=str(output)), check=True, project=str(site.parent))
    return output


def parts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_content()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_a_test_send_then_the_send_reach_each_person_exactly_once(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(5))
    assert send_test(site, relay) == 0
    assert relay.addresses() == ["team@tandemrooms.example"]
    test_copy = relay.received[0].message
    assert test_copy["X-Candor-Test"].startswith("yes")

    assert send(site, relay, listed, "5") == 0
    assert sorted(relay.customers()) == sorted(customers(5))
    real = [m.message for m in relay.received[1:]]
    assert all("X-Candor-Test" not in m for m in real)
    # The customers' copies read exactly as the team's test copy did.
    assert all(parts(m) == parts(test_copy) for m in real)
    assert all(m["Subject"] == "Your plan changes on 1 January" for m in real)
    assert [m["To"] for m in real] == customers(5)
    assert len({m["Message-ID"] for m in real}) == 5

    # Sending again delivers nothing and says so.
    assert send(site, relay, listed, None) == 0
    assert len(relay.customers()) == 5
    assert "Nothing to send" in capsys.readouterr().out


def test_the_message_sent_is_the_published_eml_with_links_at_siteurl(site, relay, tmp_path):
    listed = write_list(tmp_path, customers(2))
    send_test(site, relay)
    send(site, relay, listed, "2")
    source = (site / "emails" / "price-change-note.md").read_text()
    assert "Status: draft" not in source
    assert "Recipients: 2\n" in source
    assert "Sent: " in source

    output = publish(site, tmp_path / "published")
    eml = email.message_from_bytes(
        (output / "emails" / "price-change-note.eml").read_bytes(), policy=email.policy.default
    )
    received = relay.received[-1].message
    assert parts(received) == parts(eml)
    for name in ("Subject", "From", "Reply-To", "Date"):
        assert received[name] == eml[name]
    text = parts(received)["text/plain"]
    assert f"{SITEURL}/posts/price-change/" in text
    assert f"{SITEURL}/emails/price-change-note/" in text
    assert "127.0.0.1" not in text and "localhost" not in text


def test_the_send_log_holds_no_address(site, relay, tmp_path):
    listed = write_list(tmp_path, customers(3))
    send_test(site, relay)
    send(site, relay, listed, "3")
    log = (site / "sends" / "price-change-note.jsonl").read_text()
    records = [json.loads(line) for line in log.splitlines()]
    assert [r["record"] for r in records].count("accepted") == 3
    assert "@" not in log and "customer" not in log


def test_a_changed_email_needs_a_new_test_send(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(2))
    send_test(site, relay)
    path = site / "emails" / "price-change-note.md"
    path.write_text(path.read_text().replace("any question", "any questions"))
    assert send(site, relay, listed, "2") == 1
    assert "changed since the last test send" in capsys.readouterr().err
    assert relay.customers() == []
    send_test(site, relay)
    assert send(site, relay, listed, "2") == 0
    assert sorted(relay.customers()) == customers(2)


def test_no_test_send_no_send(site, relay, tmp_path, capsys):
    listed = write_list(tmp_path, customers(2))
    assert send(site, relay, listed, "2") == 1
    assert "No test send of this exact message: run make send-test" in capsys.readouterr().err
    assert relay.received == []


def test_no_list_address_in_the_output_or_the_project_after_a_send_and_a_publish(
    site, relay, tmp_path
):
    addresses = ["priya.customer@example.com", "Ben.Customer@Example.org"]
    (tmp_path / "outside").mkdir()
    listed = write_list(tmp_path / "outside", addresses)
    send_test(site, relay)
    assert send(site, relay, listed, "2") == 0
    output = publish(site, site.parent / "output")
    for folder in (output, site.parent):  # the published site; the project (content, sends)
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes().lower()
                for address in addresses:
                    assert address.lower().encode() not in data, f"{address} in {path}"


def test_the_published_eml_is_the_message_sent_even_if_the_post_changes_before_publish(
    site, relay, tmp_path
):
    listed = write_list(tmp_path, customers(1))
    send_test(site, relay)
    send(site, relay, listed, "1")
    kept = (site / "sends" / "price-change-note.eml").read_bytes()
    # The post is retitled between the send and the publish: customers got the old title.
    post = site / "posts" / "price-change.md"
    title = next(line for line in post.read_text().splitlines() if line.startswith("Title:"))
    post.write_text(post.read_text().replace(title, "Title: A new title after the send"))

    output = publish(site, tmp_path / "published")
    assert (output / "emails" / "price-change-note.eml").read_bytes() == kept
    received = relay.received[-1].message
    sent_body = parts(received)["text/plain"]
    assert (
        sent_body
        == parts(email.message_from_bytes(kept, policy=email.policy.default))["text/plain"]
    )
    ledger = json.loads((site / "ledger.json").read_text())
    assert ledger["emails"]["emails/price-change-note.md"]["message"] == (
        "sends/price-change-note.eml"
    )
