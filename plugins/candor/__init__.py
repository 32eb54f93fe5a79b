"""Candor: a Pelican plugin for honest customer communication.

Every signal the plugin listens to is wired here, in build order, so the whole
flow reads on one screen: read content, link and check, then render.

The ledger is not written here: `python -m candor build` (cli.py) saves it once
the site is built, checked and in place, so a failed publish records nothing.
"""

from __future__ import annotations

from pelican import signals

from . import (
    checks,
    entry_ids,
    escaping,
    feeds,
    incidents,
    kinds,
    linking,
    post_responses,
    problems,
    response_markdown,
    settings,
    site_checks,
)
from .email_generator import EmailGenerator
from .incident_history import IncidentHistoryGenerator
from .kind_pages import KindPagesGenerator
from .response_wall import ResponseWallGenerator

__all__ = ["register"]


def on_initialized(pelican) -> None:
    settings.apply_defaults(pelican.settings)
    settings.keep_emails_out_of_articles(pelican.settings)
    settings.leave_feeds_to_candor(pelican.settings)
    escaping.autoescape_templates(pelican.settings)
    response_markdown.enable(pelican.settings)
    problems.build_state(pelican.settings)


def on_readers_init(readers) -> None:
    response_markdown.use_response_aware_reader(readers)


def on_get_generators(pelican):
    # Called once per run, after Pelican copied its settings into the run's context.
    problems.build_state(pelican.settings).start_build(pelican.settings["PATH"])
    return [
        EmailGenerator,
        IncidentHistoryGenerator,
        KindPagesGenerator,
        ResponseWallGenerator,
        feeds.FeedGenerator,
    ]


def on_articles_read(generator) -> None:
    kinds.assign_post_kinds(generator)
    escaping.sanitize_summaries(kinds.every_post(generator))
    incidents.read_incidents(generator)
    post_responses.link_article_responses(generator)


def on_pages_read(generator) -> None:
    post_responses.link_page_responses(generator)


def on_everything_read(generators) -> None:
    """Link and check once, with everything read and nothing written yet."""
    context = generators[0].context
    state = problems.build_state(context)
    linking.link_posts_and_emails(
        context["articles"] + context["hidden_articles"],
        context["drafts"],
        context["emails"],
        context["email_drafts"],
        state.problems,
    )
    state.ledger = checks.load_ledger(context, state.problems)
    if state.ledger is not None:
        checks.check_sent_emails_unchanged(context["emails"], state.ledger, state.problems)
        entry_ids.assign_entry_ids(
            context["articles"] + context["emails"], context, state.ledger, state.problems
        )
    feeds.feeds_for_templates(context)
    # What the checks of the built site need to know (site_checks.py).
    state.site_facts = site_checks.gather_facts(context)
    # Stopping here leaves no half-written site.
    problems.report_and_stop_if_needed(context, strict=bool(context["CANDOR_STRICT"]))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.get_generators.connect(on_get_generators)
    signals.article_generator_finalized.connect(on_articles_read)
    signals.page_generator_finalized.connect(on_pages_read)
    signals.all_generators_finalized.connect(on_everything_read)
