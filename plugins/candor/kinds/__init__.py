"""The kinds of post (thank-you, incident, responses, maintenance) and a page for each.

post_kinds.py    what each kind is; `Kind:` checked on every post
kind_pages.py    the generator of one page per kind
"""

from __future__ import annotations

from ..build.contents import read_by
from ..build.phases import Feature
from ..text import shown_times
from . import post_kinds
from .kind_pages import KindPagesGenerator


def assign_post_kinds(generator, state) -> None:
    post_kinds.assign_post_kinds(generator, state)


def choose_partials(generator, state) -> None:
    post_kinds.choose_partials(generator, state)


def show_post_dates(generator, state) -> None:
    # Once per post, formatted for the templates, which never format a time.
    shown_times.show_post_dates(read_by(generator))


FEATURE = Feature(
    "kinds",
    generators=(KindPagesGenerator,),
    posts_read=(assign_post_kinds, choose_partials, show_post_dates),
)
