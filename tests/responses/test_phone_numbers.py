"""Phone numbers in quotes: real formats from many countries are masked, look-alikes stay.

A national number ("030/1234567") is read in the site's CANDOR_PHONE_REGION; one
written with its country code ("+49 30 1234567") is found whatever the region.
"""

from __future__ import annotations

import logging
import time

import pytest

from candor.build.problems import BuildStopped
from candor.responses.quote_safety import mask_contact_details

NBSP, EN_DASH = "\u00a0", "\u2013"

# (the site's region, a number as a customer writes it)
REAL_NUMBERS = [
    ("US", "(212) 555-0142"),
    ("US", "212-555-0142"),
    ("US", "212.555.0142"),
    ("US", f"212{EN_DASH}555{EN_DASH}0142"),
    ("US", "+1 212 555 0142"),
    ("US", "+1-555-014-2237"),
    ("US", "+44 20 7946 0018"),
    ("US", "+49 30 1234567"),
    ("US", "+49 (0)30 1234567"),
    ("US", f"+49{NBSP}30{NBSP}1234567"),
    ("US", "+33 1 23 45 67 89"),
    ("US", "+33.1.23.45.67.89"),
    ("US", "+91 98765 43210"),
    ("US", "+91-22-2345-6789"),
    ("US", "+81 3-1234-5678"),
    ("US", "+55 11 91234-5678"),
    ("US", "+61 2 9876 5432"),
    ("US", "030/1234567"),  # a whole number's digits, after a trunk 0: the README's example
    ("DE", "030/1234567"),
    ("DE", "030 1234567"),
    ("DE", "0170/1234567"),
    ("DE", "(030) 123 45 67"),
    ("GB", "020 7946 0018"),
    ("GB", "(020) 7946 0018"),
    ("GB", "07911 123456"),
    ("FR", "01 23 45 67 89"),
    ("FR", f"06{NBSP}12{NBSP}34{NBSP}56{NBSP}78"),
    ("IN", "098765 43210"),
    ("JP", "03-1234-5678"),
    ("BR", "(11) 91234-5678"),
    ("AU", "(02) 9876 5432"),
    ("AU", "0412 345 678"),
]

LOOK_ALIKES = [
    "on 2025-12-01",
    "on 01.12.2025",
    "on 12/01/2025",
    "on 2025/12/01",
    "on 1 December 2025",
    "at 2025-12-01T09:30:00",
    "at 12.01.2025 14:30",
    "from 2025-12-01 - 2025-12-03",
    "at 14:30",
    "at 14:30:15",
    "order #123456",
    "invoice INV-2025-0042",
    "ticket 1234567",
    "order 20251201",
    "ref 987654321",
    "in 2025",
    "$1,234.56",
    "€ 1.234,56",
    "10,000,000 rows",
    "1,000 posts",
    "version 4.12.0",
    "v2025.12.1",
    "pi is 3.14159265",
    "host 192.168.1.1",
    "ISBN 978-3-16-148410-0",
    "13 thank-you replies",
]


def masked_as_expected(number: str) -> str:
    """Every digit but the last two as a star, the rest as written."""
    digits = sum(ch.isdigit() for ch in number)
    seen, out = 0, []
    for ch in number:
        seen += ch.isdigit()
        out.append("*" if ch.isdigit() and seen <= digits - 2 else ch)
    return "".join(out)


def test_the_tables_are_long_enough():
    assert len(REAL_NUMBERS) >= 25 and len(LOOK_ALIKES) >= 25


@pytest.mark.parametrize(("region", "number"), REAL_NUMBERS)
def test_a_real_phone_number_is_masked_keeping_its_last_two_digits(region, number):
    masked, maskings = mask_contact_details(f"call me on {number} today", region=region)
    assert masked == f"call me on {masked_as_expected(number)} today"
    assert [m.shown_as for m in maskings] == [masked_as_expected(number)]


@pytest.mark.parametrize("region", ["US", "DE", "GB", "FR", "IN"])
@pytest.mark.parametrize("written", LOOK_ALIKES)
def test_dates_times_order_numbers_prices_and_versions_stay_as_written(written, region):
    assert mask_contact_details(written, region=region) == (written, [])


def test_a_number_written_with_its_country_code_is_masked_whatever_the_sites_region():
    assert mask_contact_details("+49 30/1234567", region="JP")[0] == "+** **/*****67"
    assert mask_contact_details("+49 30/1234567", region="US")[0] == "+** **/*****67"


def test_a_long_token_is_scanned_in_linear_time():
    for token in ("1" * 40_000, "1-" * 20_000, "+1 " * 13_000, "a1" * 20_000):
        started = time.perf_counter()
        mask_contact_details(token)
        assert time.perf_counter() - started < 1, token[:10]


def test_a_site_reads_national_numbers_in_its_phone_region(read_test_data, caplog):
    with caplog.at_level(logging.WARNING, logger="candor"):
        site = read_test_data("responses_with_national_numbers", CANDOR_PHONE_REGION="DE")
    (quote,) = site.article("berlin").responses
    assert "***/****56, Bestellung 20251201 vom 01.12.2025 um 14:30." in quote.text_html
    reports = [r.getMessage() for r in caplog.records if "masked phone number" in r.getMessage()]
    assert len(reports) == 1 and "posts/berlin.md: line 9:" in reports[0]


def test_a_phone_region_the_library_does_not_know_stops_the_build_naming_the_setting(
    read_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("responses_with_national_numbers", CANDOR_PHONE_REGION="Germany")
    (problem,) = stopped.value.problems
    assert problem.field == "CANDOR_PHONE_REGION"
    assert "a two-letter region code" in problem.message


def test_invoice_order_and_tracking_numbers_in_a_quote_stay_as_written(read_test_data):
    # Runs of 10 to 12 digits that no numbering plan assigns: only a number grouped
    # as phone numbers are (555-014-2237) is taken for a fictional one.
    site = read_test_data("responses_with_order_numbers")
    (quote,) = site.article("orders").responses
    assert "Invoice 2025-000123, order 1234567890, parcel 1Z999AA10123456784;" in quote.text_html
    assert "call ***-***-**37." in quote.text_html
