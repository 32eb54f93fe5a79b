"""Emails keep their lines: a single line break in an email is a line break everywhere."""

from __future__ import annotations

import email
import email.policy
import json

from conftest import BuiltSite


def message_of(site: BuiltSite) -> email.message.EmailMessage:
    raw = site.path("/emails/signed.eml").read_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_a_two_line_signature_is_two_lines_in_the_text_part(build_test_data):
    site = build_test_data("email_signature_lines")
    text = message_of(site).get_body(("plain",)).get_content()
    assert "\nSam Ortiz\nExample Rooms Ltd\n" in text.replace("\r\n", "\n")


def test_a_two_line_signature_is_two_lines_in_the_html_part(build_test_data):
    site = build_test_data("email_signature_lines")
    html = message_of(site).get_body(("html",)).get_content()
    assert "Sam Ortiz<br>\nExample Rooms Ltd" in html.replace("\r\n", "\n")


def test_a_two_line_signature_is_two_lines_in_the_web_version(build_test_data):
    site = build_test_data("email_signature_lines")
    body = site.text("/emails/signed/")
    assert "Sam Ortiz<br>\nExample Rooms Ltd" in body


def test_a_two_line_signature_is_two_lines_in_the_ledger(build_test_data, tmp_path):
    build_test_data("email_signature_lines", "publishconf.py")
    ledger = json.loads((tmp_path / "content" / "ledger.json").read_text())
    body = ledger["emails"]["emails/signed.md"]["body"]
    assert body == "We are open longer from Monday.\n\nSam Ortiz\nExample Rooms Ltd\n"


def test_a_post_keeps_markdowns_rule_that_one_line_break_is_a_space(build_test_data):
    site = build_test_data("email_signature_lines")
    paragraph = site.html("/posts/hours/").select_one("article p, main p")
    text = " ".join(p.get_text() for p in site.html("/posts/hours/").select("p"))
    assert paragraph is not None
    assert "We are open longer\nfrom Monday." in text
    assert "<br" not in site.text("/posts/hours/")
