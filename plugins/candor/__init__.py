"""Candor: a Pelican plugin for honest customer communication.

Each subpackage is one concern and shows the same face, a `Feature`
(build/phases.py): what it adds to each phase of the build. `register()` lists
the features in the order their steps run within a phase and connects each
phase to the Pelican signal that starts it, so the whole build reads here:

    settings, readers, Markdown   initialized, readers_init
    generators                    get_generators, generator_init
    read                          content_object_init, article/page_generator_finalized
    link, then check              all_generators_finalized (nothing written yet)
    render                        get_writer; Pelican's writers and the features' generators
    report                        finalized (then a last change to written files)

Publishing (the staged build, the checks of the built site, the swap, the
ledger saved) follows in `python -m candor build` (commands/cli.py).
"""

from __future__ import annotations

from pelican import signals

from . import (
    authoring,
    brand,
    build,
    emails,
    feeds,
    incidents,
    incremental,
    kinds,
    ledger,
    publish,
    responses,
    share,
    status,
)
from .build.phases import Phases

__all__ = ["register", "FEATURES"]

# Order matters within each phase: kinds are known before incidents are read, the
# status (systems, the build's now) is worked out before feeds plan one per system, posts
# and emails are linked before the ledger compares them, the ledger is loaded before
# feed ids are read from it, the sitemap is written once every page is known, and the
# report counts last.
FEATURES = (
    build.FEATURE,
    authoring.FEATURE,
    kinds.FEATURE,
    incidents.FEATURE,
    status.FEATURE,
    responses.FEATURE,
    emails.FEATURE,
    ledger.FEATURE,
    feeds.FEATURE,
    share.FEATURE,
    publish.FEATURE,
    brand.FEATURE,
    build.FASTER,
    incremental.FEATURE,  # its writer and the reads it keeps; saves the page store
    build.REPORT,
)


# Module-level: blinker holds receivers weakly, so the phases must outlive register().
PHASES = Phases(FEATURES)


def register() -> None:
    phases = PHASES
    signals.initialized.connect(phases.initialized)
    signals.readers_init.connect(phases.readers_init)
    signals.get_generators.connect(phases.get_generators)
    signals.get_writer.connect(phases.get_writer)
    signals.generator_init.connect(phases.generator_init)
    signals.content_object_init.connect(phases.content_object_init)
    signals.article_generator_finalized.connect(phases.posts_read)
    signals.page_generator_finalized.connect(phases.pages_read)
    signals.all_generators_finalized.connect(phases.everything_read)
    signals.finalized.connect(phases.finalized)
