"""A new site starts from the sample: `make fresh`, then its own first post, then publish.

Run with real make against a copy of the sample's content, the way an author runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from candor.commands.fresh import SAMPLE_FILES
from conftest import PROJECT

pytestmark = pytest.mark.slow  # every test runs make


def make(target: str, *variables: str, stdin: str = "") -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=PROJECT,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
    )


@pytest.fixture
def sample(tmp_path) -> Path:
    return shutil.copytree(PROJECT / "content", tmp_path / "content")


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_list_of_sample_files_is_the_sample_as_shipped():
    assert files(PROJECT / "content") == sorted(SAMPLE_FILES)


def test_make_fresh_then_a_first_post_publishes_with_no_complaint_about_the_samples_ids(
    sample, tmp_path
):
    fresh = make("fresh", f"INPUTDIR={sample}", "YES=1")
    assert fresh.returncode == 0, fresh.stderr
    assert files(sample) == []

    new = make("new", f"INPUTDIR={sample}", "KIND=thank-you", "TITLE=Hello from a new site")
    assert new.returncode == 0, new.stderr
    assert "Uid:" in new.stdout, "renaming the file later keeps its id only with Uid:"

    output = tmp_path / "site"
    publish = make("publish", f"INPUTDIR={sample}", f"OUTPUTDIR={output}")
    assert publish.returncode == 0, publish.stdout + publish.stderr
    assert (output / "posts/hello-from-a-new-site/index.html").is_file()
    assert not (output / "emails/apology-duplicate-emails").exists()


def test_make_fresh_asks_first_and_removes_nothing_without_a_yes(sample):
    before = files(sample)
    answered_no = make("fresh", f"INPUTDIR={sample}", stdin="no\n")
    assert answered_no.returncode != 0
    assert "Nothing was removed" in answered_no.stdout
    assert files(sample) == before

    answered_yes = make("fresh", f"INPUTDIR={sample}", stdin="yes\n")
    assert answered_yes.returncode == 0, answered_yes.stderr
    assert files(sample) == []


def test_make_fresh_refuses_when_a_post_of_the_sites_own_is_there(sample):
    own = sample / "posts/2026-01-05-our-first-note.md"
    own.write_text("Title: Our first note\nDate: 2026-01-05 10:00\nKind: thank-you\n\nHi.\n")
    before = files(sample)
    refused = make("fresh", f"INPUTDIR={sample}", "YES=1")
    assert refused.returncode != 0
    assert "posts/2026-01-05-our-first-note.md is not part of the sample" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert files(sample) == before
