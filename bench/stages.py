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
}
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
