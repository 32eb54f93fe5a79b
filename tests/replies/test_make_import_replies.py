"""`make import-replies` and `make suppressed`: the values typed after make are data."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from importing import CORPUS, PROJECT, TEST_DATA, blocks_of

pytestmark = pytest.mark.slow  # runs make


def make(target: str, *variables: str, markers: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**os.environ, "MARKERS": str(markers or "/nonexistent")},
    )


def test_make_import_replies_takes_a_folder_name_with_dollars_and_quotes_as_data(tmp_path):
    markers = Path(tempfile.mkdtemp(prefix="m", dir="/tmp"))
    try:
        shutil.copytree(TEST_DATA / "replies_site", tmp_path / "content")
        # Found only if it arrives as typed; a command in it that ran would leave a marker.
        # (No "/" in a folder's name: the marker folder is named by $MARKERS.)
        source = tmp_path / "it's $5 `cd $MARKERS; touch b` $(cd $MARKERS; touch d)"
        source.mkdir()
        shutil.copy(CORPUS / "apple-mail-remove-me.eml", source)
        done = make(
            "import-replies",
            "POST=apology-replies",
            f"FROM={source}",
            f"INPUTDIR={tmp_path / 'content'}",
            f"OUTPUTDIR={tmp_path / 'output'}",
            markers=markers,
        )
        assert done.returncode == 0, done.stderr
        assert list(markers.iterdir()) == []
        assert len(blocks_of(tmp_path / "content" / "posts" / "apology-replies.md")) == 1
        shown = make(
            "suppressed",
            "ADDRESS=Remy.Okafor@customer.example",
            f"INPUTDIR={tmp_path / 'content'}",
        )
        assert "is on the suppression list" in shown.stdout, shown.stderr
    finally:
        shutil.rmtree(markers)


def test_make_import_replies_without_from_says_what_to_give():
    done = make("import-replies", "POST=apology-replies")
    assert done.returncode == 2
    assert "make import-replies POST=<slug> FROM=<file or folder>" in done.stderr
