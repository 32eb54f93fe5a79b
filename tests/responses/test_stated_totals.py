"""Stated totals: a round-up says how many replies came in, and the tally tells the truth."""

from __future__ import annotations

import pytest

from candor.build.problems import BuildStopped
from candor.responses.stated_totals import read_stated_totals


def tally_of(site, url: str) -> str:
    return site.html(url).select_one("article header .response-tally").get_text()


def test_stated_totals_lead_the_tally_and_the_quotes_follow(build_test_data):
    site = build_test_data("responses_stated_totals")
    assert tally_of(site, "/posts/round-up/") == (
        "16 replies: 13 thanked us, 3 asked to be removed · 3 quoted below"
    )


def test_a_stated_total_without_outcomes_is_a_count_of_replies(build_test_data):
    site = build_test_data("responses_stated_totals")
    assert tally_of(site, "/posts/total-only/") == "40 replies · 2 quoted below"


def test_without_stated_totals_the_quotes_are_counted_as_before(build_test_data):
    site = build_test_data("responses_stated_totals")
    assert tally_of(site, "/posts/counted/") == "2 thank-you replies"


def test_stated_totals_smaller_than_the_quotes_name_the_file_and_field(read_test_data):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("responses_stated_totals_wrong", CANDOR_STRICT=True)
    found = {(p.path.rpartition("/")[2], p.field): p.message for p in stopped.value.problems}
    assert found.keys() == {
        ("fewer.md", "Replies"),
        ("fewer-thanks.md", "Replies"),
        ("not-a-count.md", "Replies"),
        ("unknown-outcome.md", "Replies"),
        ("over.md", "Replies"),
    }
    assert "states 2 replies but quotes 3" in found[("fewer.md", "Replies")]
    assert "states 1 thanks but quotes 2" in found[("fewer-thanks.md", "Replies")]
    assert "Replies: 16 (13 thanks, 3 unsubscribe)" in found[("not-a-count.md", "Replies")]
    assert '"cheers"' in found[("unknown-outcome.md", "Replies")]
    assert "thanks, concern, unsubscribe, other" in found[("unknown-outcome.md", "Replies")]
    assert "7 by outcome but 5 in all" in found[("over.md", "Replies")]


def test_a_development_build_reports_wrong_totals_and_shows_the_counted_tally(
    build_test_data, caplog
):
    site = build_test_data("responses_stated_totals_wrong")
    assert tally_of(site, "/posts/fewer/") == "2 thank-you replies · 1 other reply"


@pytest.mark.parametrize(
    ("field", "phrase"),
    [
        ("1", "1 reply"),
        ("1,043", "1,043 replies"),
        ("16 (3 unsubscribe, 13 thanks)", "16 replies: 13 thanked us, 3 asked to be removed"),
        (
            "5 (1 concern, 2 concern, 1 other)",
            "5 replies: 3 raised concerns, 1 wrote about something else",
        ),
        ("1,200 (1,000 Thanks)", "1,200 replies: 1,000 thanked us"),
    ],
)
def test_stated_totals_read_in_the_order_of_the_outcomes(field, phrase):
    stated, problem = read_stated_totals(field)
    assert problem is None
    assert stated.phrase == phrase


@pytest.mark.parametrize("field", ["١٦", "1,,,,", "1_", "16 (١٣ thanks)", "1,0430", "-3"])
def test_a_count_is_written_in_digits_0_to_9_with_commas_only_between_thousands(field):
    stated, problem = read_stated_totals(field)
    assert stated is None
    assert problem
