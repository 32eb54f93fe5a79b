"""Finding phone numbers in what customers wrote, with Google's libphonenumber rules.

The `phonenumbers` library knows every country's numbering plan, which a pattern of
digits and dashes cannot: `030/1234567` is a Berlin number, `2025-12-01` a date.
A number is masked when the library finds it and either:

- it is written with its country code (`+49 30 1234567`): a number in any country,
  valid or fictional (`+1 555-014-2237`), since the writer says it is one; or
- it is a valid number of the site's region, CANDOR_PHONE_REGION (`030/1234567`
  with "DE"), grouped as that region writes it, or has a full number's 10 to 12
  digits in three groups or after a trunk 0 (`555-014-2237`, a fictional number,
  and `030/1234567` are masked; the order `1234567890` and the invoice
  `2025-000123` are not).

Dates, times, order numbers and versions are neither, and the library's matcher
already passes over dates and times; a national number of another country
written without its code and with under 10 digits is not recognised (README,
"Quoting customer responses").
"""

from __future__ import annotations

import re

from phonenumbers import Leniency, PhoneNumberMatcher

DEFAULT_PHONE_REGION = "US"
SHORTEST_NUMBER = 7  # digits; shorter runs are counts, years and prices
# The matcher stops after this many candidates that fail its checks in one text, so
# a quote of digits that are no phone numbers costs bounded work, however long.
MAX_CANDIDATES = 2000
SHORTEST_FULL_NUMBER, LONGEST_FICTIONAL = 10, 12
FICTIONAL_GROUPS = 3  # (555) 014-2237: area code, exchange, line
THIN_SPACES = str.maketrans("\u2007\u2009\u202f", "   ")
DATE_LIKE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


def phone_number_spans(text: str, region: str = DEFAULT_PHONE_REGION) -> list[tuple[int, int]]:
    """(start, end) of every phone number in `text`, in order: two linear passes of the
    library's matcher, never a search from each digit."""
    if sum(ch.isdigit() for ch in text) < SHORTEST_NUMBER:  # most lines of most quotes
        return []
    # Thin and figure no-break spaces, which the library does not read as separators;
    # one character for one, so the spans found are spans of `text`.
    readable = text.translate(THIN_SPACES)
    # A valid number, prefixed and grouped as its country writes it: what tells
    # `030/1234567` from `ref 987654321` in Germany, and a Washington number from
    # the invoice 2025-000123 in the US (VALID alone does not look at the groups).
    valid = PhoneNumberMatcher(readable, region, Leniency.STRICT_GROUPING, MAX_CANDIDATES)
    valid_spans = {(match.start, match.end) for match in valid}
    spans, end = [], 0
    for match in PhoneNumberMatcher(readable, region, Leniency.POSSIBLE, MAX_CANDIDATES):
        is_valid = (match.start, match.end) in valid_spans
        if match.start < end or not is_phone_number(match.raw_string, is_valid):
            continue
        spans.append((match.start, match.end))
        end = match.end
    return spans


def is_phone_number(written: str, is_valid: bool) -> bool:
    digits = sum(ch.isdigit() for ch in written)
    if digits < SHORTEST_NUMBER or DATE_LIKE.match(written.strip("(")):
        return False  # a count, a year, or a date (and the hour after it)
    if written.startswith("+") or is_valid:
        return True
    # A number of the region's length that its plan does not (yet) assign, such as
    # the fictional 555 numbers: grouped as phone numbers are written, or after the
    # trunk 0 of a national number elsewhere (030/1234567); an invoice's 2025-000123
    # or an order's 1234567890 is neither. Not one ending in a lone digit (an ISBN).
    groups = re.findall(r"\d+", written)
    return (
        LONGEST_FICTIONAL >= digits >= SHORTEST_FULL_NUMBER
        and (len(groups) >= FICTIONAL_GROUPS or groups[0].startswith("0"))
        and len(groups[-1]) > 1
    )


def mask_phone_number(number: str, star: str = "*") -> str:
    """Hide every digit but the last two, keeping the shape: +1 (***) ***-**67."""
    total = sum(ch.isdigit() for ch in number)
    seen = 0
    masked = []
    for ch in number:
        if ch.isdigit():
            seen += 1
            masked.append(ch if seen > total - 2 else star)
        else:
            masked.append(ch)
    return "".join(masked)
