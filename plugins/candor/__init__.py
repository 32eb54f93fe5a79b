"""Candor: a Pelican plugin for honest customer communication.

Every signal the plugin listens to is wired here, in build order, so the whole
flow reads on one screen: read content, link and check, then render.
"""

from __future__ import annotations

from pelican import signals

from . import incident_feed, incidents, kinds, problems, settings
from .incident_history import IncidentHistoryGenerator

__all__ = ["register"]


def on_initialized(pelican) -> None:
    settings.apply_defaults(pelican.settings)
    settings.keep_emails_out_of_articles(pelican.settings)


def on_articles_read(generator) -> None:
    kinds.assign_post_kinds(generator)
    incidents.read_incidents(generator)


def add_generators(pelican) -> list[type]:
    return [IncidentHistoryGenerator]


def on_everything_read(generators) -> None:
    # The last moment before anything is written: stopping here leaves no half site.
    context = generators[0].context
    problems.report_and_stop_if_needed(context, strict=bool(context["CANDOR_STRICT"]))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(add_generators)
    signals.article_generator_finalized.connect(on_articles_read)
    signals.all_generators_finalized.connect(on_everything_read)
    # Stand-in until Candor's feeds module: incident states in the stock feeds.
    signals.feed_generated.connect(incident_feed.show_incident_states_in_feed)
