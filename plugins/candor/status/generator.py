"""/status/ (the theme's `status.html`), /status.json and /status/maintenance.ics.

All three show the board worked out once per build (board.py); this generator only
writes them. Settings: `CANDOR_STATUS_URL`, `CANDOR_STATUS_SAVE_AS`,
`CANDOR_STATUS_JSON_SAVE_AS`, `CANDOR_MAINTENANCE_ICS_SAVE_AS` (empty: left out).
"""

from __future__ import annotations

import json
import os

from markupsafe import Markup
from pelican.generators import Generator

from ..text.urls import absolute_url, public_base_url
from .board import CONDITIONS, StatusBoard, incident_condition
from .ics import maintenance_calendar

SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def status_data(board: StatusBoard, base_url: str) -> dict:
    """What other tools and badges read: each system's condition, and what is going on."""

    def link(post) -> dict:
        return {
            "id": post.entry_id,
            "title": Markup(post.title).striptags(),
            "url": absolute_url(base_url, post.url),
            "systems": [system.slug for system in post.status_systems],
        }

    incidents = []
    for post in board.active_incidents:
        incident = post.incident
        latest = incident.latest_update
        incidents.append(
            link(post)
            | {
                "state": incident.state,
                "severity": incident.severity,
                "condition": incident_condition(post),
                "started": incident.started.isoformat() if incident.started else None,
                "updated": latest.time.isoformat() if latest else None,
                "latest_update": latest.text if latest else None,
            }
        )
    maintenance = [
        link(post)
        | {
            "phase": post.maintenance.phase,
            "starts": post.maintenance.starts.isoformat(),
            "ends": post.maintenance.ends.isoformat(),
        }
        for post in board.maintenance
        if post.maintenance.complete
    ]
    return {
        "as_of": board.now.isoformat(),
        "condition": board.condition,
        "conditions": CONDITIONS,
        "systems": [
            {
                "name": status.system.name,
                "slug": status.system.slug,
                "group": status.system.group or None,
                "condition": status.condition,
            }
            for status in board.systems
        ],
        "active_incidents": incidents,
        "maintenance": maintenance,
    }


class StatusGenerator(Generator):
    def generate_output(self, writer) -> None:
        board = self.context.get("status_board")
        if board is None:
            return
        settings = self.settings
        base_url = public_base_url(settings)
        if settings["CANDOR_STATUS_SAVE_AS"]:
            writer.write_file(
                settings["CANDOR_STATUS_SAVE_AS"],
                self.get_template("status"),
                self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings["CANDOR_STATUS_URL"],
                page_name="status",
            )
        if settings["CANDOR_STATUS_JSON_SAVE_AS"]:
            text = json.dumps(status_data(board, base_url), indent=2, ensure_ascii=False)
            # The same JSON, safe for a tool that embeds it in a <script>: a name or title
            # with "</script>" cannot end that element.
            text = text.translate(SCRIPT_SAFE)
            self.write(settings["CANDOR_STATUS_JSON_SAVE_AS"], (text + "\n").encode())
        if settings["CANDOR_MAINTENANCE_ICS_SAVE_AS"]:
            windows = [
                post
                for post in self.context["articles"]
                if hasattr(post, "maintenance") and post.maintenance.complete
            ]
            ics = maintenance_calendar(windows, settings, base_url)
            self.write(settings["CANDOR_MAINTENANCE_ICS_SAVE_AS"], ics)

    def write(self, save_as: str, data: bytes) -> None:
        target = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)
