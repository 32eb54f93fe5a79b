"""An address found in the built site is reported where the author can remove it."""

from __future__ import annotations

import shutil

import pytest

from candor.build.problems import BuildStopped
from candor.commands.cli import build, check
from candor.publish import address_checks
from conftest import TEST_DATA, project_settings


@pytest.fixture
def content(tmp_path):
    shutil.copytree(TEST_DATA / "address_in_a_post", tmp_path / "content")
    return tmp_path / "content"


def address_problems(problems) -> list[str]:
    return [str(p) for p in problems if "is not a sender address" in p.message]


def test_make_publish_names_the_post_and_line_of_an_address_in_its_body(content, tmp_path):
    with pytest.raises(BuildStopped) as stopped:
        build(project_settings(content, tmp_path / "output", "publishconf.py"), check=True)
    (problem,) = address_problems(stopped.value.problems)
    assert "/content/posts/outage.md: line 9: jane.doe@customer.example is not" in problem


def test_make_check_names_the_post_and_line_of_an_address_in_its_body(content, tmp_path):
    build(project_settings(content, tmp_path / "output"))
    (problem,) = address_problems(check(project_settings(content, tmp_path / "output")))
    assert "/content/posts/outage.md: line 9: jane.doe@customer.example is not" in problem


def test_an_address_after_a_line_break_in_a_json_feed_is_read_as_written(tmp_path):
    # JSON writes the line break as "\\n": scanned as text, it read "njane.doe@...".
    (tmp_path / "all.json").write_text('{"items": [{"content_html": "first,\\njane@c.example"}]}')
    found = []
    address_checks.check_addresses(str(tmp_path), ["all.json"], set(), lambda *p: found.append(p))
    assert [message.split()[0] for _, _, message in found] == ["jane@c.example"]
