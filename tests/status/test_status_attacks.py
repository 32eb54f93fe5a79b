"""What a site owner, an author or a hostile content file could do to the status pages:
system slugs that leave their folder, names too long for a file, HTML in status.json,
a CANDOR_NOW too far away."""

from __future__ import annotations

import json

import pytest
from status_site import build, copy_status_site

from candor.build.problems import BuildStopped
from conftest import DURING_THE_INCIDENT, build_site


def stopped_by(tmp_path, **settings) -> str:
    with pytest.raises(BuildStopped) as stopped:
        build_site(copy_status_site(tmp_path), tmp_path / "output", **settings)
    (problem,) = stopped.value.problems
    assert "\n" not in str(problem)
    return str(problem)


@pytest.mark.parametrize("slug", ["../../evil", "../all", "a/b", "API", "video rooms", "."])
def test_a_system_slug_that_is_not_a_plain_slug_stops_the_build(tmp_path, slug):
    """A slug is a file name under feeds/system/: "../all" would overwrite the site's feed."""
    problem = stopped_by(tmp_path, CANDOR_SYSTEMS=[{"name": "Evil", "slug": slug}])
    assert problem.startswith(f'settings: CANDOR_SYSTEMS: system 1 ("Evil") has the slug "{slug}"')
    assert "lowercase letters, digits and hyphens" in problem


def test_a_system_named_at_great_length_gets_a_slug_short_enough_for_a_file(tmp_path):
    name = "Video rooms " + "and more " * 60  # 500 characters or so
    site = build(
        copy_status_site(tmp_path),
        tmp_path / "output",
        DURING_THE_INCIDENT,
        CANDOR_SYSTEMS=[{"name": "Video rooms"}, {"name": name}],
    )
    (long_system,) = [
        s for s in json.loads(site.text("/status.json"))["systems"] if s["name"] != "Video rooms"
    ]
    assert len(long_system["slug"]) <= 60
    assert (site.root / "feeds" / "system" / f"{long_system['slug']}.atom.xml").is_file()


def test_status_json_never_carries_a_closing_script_tag_from_a_system_name(tmp_path):
    """A tool that embeds status.json in a <script> must not have it closed by a name."""
    name = "Video </script><script>alert(1)</script> rooms"
    site = build(
        copy_status_site(tmp_path),
        tmp_path / "output",
        DURING_THE_INCIDENT,
        CANDOR_SYSTEMS=[{"name": name, "slug": "video-rooms"}],
    )
    text = site.text("/status.json")
    assert "<" not in text and ">" not in text
    assert json.loads(text)["systems"][0]["name"] == name


@pytest.mark.parametrize("now", ["0001-01-02 00:00 +00:00", "9999-12-31 23:59 +00:00"])
def test_a_candor_now_at_the_ends_of_the_calendar_stops_the_build_in_one_line(
    tmp_path, monkeypatch, now
):
    monkeypatch.setenv("CANDOR_NOW", now)
    problem = stopped_by(tmp_path)
    assert problem.startswith(f'environment: CANDOR_NOW: "{now}" is too far in the past or future')
