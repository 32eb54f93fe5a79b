"""The garbage collector leaves what a build keeps alone, and gets it all back at the end."""

from __future__ import annotations

import gc

import pytest
from pelican import signals

from candor.problems import BuildStopped


def test_what_was_read_is_frozen_while_the_pages_are_written(build_test_data):
    frozen_while_writing = []

    def note_frozen(generator, content=None):
        frozen_while_writing.append(gc.get_freeze_count())

    signals.article_generator_write_article.connect(note_frozen)
    try:
        build_test_data("kinds_all_three")
    finally:
        signals.article_generator_write_article.disconnect(note_frozen)
    assert frozen_while_writing and min(frozen_while_writing) > 0


def test_a_build_hands_every_frozen_object_back(build_test_data):
    build_test_data("kinds_all_three")
    assert gc.get_freeze_count() == 0


def test_a_build_after_a_stopped_one_hands_back_what_that_one_froze(build_test_data):
    with pytest.raises(BuildStopped):
        build_test_data("responses_with_problems", CANDOR_STRICT=True)
    assert gc.get_freeze_count() > 0  # the stopped run never reached its end
    build_test_data("kinds_all_three")
    assert gc.get_freeze_count() == 0
