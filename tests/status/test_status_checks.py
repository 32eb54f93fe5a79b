"""Right now, what stops a build and what the sample shows: CANDOR_NOW, the checks of
systems, severity, updates and maintenance, the sample site, and a site with its own theme."""

from __future__ import annotations

import json
import shutil

import pytest
from status_site import (
    THE_DAY_AFTER,
    banners,
    build,
    conditions,
    copy_status_site,
    row,
    status_json,
)

from candor.build.problems import BuildStopped
from conftest import DURING_THE_INCIDENT, PROJECT, TEST_DATA, BuiltSite, build_site

# CANDOR_NOW


def test_candor_now_from_the_environment_wins_over_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("CANDOR_NOW", THE_DAY_AFTER)
    output = tmp_path / "output"
    build_site(copy_status_site(tmp_path), output, CANDOR_NOW=DURING_THE_INCIDENT)
    assert status_json(BuiltSite(output))["as_of"] == "2025-12-04T00:30:00-05:00"


def test_candor_now_as_a_setting_is_used_without_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("CANDOR_NOW")
    output = tmp_path / "output"
    build_site(copy_status_site(tmp_path), output, CANDOR_NOW=THE_DAY_AFTER)
    assert status_json(BuiltSite(output))["as_of"] == "2025-12-04T00:30:00-05:00"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("environment", 'environment: CANDOR_NOW: "tomorrow" is not a date and time;'),
        ("settings", 'settings: CANDOR_NOW: "tomorrow" is not a date and time;'),
    ],
)
def test_a_bad_candor_now_stops_the_build_in_one_line(tmp_path, monkeypatch, where, message):
    if where == "environment":
        monkeypatch.setenv("CANDOR_NOW", "tomorrow")
        setting = DURING_THE_INCIDENT
    else:
        monkeypatch.delenv("CANDOR_NOW", raising=False)
        setting = "tomorrow"
    with pytest.raises(BuildStopped) as stopped:
        build_site(copy_status_site(tmp_path), tmp_path / "output", CANDOR_NOW=setting)
    (problem,) = stopped.value.problems
    assert str(problem).startswith(message)
    assert "\n" not in str(problem)


def test_a_time_without_a_zone_is_no_candor_now(tmp_path):
    with pytest.raises(BuildStopped, match="CANDOR_NOW: .* has no time zone"):
        build(copy_status_site(tmp_path), tmp_path / "output", "2025-12-03 10:00")


# Checks


PROBLEMS = {
    "unknown-system.md": 'Systems: "Teleporter" is not a declared system; use one of: '
    "Video rooms, Recordings, Booking (or declare it in CANDOR_SYSTEMS)",
    "unknown-severity.md": 'Severity: "catastrophic" is not a severity; use one of: '
    "minor, major, critical",
    "no-severity.md": "Severity: missing; an incident that names systems says how bad it is: "
    "minor, major or critical",
    "goes-backwards.md": 'Timeline: the update "investigating" after "monitoring" goes back '
    "without saying why; updates move forward (investigating, identified, monitoring, "
    "resolved): write the state it is in now, or resolve it and reopen it with a new update",
    # A near-miss of a state word would leave the incident open and the banner up;
    # a name in the same place ("— Priya —") is not taken for one.
    "state-misspelled.md": 'Timeline: "resolvd" at 09:50 looks like the state "resolved" '
    "misspelled, so the entry is not an update; write one of investigating, identified, "
    "monitoring, resolved",
    "state-disagrees.md": 'State: "monitoring" but the latest update says identified; the state '
    "is the latest update's: correct State, or leave it out",
    "ends-first.md": 'Ends: "2025-12-06 01:00 -05:00" is not after Starts "2025-12-06 02:00 '
    '-05:00"; a window ends after it starts, so correct one of the two',
    "major-maintenance.md": 'Severity: "major" on a maintenance window; write maintenance or '
    "leave it out (minor, major and critical are for Kind: incident)",
    "window-two.md": "Uid: has the same id as posts/window-one.md "
    "(urn:uuid:6f1c2a52-3b7e-4c55-9a57-1f1f5d0a9a10); every post and email needs its own",
}


@pytest.fixture(scope="module")
def problems_by_file(tmp_path_factory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("problems")
    content = folder / "content"
    shutil.copytree(TEST_DATA / "status_problems", content)
    with pytest.raises(BuildStopped) as stopped:
        build(content, folder / "output", DURING_THE_INCIDENT, CANDOR_STRICT=True)
    found: dict[str, list[str]] = {}
    for problem in stopped.value.problems:
        found.setdefault(problem.path.rpartition("/")[2], []).append(
            f"{problem.field}: {problem.message}"
        )
    return found


@pytest.mark.parametrize("post", sorted(PROBLEMS))
def test_each_status_check_names_the_file_the_field_and_what_to_do(problems_by_file, post):
    assert problems_by_file[post] == [PROBLEMS[post]]


def test_maintenance_without_starts_or_ends_is_a_problem_for_each(problems_by_file):
    assert sorted(problems_by_file["no-window.md"]) == [
        "Ends: missing; a maintenance window needs it: "
        '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"',
        "Starts: missing; a maintenance window needs it: "
        '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"',
    ]


def test_an_update_after_resolved_reopens_the_incident_without_a_problem(problems_by_file):
    assert "reopened.md" not in problems_by_file


def test_a_reopened_incident_is_shown_as_reopened(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    shutil.copy(TEST_DATA / "status_problems" / "posts" / "reopened.md", content / "posts")
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    heads = [
        h.get_text(" ", strip=True) for h in site.html("/posts/reopened/").select(".update-head")
    ]
    assert heads[0].startswith("Reopened, investigating")
    assert banners(site, "/") == ["Minor incident, investigating: Reopened"]


@pytest.mark.parametrize(
    ("systems", "message"),
    [
        ("Video rooms", "CANDOR_SYSTEMS: is 'Video rooms'; write a list of systems"),
        ([{"title": "Video rooms"}], "CANDOR_SYSTEMS: system 1 is {'title': 'Video rooms'}"),
        ([{"name": "Chat"}, {"name": "chat"}], 'CANDOR_SYSTEMS: "chat" and "Chat" share a name'),
    ],
)
def test_systems_that_cannot_be_read_stop_the_build(tmp_path, systems, message):
    with pytest.raises(BuildStopped) as stopped:
        build(
            copy_status_site(tmp_path),
            tmp_path / "output",
            DURING_THE_INCIDENT,
            CANDOR_SYSTEMS=systems,
        )
    (problem,) = stopped.value.problems
    assert str(problem).startswith(f"settings: {message}")


# The sample site and other themes


def test_the_sample_declares_its_systems_and_shows_its_incident_and_maintenance(sample_site):
    # Built at the session's CANDOR_NOW, 10 December 2025 (conftest.py).
    assert conditions(sample_site) == dict.fromkeys(
        ["video-rooms", "recordings", "booking-pages", "customer-email", "lifecycle-workflows"],
        "operational",
    )
    assert row(sample_site, "customer-email")[-13] == "major"  # 28 November
    assert row(sample_site, "lifecycle-workflows")[-13] == "major"
    assert row(sample_site, "booking-pages")[-23] == "maintenance"  # 18 November
    window = sample_site.html("/posts/booking-database-upgrade-november-2025/")
    summary = " ".join(window.select_one(".maintenance-summary").get_text(" ", strip=True).split())
    assert "Tue 18 Nov 2025, 2:00 am EST to Tue 18 Nov 2025, 3:00 am EST (1 hour)" in summary
    assert "Ended" in summary


def test_a_site_with_its_own_theme_gets_candors_plain_status_page(tmp_path):
    site = build(
        copy_status_site(tmp_path),
        tmp_path / "output",
        DURING_THE_INCIDENT,
        THEME="simple",
        CANDOR_ESCAPE_THEME=False,
        DIRECT_TEMPLATES=["index"],  # Pelican's simple theme has no 404.html
    )
    rows = site.html("/status/").select(".candor-systems tbody tr")
    shown = {r.th.get_text(strip=True): r.td.get_text(strip=True) for r in rows}
    assert shown == {
        "Video rooms": "Major incident",
        "Recordings": "Operational",
        "Booking": "Operational",
    }
    banner = site.html("/status/").select(".candor-status-banner a")
    assert [a.get_text() for a in banner] == [
        "Major incident, identified: Calls drop after ten minutes"
    ]


@pytest.mark.parametrize("notice", ["48h", -1, True])
def test_a_notice_that_is_no_number_of_hours_stops_the_build(tmp_path, notice):
    with pytest.raises(BuildStopped) as stopped:
        build(
            copy_status_site(tmp_path),
            tmp_path / "output",
            DURING_THE_INCIDENT,
            CANDOR_MAINTENANCE_NOTICE=notice,
        )
    (problem,) = stopped.value.problems
    assert str(problem) == (
        f"settings: CANDOR_MAINTENANCE_NOTICE: is {notice!r}; write the hours before a "
        "window to announce it, like 48"
    )


def test_a_fresh_publish_of_the_sample_finds_its_ledger_complete(tmp_path):
    # The sample's systems and maintenance window add feeds and an entry: the committed
    # ledger records them, so `make publish` neither refuses nor rewrites it.
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    build_site(tmp_path / "content", tmp_path / "out", "publishconf.py")
    published = json.loads((tmp_path / "content" / "ledger.json").read_text("utf-8"))
    committed = json.loads((PROJECT / "content" / "ledger.json").read_text("utf-8"))
    assert published == committed
    assert "system/booking-pages" in committed["feeds"]
