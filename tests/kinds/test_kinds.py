"""Post kinds: every post says whether it is a thank-you note, an incident or responses."""

from __future__ import annotations

import pytest

from candor.build.problems import BuildStopped
from candor.kinds.post_kinds import check_kind


def test_a_post_with_an_unknown_kind_stops_the_build_naming_the_file_and_the_kinds(
    read_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("unknown_kind")
    (problem,) = stopped.value.problems
    assert str(problem).endswith(
        'posts/announcement.md: Kind: "announcement" is not a post kind; '
        "use one of: thank-you, incident, responses, maintenance"
    )
    assert "\n" not in str(problem)


def test_a_post_without_a_kind_stops_the_build_and_nothing_is_written(build_test_data, tmp_path):
    with pytest.raises(BuildStopped) as stopped:
        build_test_data("missing_kind")
    messages = [str(p) for p in stopped.value.problems]
    assert len(messages) == 1
    assert messages[0].endswith(
        "posts/no-kind.md: Kind: missing; every post needs one of: "
        "thank-you, incident, responses, maintenance"
    )
    output = tmp_path / "output"
    assert not output.exists() or not any(output.iterdir())


def test_kinds_are_case_insensitive_and_templates_can_list_posts_by_kind(build_test_data):
    site = build_test_data("kinds_all_three")
    counts = site.html("/").select_one(".kind-filter").get_text(" ", strip=True)
    # The draft thank-you note is not counted: only published posts are listed.
    assert "Thank-you notes (1)" in counts
    assert "Incident write-ups (1)" in counts
    assert "Customer responses (1)" in counts
    badge = site.html("/posts/thanks-everyone/").select_one(".kind")
    assert badge["class"] == ["kind", "kind-thank-you"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [("thank-you", "thank-you"), (" Incident ", "incident"), ("RESPONSES", "responses")],
)
def test_a_kind_is_read_whatever_its_case_and_spacing(written, kind):
    assert check_kind(written) == (kind, None)


@pytest.mark.parametrize("written", [None, "", "   ", "thanks", "incident-report"])
def test_anything_else_is_not_a_kind(written):
    kind, error = check_kind(written)
    assert kind is None
    assert "thank-you, incident, responses, maintenance" in error


def test_a_post_without_a_kind_builds_with_the_kits_theme_when_strict_content_is_off(
    build_test_data,
):
    site = build_test_data("plain_post_in_the_kit", CANDOR_STRICT_CONTENT=False)
    article = site.html("/posts/a-plain-note/").article
    assert article["class"] == ["post"]
    assert article.find(class_="kind") is None
    feeds = [
        link["href"] for link in site.html("/posts/a-plain-note/").find_all("link", rel="alternate")
    ]
    assert any(href.endswith("/feeds/all.atom.xml") for href in feeds)
