"""Candor: a Pelican plugin for honest customer communication.

Every signal the plugin listens to is wired here, in build order, so the whole
flow reads on one screen: read content, link and check, then render.

The ledger is not written here: `python -m candor build` (cli.py) saves it once
the site is built, checked and in place, so a failed publish records nothing.
"""

from __future__ import annotations

from pelican import signals

from .authoring import confined_rst, confinement, reading, script_links
from .authoring.author_notes import AuthorNotes
from .authoring.reading import HeaderFields
from .build import (
    contents,
    escaping,
    output_paths,
    pelican_errors,
    problems,
    report,
    settings,
    site_files,
)
from .build import gc_freeze as collector
from .build.templates import use_default_templates  # TEMP wiring (issue 16, pkg)
from .emails import linking
from .emails.generator import EmailGenerator
from .feeds import entry_ids
from .feeds import generator as feeds
from .incidents import fields as incidents
from .incidents.history import IncidentHistoryGenerator
from .kinds import post_kinds as kinds
from .kinds.kind_pages import KindPagesGenerator
from .ledger import sent_emails as checks
from .publish import site_checks
from .responses import linking as post_responses
from .responses.markdown import QuotedResponses
from .responses.wall import ResponseWallGenerator

__all__ = ["register"]


def on_initialized(pelican) -> None:
    settings.stop_on_wrong_types(pelican.settings)
    settings.apply_defaults(pelican.settings)
    settings.keep_emails_out_of_articles(pelican.settings)
    settings.leave_feeds_to_candor(pelican.settings)
    escaping.autoescape_templates(pelican.settings)
    settings.use_markdown_extensions(
        pelican.settings,
        QuotedResponses(default_lang=pelican.settings.get("DEFAULT_LANG", "en")),
        AuthorNotes(),
        HeaderFields(),
    )
    problems.build_state(pelican.settings)
    pelican_errors.report_to(pelican.settings)


def on_readers_init(readers) -> None:
    reading.use_checked_reader(readers)
    confined_rst.use_confined_rst_reader(readers)


def on_get_generators(pelican):
    # Called once per run, after Pelican copied its settings into the run's context.
    problems.build_state(pelican.settings).start_build(pelican.settings["PATH"])
    collector.start_run()
    return [
        EmailGenerator,
        IncidentHistoryGenerator,
        KindPagesGenerator,
        ResponseWallGenerator,
        feeds.FeedGenerator,
    ]


def on_articles_read(generator) -> None:
    kinds.assign_post_kinds(generator)
    incidents.read_incidents(generator)
    post_responses.link_responses(generator)


def on_pages_read(generator) -> None:
    post_responses.link_responses(generator)


def on_everything_read(generators) -> None:
    """Link and check once, with everything read and nothing written yet."""
    context = generators[0].context
    state = problems.build_state(context)
    everything = contents.every_content(generators)
    # Feeds are planned first: their addresses are among those every file is checked against.
    feeds.feeds_for_templates(context)
    site = site_files.every_site_file(context, generators)
    output_paths.check_output_paths(everything, site, state.problems)
    for content in everything:
        script_links.remove_script_links(content, state.problems)
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
    # What the checks of the built site need to know (site_checks.py).
    state.site_facts = site_checks.gather_facts(context)
    state.summary = report.summarize(context)
    # Stopping here leaves no half-written site.
    problems.stop_if_needed(context, strict=bool(context["CANDOR_STRICT"]))
    collector.freeze_what_lives()  # what was read is needed until the last page is written


def on_finalized(pelican) -> None:
    collector.hand_back()
    report.print_report(problems.build_state(pelican.settings))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.get_generators.connect(on_get_generators)
    signals.generator_init.connect(confinement.confine_file_search)
    signals.generator_init.connect(use_default_templates)  # TEMP wiring
    signals.article_generator_finalized.connect(on_articles_read)
    signals.page_generator_finalized.connect(on_pages_read)
    signals.content_object_init.connect(confinement.remove_links_leaving_content)
    signals.content_object_init.connect(report.show_progress)
    signals.all_generators_finalized.connect(on_everything_read)
    signals.finalized.connect(on_finalized)
