"""The fast layer: reading a folder without writing a site sees what building it sees.

`read_test_data` (conftest.py) stops Pelican's run before the writers. The rule tests
that use it are only honest if reading reports the same problems, stops on the same
ones, and reads the same posts as a full build: these tests hold it to that.
"""

from __future__ import annotations

import logging

import pytest

from candor.build.problems import BuildStopped


def logged(caplog) -> list[str]:
    messages = sorted(r.getMessage() for r in caplog.records if r.name == "candor")
    caplog.clear()
    return messages


@pytest.mark.parametrize("case", ["email_bad_fields", "incident_problems", "emails_linked"])
def test_reading_a_folder_reports_what_building_it_reports_and_writes_nothing(
    case, read_test_data, build_test_data, caplog
):
    with caplog.at_level(logging.WARNING, logger="candor"):
        read = read_test_data(case)
        read_problems = logged(caplog)
        site = build_test_data(case)
        built_problems = logged(caplog)
    assert read_problems == built_problems
    assert not read.output.exists()
    for article in read.context["articles"]:
        assert site.exists("/" + article.url), article.url
    for email in read.context["emails"]:
        assert site.exists("/" + email.url), email.url


def test_reading_stops_where_a_build_stops_with_the_same_problems(read_test_data, build_test_data):
    with pytest.raises(BuildStopped) as read:
        read_test_data("responses_with_problems", CANDOR_STRICT=True)
    with pytest.raises(BuildStopped) as built:
        build_test_data("responses_with_problems", CANDOR_STRICT=True)
    assert list(map(str, read.value.problems)) == list(map(str, built.value.problems))
