"""Right now: what is wrong, for which system, and what is planned; for every reader.

systems.py       the systems a site declares (`CANDOR_SYSTEMS`), and matching `Systems:`
clock.py         the build's "now" (`CANDOR_NOW`)
maintenance.py   `Kind: maintenance` posts: `Starts`, `Ends`, read and checked
board.py         each system's condition and 90 days; the banner every page shows
generator.py     /status/, /status.json and /status/maintenance.ics written
ics.py           the iCalendar file of maintenance windows

Adds to templates: `status_board` (a `StatusBoard`: a site that declares no systems
still gets its active incidents and maintenance; only /status/ shows it, with its time),
`status_condition` (its condition in words, without the time, for every other page),
`status_banner` (a list of `BannerItem`, at most three, empty when nothing is going
on; `status_banner_more` counts the rest), `candor_systems` (each `System`, with its
`posts`); `post.status_systems` (the declared systems a post names) and, on
maintenance posts, `post.maintenance`. Feeds add one per system (feeds/plan.py).
"""

from __future__ import annotations

from datetime import timedelta

from ..build.phases import Build, Feature
from ..build.problems import BuildStopped, Problem
from . import board, clock, maintenance, systems
from .generator import StatusGenerator

DEFAULT_NOTICE_HOURS = 48
MOST_NOTICE_HOURS = 24 * 366 * 10  # ten years: more is announcing every window ever planned


def check_settings(settings: dict) -> None:
    """Refuse, before anything is read, systems or times that cannot be made sense of."""
    settings.setdefault("CANDOR_SYSTEMS", ())
    settings.setdefault("CANDOR_MAINTENANCE_NOTICE", DEFAULT_NOTICE_HOURS)
    systems.declared_systems(settings)
    notice = settings["CANDOR_MAINTENANCE_NOTICE"]
    number = not isinstance(notice, bool) and isinstance(notice, int | float)
    # Not endless, nor NaN (which no comparison catches): a timedelta must hold it.
    if not number or not 0 <= notice <= MOST_NOTICE_HOURS:
        message = f"is {notice!r}; write the hours before a window to announce it, like 48"
        raise BuildStopped([Problem("settings", "CANDOR_MAINTENANCE_NOTICE", message, True)])
    clock.build_now(settings)


def read_status_fields(generator, state) -> None:
    """Maintenance windows read; every `Systems:` checked against the declared systems."""
    problems = state.problems
    maintenance.read_maintenance(generator, problems)
    declared = systems.declared_systems(generator.settings)
    generator.context["candor_systems"] = declared
    for post in generator.articles + generator.drafts + generator.hidden_articles:
        record = getattr(post, "incident", None) or getattr(post, "maintenance", None)
        post.status_systems = []
        if record is None and str(post.metadata.get("systems") or "").strip():
            kind = f"{post.kind} post" if getattr(post, "kind", None) else "post"
            problems.warn(
                post.source_path,
                "Systems",
                "only incidents and maintenance windows name systems; "
                f"this {kind} is in no system's feed: remove the line, or change its Kind",
            )
        if record is None or not declared:
            continue
        found, unknown = systems.match_systems(record.systems, declared)
        for name in unknown:
            problems.add(
                post.source_path,
                "Systems",
                f'"{name}" is not a declared system; use one of: '
                f"{systems.known_names(declared)} (or declare it in CANDOR_SYSTEMS)",
            )
        post.status_systems = found
        severity_written = str(post.metadata.get("severity") or "").strip()
        if hasattr(post, "incident") and found and not severity_written:
            problems.add(
                post.source_path,
                "Severity",
                "missing; an incident that names systems says how bad it is: "
                "minor, major or critical",
            )


def prepare_status(build: Build) -> None:
    """At the build's "now": maintenance phases, the board, the banner, each system's posts."""
    context = build.context
    now = clock.build_now(context)
    declared = context.get("candor_systems", [])
    posts = context["articles"]
    incidents = [post for post in posts if hasattr(post, "incident")]
    windows = [post for post in posts if hasattr(post, "maintenance")]
    for post in windows:
        post.maintenance.phase = post.maintenance.phase_at(now)
    for system in declared:
        system.posts = [post for post in incidents + windows if system in post.status_systems]
    zone = clock.site_zone(context)
    status_board = board.make_board(declared, incidents, windows, now, zone)
    notice = timedelta(hours=context["CANDOR_MAINTENANCE_NOTICE"])
    context["status_board"] = status_board
    context["status_condition"] = board.OverallCondition(
        status_board.condition, status_board.condition_label
    )
    items = board.banner_items(status_board, windows, notice)
    # A short banner on every page; the status page lists the rest.
    context["status_banner"] = items[: board.BANNER_MOST]
    context["status_banner_more"] = len(items[board.BANNER_MOST :])


FEATURE = Feature(
    "status",
    settings=(check_settings,),
    generators=(StatusGenerator,),
    posts_read=(read_status_fields,),
    links=(prepare_status,),
)
