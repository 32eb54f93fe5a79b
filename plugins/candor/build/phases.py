"""The faces features show, and the build's phases made from them.

Every feature subpackage (emails, incidents, responses, ...) says what it adds
to a build in one `Feature`: which Markdown steps it needs, which generators it
adds, what it does as each post is read, once all posts are read, and once
everything is read (link, then check). `Phases` puts those together in the
order Pelican runs them; `candor.register()` connects each phase to its signal.
Data flows one way: read, link and check, then render. The ledger is saved and
the built site checked by `python -m candor build`, after Pelican has finished.

Each phase function gets what it works on and the build's `BuildState`, never
the settings dictionary to dig them out of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import gc_freeze, problems, settings
from .contents import every_content
from .problems import BuildState


@dataclass
class Build:
    """Everything read, handed to the link and check phases."""

    context: dict
    generators: list
    state: BuildState
    contents: list = field(default_factory=list)  # every post, page and email


@dataclass(frozen=True)
class Feature:
    """What one concern adds to a build, phase by phase (each a tuple of functions)."""

    name: str
    # Once, with the settings: fill in defaults, refuse settings of the wrong kind.
    settings: tuple[Callable[[dict], None], ...] = ()
    # The readers Pelican should use (readers_init), given every feature's metadata steps.
    readers: tuple[Callable, ...] = ()
    # Markdown extensions, each made from the settings; their priorities: markdown_steps.py.
    markdown: tuple[Callable[[dict], object], ...] = ()
    # What the Markdown reader adds to a file's metadata: (md, content, metadata, settings).
    metadata: tuple[Callable, ...] = ()
    # Pelican generators this feature adds, in the order they run.
    generators: tuple[type, ...] = ()
    # Each generator as it is made (generator_init).
    each_generator: tuple[Callable, ...] = ()
    # Each post, page or email as Pelican makes it (content_object_init).
    each_content: tuple[Callable, ...] = ()
    # Posts read (article_generator_finalized); pages read (page_generator_finalized).
    posts_read: tuple[Callable[[object, BuildState], None], ...] = ()
    pages_read: tuple[Callable[[object, BuildState], None], ...] = ()
    # Everything read: link items to each other, then check them (all_generators_finalized).
    links: tuple[Callable[[Build], None], ...] = ()
    checks: tuple[Callable[[Build], None], ...] = ()
    # The writer Pelican should use instead of its own (get_writer), or None.
    writers: tuple[Callable[[object], type | None], ...] = ()
    # After the last page is written (finalized).
    finished: tuple[Callable[[BuildState], None], ...] = ()
    # The written site, with the settings (OUTPUT_PATH): a last change to a written file.
    written: tuple[Callable[[dict], None], ...] = ()


class Phases:
    """The build's phases, each the features' functions in the order the features are listed."""

    def __init__(self, features: tuple[Feature, ...]):
        self.features = features

    def each(self, phase: str) -> list[Callable]:
        return [function for feature in self.features for function in getattr(feature, phase)]

    def initialized(self, pelican) -> None:
        """Settings first: every later phase relies on Candor's defaults being there."""
        for step in self.each("settings"):
            step(pelican.settings)
        extensions = [make(pelican.settings) for make in self.each("markdown")]
        settings.use_markdown_extensions(pelican.settings, *extensions)
        problems.build_state(pelican.settings)

    def readers_init(self, readers) -> None:
        metadata_steps = tuple(self.each("metadata"))
        for use_reader in self.each("readers"):
            use_reader(readers, metadata_steps)

    def get_generators(self, pelican) -> list[type]:
        # Once per run, after Pelican copied its settings into the run's context:
        # the one place a run (of many, under autoreload) starts afresh.
        problems.build_state(pelican.settings).start_build(pelican.settings["PATH"])
        gc_freeze.start_run()
        return self.each("generators")

    def get_writer(self, pelican) -> type | None:
        chosen = [writer for make in self.each("writers") if (writer := make(pelican))]
        return chosen[0] if chosen else None

    def generator_init(self, generator) -> None:
        for step in self.each("each_generator"):
            step(generator)

    def content_object_init(self, content) -> None:
        for step in self.each("each_content"):
            step(content)

    def posts_read(self, generator) -> None:
        state = problems.build_state(generator.context)
        for step in self.each("posts_read"):
            step(generator, state)

    def pages_read(self, generator) -> None:
        state = problems.build_state(generator.context)
        for step in self.each("pages_read"):
            step(generator, state)

    def everything_read(self, generators: list) -> None:
        """Link, then check, once, with everything read and nothing written yet."""
        context = generators[0].context
        build = Build(context, generators, problems.build_state(context))
        build.contents = every_content(generators)
        for step in self.each("links") + self.each("checks"):
            step(build)
        # Stopping here leaves no half-written site.
        problems.stop_if_needed(context, strict=bool(context["CANDOR_STRICT"]))
        gc_freeze.freeze_what_lives()  # what was read is needed until the last page is written

    def finalized(self, pelican) -> None:
        gc_freeze.hand_back()
        state = problems.build_state(pelican.settings)
        for step in self.each("finished"):
            step(state)
        for step in self.each("written"):
            step(pelican.settings)
