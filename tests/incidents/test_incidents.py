"""Incident write-ups: structured impact and timeline, checks, history, and feed entries."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader
from pelican.settings import DEFAULT_CONFIG

from candor.build import escaping
from candor.build.problems import BuildStopped
from candor.incidents.fields import Incident, feed_updated
from candor.incidents.timeline import read_timeline
from candor.text.timestamps import TimestampError, human_duration, parse_timestamp
from conftest import PROJECT, TEST_DATA, BuiltSite, build_site

EXAMPLE = '"2025-11-28 14:07 -05:00" or "2025-11-28 14:07 America/New_York"'


def summary(site: BuiltSite, url: str) -> dict[str, str]:
    """The impact summary of a post, as {term: description} in the reader's words."""
    box = site.html(url).select_one("article .incident-summary")
    terms = [" ".join(dt.get_text(" ", strip=True).split()) for dt in box.select("dt")]
    values = [" ".join(dd.get_text(" ", strip=True).split()) for dd in box.select("dd")]
    return dict(zip(terms, values, strict=True))


# Times and durations


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-11-28 14:07 -05:00", "2025-11-28T14:07:00-05:00"),
        ("2025-11-28 14:07 America/New_York", "2025-11-28T14:07:00-05:00"),
        ("2025-07-28 14:07 America/New_York", "2025-07-28T14:07:00-04:00"),
        ("2025-11-28T19:07:30Z", "2025-11-28T19:07:30+00:00"),
        ("2025-11-28 19:07 UTC", "2025-11-28T19:07:00+00:00"),
        ("2025-11-28 14:07 +0530", "2025-11-28T14:07:00+05:30"),
    ],
)
def test_a_time_is_read_with_its_offset_or_its_zone_name(written, iso):
    assert parse_timestamp(written).isoformat() == iso


@pytest.mark.parametrize(
    ("written", "complaint"),
    [
        ("2025-11-28 14:07", "has no time zone"),
        ("Friday afternoon", "is not a date and time"),
        ("2025-02-30 14:07 -05:00", "has no such date"),
        ("2025-11-28 25:07 -05:00", "has no such time"),
        ("2025-11-28 14:07 Eastern", '"Eastern" is not a time zone'),
    ],
)
def test_a_time_without_a_zone_or_that_is_no_time_is_refused_saying_why(written, complaint):
    with pytest.raises(TimestampError, match=complaint):
        parse_timestamp(written)


def test_a_duration_across_the_end_of_daylight_saving_counts_the_extra_hour():
    # 00:30 EDT to 03:30 EST on 2 November 2025 is four hours, not three.
    incident = Incident(
        state="resolved",
        started=parse_timestamp("2025-11-02 00:30 America/New_York"),
        resolved=parse_timestamp("2025-11-02 03:30 America/New_York"),
    )
    assert incident.duration == timedelta(hours=4)
    assert incident.duration_text == "4 hours"


def test_a_duration_between_two_offsets_is_the_real_time_between_them():
    incident = Incident(
        state="resolved",
        started=parse_timestamp("2025-11-28 14:07 -05:00"),
        detected=parse_timestamp("2025-11-28 20:12 +01:00"),
        resolved=parse_timestamp("2025-11-28 19:16 UTC"),
    )
    assert incident.time_to_detect_text == "5 minutes"
    assert incident.duration_text == "9 minutes"


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(seconds=40), "40 seconds"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(hours=2, minutes=5), "2 hours 5 minutes"),
        (timedelta(days=1, hours=3), "1 day 3 hours"),
        (timedelta(days=2, minutes=1, seconds=59), "2 days 1 minute"),
    ],
)
def test_durations_read_as_a_person_would_say_them(duration, text):
    assert human_duration(duration) == text


# The fields, rendered


def test_every_field_of_an_incident_is_shown_in_the_impact_summary(build_test_data):
    site = build_test_data("incident_fields")
    assert summary(site, "/posts/bookings-failed-overnight/") == {
        "State": "Resolved",
        # 00:50 EDT to 02:55 EST: three hours and five minutes, across the clock change.
        "Lasted": "3 hours 5 minutes, from Sun 2 Nov 2025, 12:50 am EDT "
        "to Sun 2 Nov 2025, 2:55 am EST",
        "Time to detect": "1 hour 9 minutes: noticed Sun 2 Nov 2025, 5:59 am UTC",
        "Affected": "1,250+ members",
        "Impact": "no room could be booked for three hours",
        "Systems affected": "Bookings Mobile app",
    }
    box = site.html("/posts/bookings-failed-overnight/").select_one(".incident-summary")
    times = [t["datetime"] for t in box.select("time")]
    assert times == [
        "2025-11-02T00:50:00-04:00",
        "2025-11-02T02:55:00-05:00",
        "2025-11-02T05:59:00+00:00",
    ]
    assert box.select_one("data")["value"] == "1250"


def test_the_timeline_is_an_ordered_list_of_times_in_the_body(build_test_data):
    page = build_test_data("incident_fields").html("/posts/bookings-failed-overnight/")
    timeline = page.select_one(".post-body ol.incident-timeline")
    entries = timeline.select("li")
    assert [li.time["datetime"] for li in entries] == [
        "2025-11-02T00:50:00-04:00",
        "2025-11-02T01:59:00-04:00",
        "2025-11-02T02:55:00-05:00",
    ]
    # The first entry gives the day; the others on the same day give the clock only.
    assert [li.time.get_text() for li in entries] == [
        "Sun 2 Nov 2025, 12:50 am EDT",
        "1:59 am UTC-04:00",
        "2:55 am EST",
    ]
    assert entries[0].get_text(" ", strip=True).endswith("A database upgrade starts .")
    assert entries[0].em.get_text() == "starts"
    assert page.select_one(".post-body ul").get_text(strip=True).startswith("Upgrades no longer")


def test_timeline_entries_take_the_date_and_zone_of_the_entry_before():
    html = (
        "<h2>Timeline</h2><ul>"
        "<li>2025-11-01 23:50 America/New_York — Queue stalls</li>"
        "<li>2025-11-02 01:30 — Restarted</li>"
        "<li>03:00 — Drained</li></ul>"
    )
    body, entries, problems = read_timeline(html, started=None)
    assert problems == []
    assert [(e.time.isoformat(), e.text) for e in entries] == [
        ("2025-11-01T23:50:00-04:00", "Queue stalls"),
        ("2025-11-02T01:30:00-04:00", "Restarted"),
        ("2025-11-02T03:00:00-05:00", "Drained"),
    ]
    assert body.startswith('<h2>Timeline</h2><ol class="incident-timeline">')


def test_a_post_without_a_timeline_section_is_left_as_written():
    html = "<h2>What happened</h2><ul><li>10:00 — not a timeline</li></ul>"
    assert read_timeline(html, started=None) == (html, [], [])


def test_an_ongoing_incident_says_since_when_and_has_no_duration(build_test_data):
    site = build_test_data("incident_history")
    assert summary(site, "/posts/calendar-sync-slow/") == {
        "State": "Monitoring",
        "Going on since": "Fri 1 Aug 2025, 4:00 pm UTC-04:00",
        "Affected": "300 teams",
    }


def test_the_summary_links_the_email_that_went_out_once_a_post_has_one():
    # Emails are linked to posts elsewhere (article.email); the summary only shows it,
    # rendered as every page is: by Jinja configured the way the plugin configures Pelican.
    settings = {"JINJA_ENVIRONMENT": dict(DEFAULT_CONFIG["JINJA_ENVIRONMENT"])}
    settings["CANDOR_ESCAPE_THEME"] = True  # as the kit's pelicanconf.py sets it
    escaping.autoescape_templates(settings)
    loader = FileSystemLoader(PROJECT / "theme" / "templates")
    env = Environment(loader=loader, **settings["JINJA_ENVIRONMENT"])
    article = SimpleNamespace(
        incident=Incident(state="resolved"),
        email=SimpleNamespace(url="emails/sorry/", subject="Sorry for the <b>25</b> emails"),
    )
    html = env.get_template("partials/incident_summary.html").render(
        article=article, SITEURL="https://notes.example"
    )
    link = BeautifulSoup(html, "html.parser").select_one("dd a")
    # The subject is shown as written: text, not markup.
    assert (link["href"], link.get_text()) == (
        "https://notes.example/emails/sorry/",
        "Sorry for the <b>25</b> emails",
    )
    article.email = None
    assert "<a" not in env.get_template("partials/incident_summary.html").render(article=article)


def test_posts_of_other_kinds_have_no_impact_summary(build_test_data):
    page = build_test_data("incident_fields").html("/posts/thanks-for-your-patience/")
    assert page.select_one(".incident-summary") is None


def test_the_sample_incident_passes_every_check_and_shows_its_summary(tmp_path):
    # A copy: a publish saves the ledger into the content folder it builds.
    shutil.copytree(PROJECT / "content", tmp_path / "content")
    site = BuiltSite(build_site(tmp_path / "content", tmp_path / "out", "publishconf.py"))
    fields = summary(site, "/posts/duplicate-emails-november-2025/")
    assert fields["State"] == "Resolved"
    assert fields["Lasted"].startswith("9 minutes, from Fri 28 Nov 2025, 2:07 pm EST")
    assert fields["Time to detect"].startswith("5 minutes")
    assert fields["Affected"] == "1,000+ customers"
    assert fields["Impact"] == "up to 25 emails per person in under 10 minutes"
    assert (
        len(
            site.html("/posts/duplicate-emails-november-2025/").select(".incident-timeline li time")
        )
        == 5
    )


# Checks


PROBLEMS = {
    "resolved-before-started.md": 'Resolved: "2025-11-02 09:00 -05:00" is before Started '
    '"2025-11-02 10:00 -05:00"; an incident can only be resolved after it starts, '
    "so correct one of the two",
    "detected-before-started.md": 'Detected: "2025-11-02 09:30 -05:00" is before Started '
    '"2025-11-02 10:00 -05:00"; an incident can only be detected after it starts, '
    "so correct one of the two",
    "resolved-without-time.md": "Resolved: missing; State is resolved, so give the time "
    f"it ended: {EXAMPLE}",
    "affected-not-a-count.md": 'Affected: "about a thousand" is not a count; write a number '
    'such as 1000, or 1000+ for "more than 1000", then who if you like: 1000+ customers',
    "unknown-state.md": 'State: "fixed" is not a state; use one of: '
    "investigating, identified, monitoring, resolved",
    "no-state.md": "State: missing; use one of: investigating, identified, monitoring, resolved",
    "no-time-zone.md": f'Started: "2025-11-02 10:00" has no time zone; add one, as in {EXAMPLE}',
    "not-a-date.md": f'Started: "last Tuesday" is not a date and time; write it as {EXAMPLE}',
    "unknown-zone.md": 'Started: "Mars/Olympus" is not a time zone; use an offset such as '
    "-05:00 or a zone name such as America/New_York",
    "no-start.md": f"Started: missing; give the time the incident began: {EXAMPLE}",
    "resolved-while-monitoring.md": 'State: "monitoring" but Resolved is set; use State: '
    "resolved, or leave Resolved empty while the incident goes on",
}


@pytest.fixture
def problems_by_file(read_test_data) -> dict[str, list[str]]:
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("incident_problems", CANDOR_STRICT=True)
    found: dict[str, list[str]] = {}
    for problem in stopped.value.problems:
        assert not problem.fatal, "incident problems only stop a strict build"
        folder, _, name = problem.path.rpartition("/")
        assert folder.endswith("posts")
        found.setdefault(name, []).append(f"{problem.field}: {problem.message}")
    return found


@pytest.mark.parametrize("post", sorted(PROBLEMS))
def test_each_check_names_the_file_the_field_and_what_to_do(problems_by_file, post):
    assert problems_by_file[post] == [PROBLEMS[post]]


def test_timeline_entries_without_a_time_or_out_of_order_are_reported(problems_by_file):
    assert sorted(problems_by_file["timeline-problems.md"]) == [
        'Timeline: "10:10" is earlier than the entry before it; list entries in the order '
        "they happened, and write the date when the day changes",
        f'Timeline: entry "Around ten" is not a date and time; write it as {EXAMPLE}',
    ]


def test_incident_problems_are_printed_but_do_not_stop_make_html(build_test_data):
    site = build_test_data("incident_problems")
    assert summary(site, "/posts/unknown-state/")["State"] == "Investigating"


# The history page


def test_the_history_lists_ongoing_incidents_first_then_the_newest(build_test_data):
    site = build_test_data("incident_history")
    rows = site.html("/incidents/").select("table.incident-history tbody tr")
    cells = [[c.get_text(" ", strip=True) for c in row.select("th, td")] for row in rows]
    assert [row[0] for row in cells] == [
        "Calendar sync is slow",
        "Door codes stopped working",
        "Invoices went out twice",
    ]
    assert [row[1:] for row in cells] == [
        ["Monitoring", "Fri 1 Aug 2025, 4:00 pm UTC-04:00", "ongoing", "300 teams"],
        ["Resolved", "Thu 20 Nov 2025, 7:30 am UTC-05:00", "9 minutes", "40+ offices"],
        ["Resolved", "Wed 10 Sep 2025, 8:00 am UTC-04:00", "2 hours 5 minutes", "80 people"],
    ]


def test_the_history_is_in_the_site_navigation(build_test_data):
    page = build_test_data("incident_history").html("/incidents/")
    current = page.select_one("nav a[aria-current=page]")
    assert current.get_text() == "Incidents"
    assert current["href"] == "/incidents/"


def test_an_empty_incidents_save_as_leaves_the_history_page_out(build_test_data):
    site = build_test_data("kinds_all_three", CANDOR_INCIDENTS_SAVE_AS="")
    assert not site.exists("/incidents/")
    assert site.html("/").select_one("nav").find("a", string="Incidents") is None


# The feed entry of an incident


def incident_entries(output, title: str) -> list:
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert feed.bozo == 0
    return [entry for entry in feed.entries if entry.title.endswith(title)]


def test_a_change_of_state_updates_the_same_feed_entry(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "incident_state_change", content)
    feeds = {"FEED_ALL_ATOM": "feeds/all.atom.xml", "SITEURL": "https://notes.example"}
    title = "Reminder emails are late"

    (before,) = incident_entries(build_site(content, tmp_path / "one", **feeds), title)
    assert before.title == f"[Monitoring] {title}"
    # Monitoring since the last timeline entry, 08:45.
    assert before.updated == "2025-11-20T08:45:00-05:00"

    (rebuilt,) = incident_entries(build_site(content, tmp_path / "two", **feeds), title)
    assert (rebuilt.id, rebuilt.updated) == (before.id, before.updated)

    post = content / "posts" / "outage.md"
    text = post.read_text(encoding="utf-8")
    text = text.replace("State: monitoring", "State: resolved\nResolved: 2025-11-20 10:30 -05:00")
    post.write_text(text + "- 10:30 — Every late reminder has gone out.\n", encoding="utf-8")

    (after,) = incident_entries(build_site(content, tmp_path / "three", **feeds), title)
    assert after.id == before.id
    assert after.title == f"[Resolved] {title}"
    assert after.updated == "2025-11-20T10:30:00-05:00"
    assert after.published == before.published


def test_feed_updated_is_never_earlier_than_the_post_date():
    class Post:
        date = datetime.fromisoformat("2025-12-01T11:30:00-05:00")
        incident = Incident(state="resolved", resolved=parse_timestamp("2025-11-28 14:16 -05:00"))

    assert feed_updated(Post()) == Post.date
