"""One Jinja environment for every generator of a build, each template compiled once.

What Pelican does: `Generator.__init__` (pelican/generators.py) builds a new Jinja
`Environment` for every generator: Pelican's four and Candor's nine each compile
`base.html` and the partials they use again (about 100 compilations in the 1,000-post
build, 0.65 s profiled). And Jinja's default `auto_reload` makes every template
look-up, every `{% include %}` and `{% extends %}` of every page, ask the disk
whether the file changed (`stat`): 43,000 look-ups, 1.2 s profiled.

What this does: the first generator's environment, once Candor's default templates
are added to its loader (templates.py), becomes the build's; every later generator
of the same run gets it instead of its own (all are built from the same settings,
so they are alike). Its `auto_reload` is off: within one build a template does not
change. The development server starts a new run for every rebuild, and a run starts
with no environment (BuildState.start_build), so a template edited between two
builds is read again.

Why generator_init: Pelican has no setting or hook for the environment itself;
generator_init is sent at the end of `Generator.__init__`, before any template is
looked up. `CANDOR_ONE_TEMPLATE_ENVIRONMENT = False` turns this off.
"""

from __future__ import annotations

from .problems import build_state

SETTING = "CANDOR_ONE_TEMPLATE_ENVIRONMENT"


def share_one_environment(generator) -> None:
    """For `generator_init`, after Candor's templates joined the generator's loader."""
    if not generator.settings.get(SETTING):
        return
    state = build_state(generator.context)
    if state.template_environment is None:
        generator.env.auto_reload = False
        state.template_environment = generator.env
    else:
        generator.env = state.template_environment
