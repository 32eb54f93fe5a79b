"""The garbage collector leaves what a build keeps alone, and gets it all back at the end."""

from __future__ import annotations

import gc

import pytest
from pelican import signals

from candor.build.problems import BuildStopped


def frozen_at(signal, build):
    """Build, noting how many objects are frozen each time `signal` is sent."""
    counts = []

    def note(*args, **kwargs):
        counts.append(gc.get_freeze_count())

    signal.connect(note)
    try:
        build()
    finally:
        signal.disconnect(note)
    return counts


def test_what_was_read_is_frozen_too_while_the_pages_are_written(build_test_data):
    def build():
        build_test_data("kinds_all_three")

    at_start = frozen_at(signals.readers_init, build)
    while_writing = frozen_at(signals.article_generator_write_article, build)
    assert min(at_start) > 0  # the modules and settings
    assert min(while_writing) > max(at_start)  # and every post read since


def test_a_build_hands_every_frozen_object_back(build_test_data):
    build_test_data("kinds_all_three")
    assert gc.get_freeze_count() == 0


def test_a_build_after_a_stopped_one_hands_back_what_that_one_froze(build_test_data):
    with pytest.raises(BuildStopped):
        build_test_data("responses_with_problems", CANDOR_STRICT=True)
    assert gc.get_freeze_count() > 0  # the stopped run never reached its end
    build_test_data("kinds_all_three")
    assert gc.get_freeze_count() == 0


def test_objects_the_process_froze_itself_stay_frozen(build_test_data):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        build_test_data("kinds_all_three")
        # Neither handed back (0) nor frozen more; a few frozen objects may have died.
        assert 0 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
