"""What a site owner, an author or a hostile content file could do to the status pages:
system slugs that leave their folder, names too long for a file, HTML in status.json,
a CANDOR_NOW too far away."""

from __future__ import annotations

import json
from datetime import timedelta

import icalendar
import pytest
from status_site import build, copy_status_site

from candor.build.problems import BuildStopped
from conftest import DURING_THE_INCIDENT, build_site


def stopped_by(tmp_path, **settings) -> str:
    with pytest.raises(BuildStopped) as stopped:
        build_site(copy_status_site(tmp_path), tmp_path / "output", **settings)
    (problem,) = stopped.value.problems
    assert "\n" not in str(problem)
    return str(problem)


@pytest.mark.parametrize("slug", ["../../evil", "../all", "a/b", "API", "video rooms", "."])
def test_a_system_slug_that_is_not_a_plain_slug_stops_the_build(tmp_path, slug):
    """A slug is a file name under feeds/system/: "../all" would overwrite the site's feed."""
    problem = stopped_by(tmp_path, CANDOR_SYSTEMS=[{"name": "Evil", "slug": slug}])
    assert problem.startswith(f'settings: CANDOR_SYSTEMS: system 1 ("Evil") has the slug "{slug}"')
    assert "lowercase letters, digits and hyphens" in problem


def test_a_system_named_at_great_length_gets_a_slug_short_enough_for_a_file(tmp_path):
    name = "Video rooms " + "and more " * 60  # 500 characters or so
    site = build(
        copy_status_site(tmp_path),
        tmp_path / "output",
        DURING_THE_INCIDENT,
        CANDOR_SYSTEMS=[{"name": "Video rooms"}, {"name": name}],
    )
    (long_system,) = [
        s for s in json.loads(site.text("/status.json"))["systems"] if s["name"] != "Video rooms"
    ]
    assert len(long_system["slug"]) <= 60
    assert (site.root / "feeds" / "system" / f"{long_system['slug']}.atom.xml").is_file()


def test_status_json_never_carries_a_closing_script_tag_from_a_system_name(tmp_path):
    """A tool that embeds status.json in a <script> must not have it closed by a name."""
    name = "Video </script><script>alert(1)</script> rooms"
    site = build(
        copy_status_site(tmp_path),
        tmp_path / "output",
        DURING_THE_INCIDENT,
        CANDOR_SYSTEMS=[{"name": name, "slug": "video-rooms"}],
    )
    text = site.text("/status.json")
    assert "<" not in text and ">" not in text
    assert json.loads(text)["systems"][0]["name"] == name


@pytest.mark.parametrize("now", ["0001-01-02 00:00 +00:00", "9999-12-31 23:59 +00:00"])
def test_a_candor_now_at_the_ends_of_the_calendar_stops_the_build_in_one_line(
    tmp_path, monkeypatch, now
):
    monkeypatch.setenv("CANDOR_NOW", now)
    problem = stopped_by(tmp_path)
    assert problem.startswith(f'environment: CANDOR_NOW: "{now}" is too far in the past or future')


def strict_problems(content, tmp_path) -> list[str]:
    with pytest.raises(BuildStopped) as stopped:
        build(content, tmp_path / "output", DURING_THE_INCIDENT, CANDOR_STRICT=True)
    return [f"{p.path.rpartition('/')[2]}: {p.field}: {p.message}" for p in stopped.value.problems]


def move_the_window(content, starts: str, ends: str) -> None:
    post = content / "posts" / "recordings-move.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("Starts: 2025-12-06 01:00 -05:00", f"Starts: {starts}")
    post.write_text(text.replace("Ends: 2025-12-06 02:00 -05:00", f"Ends: {ends}"), "utf-8")


def test_a_window_starting_at_a_time_the_clocks_skipped_is_a_problem(tmp_path):
    """2:30 on 8 March 2026 never happened in New York: the clocks went from 2:00 to 3:00."""
    content = copy_status_site(tmp_path)
    move_the_window(content, "2026-03-08 02:30 America/New_York", "2026-03-08 05:00 -04:00")
    (problem,) = strict_problems(content, tmp_path)
    assert problem.startswith(
        'recordings-move.md: Starts: "2026-03-08 02:30 America/New_York" never happened '
        "in America/New_York (the clocks changed);"
    )


def test_a_window_ending_at_a_time_that_happened_twice_is_a_problem(tmp_path):
    """1:30 on 1 November 2026 happened twice in New York: say which, with an offset."""
    content = copy_status_site(tmp_path)
    move_the_window(content, "2026-11-01 00:30 -04:00", "2026-11-01 01:30 America/New_York")
    (problem,) = strict_problems(content, tmp_path)
    assert problem.startswith(
        'recordings-move.md: Ends: "2026-11-01 01:30 America/New_York" happened twice '
        "in America/New_York (the clocks went back); write the offset, "
        '"2026-11-01 01:30 -04:00" or "2026-11-01 01:30 -05:00"'
    )


def test_a_window_across_a_clock_change_lasts_its_real_length_in_the_calendar(tmp_path):
    content = copy_status_site(tmp_path)
    move_the_window(
        content, "2026-11-01 00:00 America/New_York", "2026-11-01 03:00 America/New_York"
    )
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    calendar = icalendar.Calendar.from_ical(site.text("/status/maintenance.ics"))
    (event,) = [e for e in calendar.walk("VEVENT") if "recordings" in str(e["url"])]
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(hours=4)


def test_systems_on_a_post_of_another_kind_are_named_as_left_out(tmp_path, caplog):
    """A thank-you note naming a system is in no system's feed: the author hears why."""
    content = copy_status_site(tmp_path)
    post = content / "posts" / "welcome.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(
            "Kind: thank-you", "Kind: thank-you\nSystems: Video rooms"
        ),
        encoding="utf-8",
    )
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    warnings = [r.getMessage() for r in caplog.records if "welcome.md" in r.getMessage()]
    assert warnings == [
        "content/posts/welcome.md: Systems: only incidents and maintenance windows name systems; "
        "this thank-you post is in no system's feed: remove the line, or change its Kind"
    ]
    assert "Thanks for trying" not in site.text("/feeds/system/video-rooms.atom.xml")


def test_a_site_without_systems_never_says_all_is_well_while_an_incident_goes_on(tmp_path):
    site = build(
        copy_status_site(tmp_path), tmp_path / "output", DURING_THE_INCIDENT, CANDOR_SYSTEMS=[]
    )
    overall = site.html("/status/").select_one(".status-overall").get_text(" ", strip=True)
    assert overall == "Major incident"
    data = json.loads(site.text("/status.json"))
    assert data["condition"] == "major"
    assert [incident["state"] for incident in data["active_incidents"]] == ["identified"]


def test_an_incident_naming_no_declared_system_still_counts_in_the_overall_condition(tmp_path):
    content = copy_status_site(tmp_path)
    post = content / "posts" / "calls-dropping.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Systems: Video rooms\n", ""), "utf-8")
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    assert json.loads(site.text("/status.json"))["condition"] == "major"
    overall = site.html("/status/").select_one(".status-overall").get_text(" ", strip=True)
    assert overall == "Major incident"


def test_a_system_whose_name_is_another_systems_slug_stops_the_build(tmp_path):
    """`Systems: booking` could mean either: the site owner chooses, not the build."""
    systems = [{"name": "Booking", "slug": "calendar"}, {"name": "Calendar", "slug": "booking"}]
    problem = stopped_by(tmp_path, CANDOR_SYSTEMS=systems)
    assert problem == (
        'settings: CANDOR_SYSTEMS: "Calendar" and "Booking" share a name or slug; give each its own'
    )


@pytest.mark.parametrize("notice", [float("inf"), float("nan"), 10**12])
def test_a_notice_of_endless_hours_stops_the_build_in_one_line(tmp_path, notice):
    problem = stopped_by(tmp_path, CANDOR_MAINTENANCE_NOTICE=notice)
    assert problem.startswith(f"settings: CANDOR_MAINTENANCE_NOTICE: is {notice!r};")
