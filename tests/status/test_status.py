"""Right now: systems, severity, updates, /status/, the banner, status.json, maintenance
and its calendar, per-system feeds, each at a fixed CANDOR_NOW."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import feedparser
import icalendar
import pytest
from status_site import (
    BEFORE_THE_MOVE,
    DURING_THE_MOVE,
    THE_DAY_AFTER,
    banners,
    build,
    conditions,
    copy_status_site,
    has_banner,
    resolve_the_incident,
    row,
    shown_conditions,
    status_json,
)

from conftest import DURING_THE_INCIDENT, TEST_DATA, BuiltSite


@pytest.fixture(scope="module")
def ongoing(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("ongoing")
    return build(copy_status_site(folder), folder / "output", DURING_THE_INCIDENT)


@pytest.fixture(scope="module")
def resolved(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("resolved")
    content = copy_status_site(folder)
    resolve_the_incident(content)
    return build(content, folder / "output", THE_DAY_AFTER)


# No incident


def test_with_no_incident_every_system_is_operational_and_no_page_has_a_banner(tmp_path):
    content = copy_status_site(tmp_path)
    (content / "posts" / "calls-dropping.md").unlink()
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    assert set(conditions(site).values()) == {"operational"}
    assert status_json(site)["active_incidents"] == []
    overall = site.html("/status/").select_one(".status-overall").get_text(strip=True)
    assert overall == "All systems operational"
    assert all(not has_banner(site, page) for page in site.pages())


# One ongoing incident


def test_an_ongoing_incident_puts_a_banner_on_every_page_linking_to_it(ongoing):
    pages = ongoing.pages()
    assert len(pages) > 10
    for page in pages:
        soup = ongoing.html(str(page.relative_to(ongoing.root)))
        links = [a["href"] for a in soup.select(".status-banner li a")]
        assert links == ["/posts/calls-drop/"], page
    assert banners(ongoing, "/") == ["Major incident, identified: Calls drop after ten minutes"]


def test_status_shows_the_named_system_degraded_and_the_others_operational(ongoing):
    assert shown_conditions(ongoing) == {
        "video-rooms": "Major incident",
        "recordings": "Operational",
        "booking": "Operational",
    }
    active = ongoing.html("/status/").select_one("#status-active-title").parent
    text = " ".join(active.get_text(" ", strip=True).split())
    assert "Identified Major severity · Video rooms" in text
    assert "Latest update" in text and "A setting on one of our media servers" in text


def test_status_json_agrees_with_the_page_and_gives_the_feed_id(ongoing):
    data = status_json(ongoing)
    assert conditions(ongoing) == {
        "video-rooms": "major",
        "recordings": "operational",
        "booking": "operational",
    }
    assert data["as_of"] == "2025-12-03T10:00:00-05:00"
    (incident,) = data["active_incidents"]
    feed = feedparser.parse(ongoing.text("/feeds/incidents.atom.xml"))
    assert incident["id"] == feed.entries[0].id
    assert (incident["state"], incident["severity"], incident["systems"]) == (
        "identified",
        "major",
        ["video-rooms"],
    )
    assert incident["updated"] == "2025-12-03T09:40:00-05:00"


def test_the_post_shows_its_updates_newest_first_with_state_and_time(ongoing):
    updates = ongoing.html("/posts/calls-drop/").select(".incident-updates li")
    heads = [
        " ".join(u.select_one(".update-head").get_text(" ", strip=True).split()) for u in updates
    ]
    assert heads == [
        "Identified Wed 3 Dec 2025, 9:40 am UTC-05:00",
        "Investigating Wed 3 Dec 2025, 9:05 am UTC-05:00",
    ]
    last = ongoing.html("/posts/calls-drop/").select_one(".incident-updates .update-last")
    assert last.get_text(" ", strip=True) == "Last updated Wed 3 Dec 2025, 9:40 am UTC-05:00"


def test_the_timeline_shows_each_updates_state_as_a_word_of_its_own(ongoing):
    timeline = ongoing.html("/posts/calls-drop/").select(".incident-timeline li")
    states = [[s.get_text() for s in item.select(".update-state")] for item in timeline]
    assert states == [[], ["Investigating"], ["Identified"]]
    assert " ".join(timeline[2].get_text(" ", strip=True).split()).endswith(
        "— Identified — A setting on one of our media servers closes long calls; "
        "we are changing it."
    )


def test_the_feed_entry_title_and_updated_follow_the_latest_update(ongoing):
    (entry,) = feedparser.parse(ongoing.text("/feeds/incidents.atom.xml")).entries
    assert entry.title == "[Identified] Calls drop after ten minutes"
    assert entry.updated == "2025-12-03T09:40:00-05:00"


def test_the_index_shows_each_incidents_state_and_severity_next_to_its_kind(ongoing):
    summaries = ongoing.html("/").select(".post-summary")
    (incident,) = [s for s in summaries if "Calls drop" in s.h2.get_text()]
    meta = " ".join(incident.select_one(".post-meta").get_text(" ", strip=True).split())
    assert meta.startswith("Incident write-up Identified Major severity")


# Resolved


def test_once_resolved_no_page_has_a_banner_and_the_system_is_operational(resolved):
    assert all(not has_banner(resolved, p) for p in resolved.pages())
    assert conditions(resolved)["video-rooms"] == "operational"
    assert status_json(resolved)["active_incidents"] == []


def test_the_day_of_a_resolved_incident_stays_coloured_in_the_90_day_row(resolved):
    days = row(resolved, "video-rooms")
    assert len(days) == 90
    assert days[-2:] == ["major", "operational"]  # 3 December, then today, 4 December
    assert set(days[:-2]) == {"operational"}
    text = resolved.html("/status/").select_one("#system-video-rooms .status-days-text")
    assert "Wed 3 Dec 2025: Major incident" in text.get_text()


def test_the_feed_entry_keeps_its_id_and_reads_resolved(ongoing, resolved):
    (before,) = feedparser.parse(ongoing.text("/feeds/incidents.atom.xml")).entries
    (after,) = feedparser.parse(resolved.text("/feeds/incidents.atom.xml")).entries
    assert after.id == before.id
    assert (after.title, after.updated) == (
        "[Resolved] Calls drop after ten minutes",
        "2025-12-03T10:30:00-05:00",
    )


# Maintenance


def test_past_maintenance_colours_its_day_and_is_not_planned(ongoing):
    days = row(ongoing, "booking")
    assert days.count("maintenance") == 1
    assert days[-14] == "maintenance"  # 20 November, 13 days before 3 December
    planned = [a.get_text() for a in ongoing.html("/status/").select(".status-item h3 a")]
    assert "Booking database upgrade" not in planned


def test_upcoming_maintenance_is_planned_but_not_in_the_banner_until_48_hours_before(ongoing):
    planned = ongoing.html("/status/").select_one("#status-maintenance-title").parent
    assert "Moving recordings to new storage" in planned.get_text()
    assert "Upcoming" in planned.get_text()
    assert not [b for b in banners(ongoing, "/") if "Maintenance" in b]


def test_maintenance_within_the_notice_is_in_the_banner_of_every_page(tmp_path):
    content = copy_status_site(tmp_path)
    resolve_the_incident(content)
    site = build(content, tmp_path / "output", BEFORE_THE_MOVE)
    expected = (
        "Maintenance from Sat 6 Dec 2025, 1:00 am UTC-05:00: Moving recordings to new storage"
    )
    assert banners(site, "/") == [expected]
    assert banners(site, "/status/") == [expected]
    assert conditions(site)["recordings"] == "operational"


def test_during_maintenance_its_system_is_under_maintenance(tmp_path):
    content = copy_status_site(tmp_path)
    resolve_the_incident(content)
    site = build(content, tmp_path / "output", DURING_THE_MOVE)
    assert conditions(site)["recordings"] == "maintenance"
    assert shown_conditions(site)["recordings"] == "Under maintenance"
    assert row(site, "recordings")[-1] == "maintenance"
    (window,) = status_json(site)["maintenance"]
    assert (window["phase"], window["systems"]) == ("in-progress", ["recordings"])
    assert banners(site, "/")[0].startswith("Maintenance in progress until")


# The calendar


def events(site: BuiltSite) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(site.path("/status/maintenance.ics").read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_lists_every_window_with_its_times_and_the_posts_feed_id(ongoing):
    found = events(ongoing)
    assert sorted(found) == [
        "Maintenance: Booking database upgrade",
        "Maintenance: Moving recordings to new storage",
    ]
    move = found["Maintenance: Moving recordings to new storage"]
    assert move.decoded("dtstart") == datetime(2025, 12, 6, 6, 0, tzinfo=UTC)
    assert move.decoded("dtend") == datetime(2025, 12, 6, 7, 0, tzinfo=UTC)
    feed = feedparser.parse(ongoing.text("/feeds/maintenance.atom.xml"))
    ids = {entry.title: entry.id for entry in feed.entries}
    assert str(move["uid"]) == ids["Moving recordings to new storage"]


def test_calendar_uids_stay_the_same_across_rebuilds_and_a_new_title(tmp_path, ongoing):
    before = {str(e["uid"]) for e in events(ongoing).values()}
    content = copy_status_site(tmp_path)
    post = content / "posts" / "recordings-move.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Moving recordings to new storage", "Recordings move"), "utf-8")
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    after = events(site)
    assert "Maintenance: Recordings move" in after
    assert {str(e["uid"]) for e in after.values()} == before


# Per-system feeds


def test_each_system_has_feeds_of_its_incidents_and_maintenance_with_the_same_ids(ongoing):
    every = {e.title: e.id for e in feedparser.parse(ongoing.text("/feeds/all.atom.xml")).entries}
    for slug, titles in {
        "video-rooms": ["[Identified] Calls drop after ten minutes"],
        "booking": ["Booking database upgrade"],
        "recordings": ["Moving recordings to new storage"],
    }.items():
        feed = feedparser.parse(ongoing.text(f"/feeds/system/{slug}.atom.xml"))
        assert feed.bozo == 0
        assert [(e.title, e.id) for e in feed.entries] == [(t, every[t]) for t in titles]
        json_feed = json.loads(ongoing.text(f"/feeds/system/{slug}.json"))
        assert [item["id"] for item in json_feed["items"]] == [every[t] for t in titles]
        assert ongoing.exists(f"/feeds/system/{slug}.rss.xml")
    listed = [a["href"] for a in ongoing.html("/feeds/").select("a")]
    assert "/feeds/system/video-rooms.atom.xml" in listed


# The banner and the system feeds stay small


def test_the_banner_stays_short_and_counts_what_it_leaves_to_the_status_page(tmp_path):
    content = copy_status_site(tmp_path)
    shutil.copytree(TEST_DATA / "status_every_severity", content, dirs_exist_ok=True)
    # Three incidents going on, and maintenance within a notice of 72 hours: four things.
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT, CANDOR_MAINTENANCE_NOTICE=72)
    assert len(banners(site, "/")) == 3
    more = site.html("/").select_one(".status-banner .status-banner-more")
    assert " ".join(more.get_text(" ", strip=True).split()) == "And 1 more on the status page"
    assert more.a["href"] == "/status/"


def test_a_systems_feeds_hold_its_newest_20_incidents_and_maintenance(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    for day in range(1, 23):
        (content / "posts" / f"window-{day:02d}.md").write_text(
            f"Title: Window {day}\nDate: 2025-10-{day:02d} 12:00 -05:00\nKind: maintenance\n"
            f"Starts: 2025-10-{day:02d} 22:00 -05:00\nEnds: 2025-10-{day:02d} 23:00 -05:00\n"
            "Systems: Booking\n\nA short window.\n",
            encoding="utf-8",
        )
    site = build(content, tmp_path / "output", DURING_THE_INCIDENT)
    system = feedparser.parse(site.text("/feeds/system/booking.atom.xml")).entries
    assert [entry.title for entry in system] == [f"Window {day}" for day in range(22, 2, -1)]
    assert len(feedparser.parse(site.text("/feeds/maintenance.atom.xml")).entries) == 22
    assert len(json.loads(site.text("/feeds/system/booking.json"))["items"]) == 20
