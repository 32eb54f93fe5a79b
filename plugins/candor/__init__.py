"""Candor: a Pelican plugin for honest customer communication.

Every signal the plugin listens to is wired here, in build order, so the whole
flow reads on one screen: read content, link and check, then render.
"""

from __future__ import annotations

from pelican import signals

from . import kinds, post_responses, problems, response_markdown, response_wall, settings

__all__ = ["register"]


def on_initialized(pelican) -> None:
    settings.apply_defaults(pelican.settings)
    settings.keep_emails_out_of_articles(pelican.settings)
    response_markdown.enable(pelican.settings)


def on_readers_init(readers) -> None:
    response_markdown.use_response_aware_reader(readers)


def on_articles_read(generator) -> None:
    kinds.assign_post_kinds(generator)
    post_responses.link_article_responses(generator)


def on_pages_read(generator) -> None:
    post_responses.link_page_responses(generator)


def on_everything_read(generators) -> None:
    # The last moment before anything is written: stopping here leaves no half site.
    context = generators[0].context
    problems.report_and_stop_if_needed(context, strict=bool(context["CANDOR_STRICT"]))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.readers_init.connect(on_readers_init)
    signals.article_generator_finalized.connect(on_articles_read)
    signals.page_generator_finalized.connect(on_pages_read)
    signals.get_generators.connect(response_wall.get_generators)
    signals.all_generators_finalized.connect(on_everything_read)
