"""A pending block (`Status: pending`) is held back: on no page, wall, feed or tally."""

from __future__ import annotations

import pytest

from candor.build.problems import BuildStopped

HELD_BACK = ("front desk sat idle", "Merci pour la transparence")


def test_pending_blocks_are_on_no_page_wall_or_feed(build_test_data):
    site = build_test_data("responses_pending")
    everything = "\n".join(
        path.read_text(encoding="utf-8")
        for path in site.files()
        if path.suffix in (".html", ".xml", ".json", ".txt")
    )
    assert "The status page kept me calm" in site.text("/posts/after-the-outage/")
    for words in HELD_BACK:
        assert words not in everything
    assert len(site.html("/posts/after-the-outage/").select("figure.response")) == 1
    assert len(site.html("/responses/").select("figure.response")) == 1


def test_the_tally_counts_only_approved_blocks(build_test_data):
    site = build_test_data("responses_pending")
    tally = site.html("/posts/after-the-outage/").select_one("article header .response-tally")
    assert tally.get_text() == "1 thank-you reply"


def test_the_build_lists_how_many_are_pending_in_which_file(read_test_data):
    site = read_test_data("responses_pending")
    warnings = site.context["CANDOR_BUILD"].problems.warnings
    pending = [str(w) for w in warnings if "pending" in w.message]
    assert any(
        "posts/after-the-outage.md" in m and "2 replies pending approval (lines 17, 28)" in m
        for m in pending
    ), pending
    # The French one waits for its translation: said with its line.
    assert any("line 28" in m and "translation" in m for m in pending), pending


def test_pending_blocks_do_not_stop_a_publish(read_test_data):
    read_test_data("responses_pending", CANDOR_STRICT=True)


def test_an_approved_block_with_an_empty_translation_stops_a_publish(read_test_data, tmp_path):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("responses_pending_approved_untranslated", CANDOR_STRICT=True)
    messages = [(p.field, p.message) for p in stopped.value.problems]
    assert any(f == "line 14" and "translation is empty" in m for f, m in messages), messages


def test_a_status_other_than_pending_is_a_problem_saying_how_to_approve(read_test_data):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("responses_pending_wrong_status", CANDOR_STRICT=True)
    messages = [(p.field, p.message) for p in stopped.value.problems]
    assert any(f == "line 8" and "delete the `Status: pending` line" in m for f, m in messages), (
        messages
    )
