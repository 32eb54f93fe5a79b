"""Time Candor's own stages during one real build, by wrapping them from outside.

    PYTHONPATH=plugins python bench/stages.py RESULT.json build -s SETTINGS -o OUT

Runs `python -m candor build ...` in this process after wrapping the plugin's
stage functions with time.perf_counter; the plugin's code is not changed. Writes
{"total": seconds, "stages": {name: seconds}} to RESULT.json.
"""

from __future__ import annotations

import functools
import json
import sys
import time

from candor.commands.cli import main
from candor.emails import generator as email_generator
from candor.emails import linking
from candor.feeds import entry_ids
from candor.feeds import generator as feeds
from candor.incidents import fields as incidents
from candor.incidents import history as incident_history
from candor.ledger import sent_emails as checks
from candor.status import board as status_board
from candor.status import generator as status_generator
from candor.status import maintenance as status_maintenance

# name -> (owner, attribute): what is timed. The owner's attribute is replaced,
# so it must be looked up there at call time (module functions via the module,
# methods via the class), as the plugin does.
STAGES = {
    "read incidents (fields, timeline)": (incidents, "read_incidents"),
    "check email fields": (email_generator, "read_email_fields"),
    "link posts and emails": (linking, "link_posts_and_emails"),
    "check sent emails against the ledger": (checks, "check_sent_emails_unchanged"),
    "assign feed entry ids": (entry_ids, "assign_entry_ids"),
    # Includes "write .eml messages", which it calls.
    "write email pages, archive and .eml": (email_generator.EmailGenerator, "generate_output"),
    "write .eml messages": (email_generator.EmailGenerator, "write_messages"),
    "write feeds (files and /feeds/ page)": (feeds.FeedGenerator, "generate_output"),
    "write incident history page": (incident_history.IncidentHistoryGenerator, "generate_output"),
    "read maintenance windows": (status_maintenance, "read_maintenance"),
    "status board (conditions, 90 days)": (status_board, "make_board"),
    "status banner": (status_board, "banner_items"),
    "  of which maintenance.ics": (status_generator, "maintenance_calendar"),
    "  of which status.json": (status_generator, "status_data"),
    "write /status/, status.json and maintenance.ics": (
        status_generator.StatusGenerator,
        "generate_output",
    ),
}
SYSTEM_FEEDS = "write per-system feeds"
spent: dict[str, float] = {}


def timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def wrap_stages() -> None:
    for name, (owner, attribute) in STAGES.items():
        setattr(owner, attribute, timed(name, getattr(owner, attribute)))
    split_system_feeds()


def split_system_feeds() -> None:
    """Time the per-system feeds apart: written in a second call of their own, which
    reuses the entries the first prepared (the generator keeps them for the build), so
    it measures what they add: their files, and the entries no other feed shows."""
    write_all = feeds.FeedGenerator.generate_output  # already timed as a whole

    def generate_output(self, writer):
        every = self.context["candor_feeds"]
        self.context["candor_feeds"] = [f for f in every if not f.name.startswith("system/")]
        write_all(self, writer)
        self.context["candor_feeds"] = [f for f in every if f.name.startswith("system/")]
        page, self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"] = (
            self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"],
            "",
        )
        timed(SYSTEM_FEEDS, write_all)(self, writer)
        spent["write feeds (files and /feeds/ page)"] -= spent[SYSTEM_FEEDS]
        self.settings["CANDOR_FEEDS_PAGE_SAVE_AS"] = page
        self.context["candor_feeds"] = every

    feeds.FeedGenerator.generate_output = generate_output


def run(result_path: str, argv: list[str]) -> int:
    wrap_stages()
    started = time.perf_counter()
    code = main(argv)
    total = time.perf_counter() - started
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump({"total": total, "stages": spent}, out, indent=2)
    return code


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2:]))
