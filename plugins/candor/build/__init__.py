"""The build itself: settings, problems and build state, the phases, the content list,
Pelican's own errors, where each file is written, and the build report.

problems.py      problems as values, the build's state and log
phases.py        the face every feature shows (`Feature`) and the phases made from them
markdown_steps.py where Candor's Markdown steps run among Python-Markdown's own
settings.py      Candor's settings with their defaults; settings of the wrong kind
escaping.py      autoescape in Candor's pages (and the whole theme, if asked)
pelican_errors.py Pelican's own errors, as problems with the file
contents.py      every post, page and email a build read
site_files.py    every file the site writes besides posts, pages and emails
output_paths.py  every written address inside the output, and one file per address
folders.py       whether a path is inside a folder: the one test every guard uses
report.py        the report at the end of a build, and progress on large builds
templates.py     the default templates, for a theme that lacks Candor's pages
gc_freeze.py     keep what a build holds out of the garbage collector's full passes
addresses_once.py each post's addresses worked out once, not on every look-up
one_environment.py one Jinja environment for every generator, templates compiled once
membership.py    Pelican's quadratic loops over posts (tag pages, translations) made linear
"""

from __future__ import annotations

from . import (
    addresses_once,
    escaping,
    membership,
    one_environment,
    output_paths,
    pelican_errors,
    report,
    settings,
    site_files,
)
from .phases import Build, Feature
from .templates import use_default_templates


def check_every_address(build: Build) -> None:
    site = site_files.every_site_file(build.context, build.generators)
    output_paths.check_output_paths(build.contents, site, build.state.problems)


FEATURE = Feature(
    "build",
    settings=(
        settings.stop_on_wrong_types,
        settings.leave_feeds_to_candor,  # before the defaults: it chooses the feeds' folder
        settings.apply_defaults,
        settings.keep_emails_out_of_articles,
        escaping.autoescape_templates,
        pelican_errors.report_to,
    ),
    # Candor's own templates come last, so any theme builds and the theme's own win;
    # then the first generator's environment serves the whole run.
    each_generator=(use_default_templates, one_environment.share_one_environment),
    each_content=(report.show_progress,),
    checks=(check_every_address,),
)


# Speed levers that need everything linked first (the build's own run in FEATURE above).
FASTER = Feature(
    "faster",
    settings=(addresses_once.install, membership.install),
    # After every feature's links: no post joins or leaves a tag afterwards.
    checks=(membership.index_post_lists,),
)


def summarize(build: Build) -> None:
    build.state.summary = report.summarize(build.context)


# Last of all: the report counts what every other feature read and checked.
REPORT = Feature("report", checks=(summarize,), finished=(report.print_report,))
