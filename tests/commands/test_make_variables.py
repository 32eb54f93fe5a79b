"""What an author types after `make` is data: it reaches commands as written, never as code.

`make new TITLE='...'` and the deploy variables pass through make and a shell
before a command sees them. Each test types something make or the shell would
otherwise run or rewrite (`$5`, quotes, backticks, `$(...)`, `$(shell ...)`)
and checks that it arrived literally and that nothing ran: a command that runs
would create the marker file named in the value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import PROJECT, TEST_DATA

pytestmark = pytest.mark.slow  # every test runs make


def hostile(marker_folder: Path) -> str:
    """A value each of whose pieces would create a marker file if it ever ran."""
    return (
        "Why we charged $5 twice: \"quotes\", 'apostrophes', "
        f"`touch {marker_folder}/backtick` $(touch {marker_folder}/dollar) "
        f"$(shell touch {marker_folder}/make) $$HOME"
    )


def make(target: str, *variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=environment,
    )


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(TEST_DATA / "publish_site", tmp_path / "content")
    return tmp_path


@pytest.fixture
def markers():
    """A folder with a short name, where any command that runs leaves its mark."""
    folder = Path(tempfile.mkdtemp(prefix="m", dir="/tmp"))
    yield folder
    shutil.rmtree(folder)


def test_make_new_keeps_a_title_with_dollars_quotes_and_backticks_exactly_as_typed(site, markers):
    title = hostile(markers)
    result = make("new", "KIND=thank-you", f"TITLE={title}", f"INPUTDIR={site / 'content'}")
    assert result.returncode == 0, result.stderr
    created = [p for p in (site / "content/posts").glob("*.md") if "charged" in p.name]
    assert len(created) == 1
    assert f"Title: {title}\n" in created[0].read_text(encoding="utf-8")
    assert list(markers.iterdir()) == []


def test_make_new_refuses_a_title_of_two_lines_instead_of_writing_a_second_field(site, markers):
    result = make(
        "new", "KIND=thank-you", "TITLE=Sorry\nSlug: ../../index", f"INPUTDIR={site}/content"
    )
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "TITLE: a title is one line; remove the line break and run make new again"
    )
    assert not list((site / "content/posts").glob("sorry*"))


@pytest.mark.deploy
def test_rsync_upload_writes_to_a_target_folder_named_with_dollars_and_quotes(site, markers):
    target = site / hostile(markers).replace("/", ":")
    result = make(
        "rsync_upload",
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"SSH_TARGET_DIR={target}",
    )
    assert result.returncode == 0, result.stderr
    assert (target / "index.html").is_file()
    assert list(markers.iterdir()) == []


@pytest.mark.deploy
def test_s3_upload_passes_a_hostile_bucket_name_to_the_client_as_a_name(site, markers):
    bucket = hostile(markers)
    result = make(
        "s3_upload",
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"S3_BUCKET={bucket}",
        "S3_ENDPOINT_URL=http://127.0.0.1:9",
    )
    assert result.returncode != 0  # no such bucket, and no server: the client refuses it
    assert list(markers.iterdir()) == []


@pytest.mark.deploy
@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SSH_HOST", "-oProxyCommand=touch {markers}/ssh", 'SSH_HOST must not start with "-"'),
        ("SSH_PORT", "22 -oProxyCommand=touch {markers}/port", "SSH_PORT must be a port number"),
    ],
)
def test_rsync_upload_refuses_a_host_or_port_that_ssh_would_read_as_an_option(
    site, markers, variable, value, message
):
    result = make(
        "rsync_upload",
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"SSH_TARGET_DIR={site / 'target'}",
        "SSH_HOST=web.example",
        f"{variable}={value.format(markers=markers)}",
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert not (site / "target").exists()
    assert list(markers.iterdir()) == []


@pytest.mark.deploy
def test_github_refuses_a_remote_that_git_would_read_as_an_option(site, markers):
    result = make(
        "github",
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"GITHUB_PAGES_REPO={site}",
        f"GITHUB_REMOTE=--receive-pack=touch {markers}/git",
    )
    assert result.returncode != 0
    assert 'GITHUB_REMOTE must not start with "-"' in result.stderr
    assert list(markers.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "variables", "message"),
    [
        ("rsync_upload", [], "Set SSH_TARGET_DIR"),
        ("rsync_upload", ["SSH_TARGET_DIR=/tmp/t", "SSH_HOST=-oX"], "SSH_HOST must not start"),
        ("rsync_upload", ["SSH_TARGET_DIR=/tmp/t", "SSH_PORT=x"], "SSH_PORT must be a port"),
        ("s3_upload", [], "Set S3_BUCKET"),
        ("s3_upload", ["S3_BUCKET=-oX"], "S3_BUCKET must not start"),
        ("github", ["GITHUB_REMOTE=-oX"], "GITHUB_REMOTE must not start"),
    ],
)
def test_a_deploy_with_a_missing_or_bad_target_stops_before_publishing_anything(
    site, target, variables, message
):
    result = make(
        target,
        f"INPUTDIR={site / 'content'}",
        f"OUTPUTDIR={site / 'output'}",
        f"GITHUB_PAGES_REPO={site}",
        *variables,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert not (site / "output").exists()  # no publish ran ...
    assert not (site / "content" / "ledger.json").exists()  # ... so no ledger changed
