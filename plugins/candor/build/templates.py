"""Candor's default templates: every page the plugin adds builds with any theme.

The plugin writes pages no ordinary theme has (`email.html`, `kind.html`, ...). Its
own plain versions live in `candor/templates/` and are searched last, after the
theme and Pelican's `simple` theme, so a theme overrides any of them by having a
template of the same name. They extend the theme's `base.html`.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def use_default_templates(generator) -> None:
    """For `generator_init`: search Candor's defaults after the generator's own loader."""
    loader = generator.env.loader
    if getattr(loader, "candor_defaults", False):  # a generator initialised twice
        return
    # Pelican builds the environment in Generator.__init__ with no hook to add a search
    # path; generator_init is sent right after, before any template is looked up.
    fallback = ChoiceLoader([loader, FileSystemLoader(str(DEFAULT_TEMPLATES))])
    fallback.candor_defaults = True
    generator.env.loader = fallback
