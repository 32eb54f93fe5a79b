"""Deploying for real, on this machine: rsync, GitHub Pages, S3-compatible storage.

Each test runs a deploy target of the real Makefile (which publishes first) on a
copy of tests/test_data/publish_site, into a temporary folder, a local bare git
repository, or moto_server listening on 127.0.0.1. The tools come from
.venv-deploy, which `make venv` and `make test` install.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import boto3
import pytest

from conftest import PROJECT, TEST_DATA

pytestmark = pytest.mark.deploy

CONTENT_TYPES = {
    # Browsers apply a feed's XSL page to application/xml, not to atom+xml or rss+xml.
    ".atom.xml": "application/xml",
    ".rss.xml": "application/xml",
    ".json": "application/feed+json",
    ".eml": "message/rfc822",
    ".opml": "text/x-opml",
    ".html": "text/html",
    ".css": "text/css",
}


def make(target: str, site: Path, env: dict | None = None, **variables) -> None:
    arguments = [f"INPUTDIR={site / 'content'}", f"OUTPUTDIR={site / 'output'}"]
    arguments += [f"{name}={value}" for name, value in variables.items()]
    environment = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    result = subprocess.run(
        ["make", "--no-print-directory", target, *arguments],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(TEST_DATA / "publish_site", tmp_path / "content")
    return tmp_path


def test_rsync_upload_makes_a_local_folder_equal_to_the_build(site):
    target = site / "target"
    (target / "posts/retired").mkdir(parents=True)
    (target / "posts/retired/index.html").write_text("a page that is no longer built")
    (target / "index.html").write_text("yesterday's index")

    make("rsync_upload", site, SSH_TARGET_DIR=target)

    assert files_of(target) == files_of(site / "output")
    assert not (target / "posts/retired").exists()


def git(*args, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def test_github_commits_the_build_to_the_pages_branch_and_pushes_it(site):
    remote, work = site / "remote.git", site / "work"
    git("init", "--quiet", "--bare", str(remote))
    git("init", "--quiet", str(work))
    identity = {"GIT_COMMITTER_NAME": "Candor test", "GIT_COMMITTER_EMAIL": "test@example.com"}

    make("github", site, env=identity, GITHUB_PAGES_REPO=work, GITHUB_REMOTE=remote)

    listing = git("ls-tree", "-r", "gh-pages", cwd=remote).splitlines()
    in_branch = {line.split("\t", 1)[1]: line.split()[2] for line in listing}
    output = site / "output"
    built = sorted(str(p.relative_to(output)) for p in output.rglob("*") if p.is_file())
    hashes = git("hash-object", *built, cwd=output).split()
    assert in_branch.pop(".nojekyll") is not None
    assert in_branch == dict(zip(built, hashes, strict=True))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def s3_endpoint(tmp_path, monkeypatch):
    """moto_server on 127.0.0.1, with made-up credentials that only it accepts."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }.items():
        monkeypatch.setenv(name, value)
    port = free_port()
    server = subprocess.Popen(
        [str(PROJECT / ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(endpoint, timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "moto_server exited"
                assert time.monotonic() < deadline, "moto_server did not answer in 30 s"
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_s3_upload_syncs_every_file_with_its_content_type_and_removes_stale_objects(
    site, s3_endpoint
):
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    s3.create_bucket(Bucket="notes")
    s3.put_object(Bucket="notes", Key="posts/retired/index.html", Body=b"gone")
    s3.put_object(Bucket="notes", Key="feeds/retired.json", Body=b"{}")

    make("s3_upload", site, S3_BUCKET="notes", S3_ENDPOINT_URL=s3_endpoint)

    output = files_of(site / "output")
    listed = s3.list_objects_v2(Bucket="notes")["Contents"]
    assert {item["Key"] for item in listed} == set(output)
    for key, body in output.items():
        stored = s3.get_object(Bucket="notes", Key=key)
        assert stored["Body"].read() == body, key
        for suffix, content_type in CONTENT_TYPES.items():
            if key == "status.json":  # data for tools, not a feed
                assert stored["ContentType"].split(";")[0] == "application/json", key
                break
            if key.endswith(suffix):
                assert stored["ContentType"].split(";")[0] == content_type, key
                break
    assert any(key.endswith(".eml") for key in output)
    assert sum(key.endswith(tuple(CONTENT_TYPES)[:3]) for key in output) >= 9


def test_s3_upload_gives_an_old_address_of_a_renamed_post_a_real_redirect(site, s3_endpoint):
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    s3.create_bucket(Bucket="notes")
    make("publish", site)  # records where each post lives in the ledger
    post = site / "content/posts/thanks.md"
    post.write_text(post.read_text().replace("Slug: good-year", "Slug: a-good-year"))

    make("s3_upload", site, S3_BUCKET="notes", S3_ENDPOINT_URL=s3_endpoint)

    moved = s3.head_object(Bucket="notes", Key="posts/good-year/index.html")
    assert moved["WebsiteRedirectLocation"].endswith("/posts/a-good-year/")
    assert moved["ContentType"] == "text/html"
    kept = s3.head_object(Bucket="notes", Key="posts/a-good-year/index.html")
    assert "WebsiteRedirectLocation" not in kept


def test_rsync_upload_to_a_server_logs_in_with_the_given_user_and_port():
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "rsync_upload", "SSH_HOST=web.example"]
        + ["SSH_PORT=2222", "SSH_USER=deploy", "SSH_TARGET_DIR=/srv/notes"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    command = result.stdout.replace("\\\n", " ")
    assert "-e 'ssh -p 2222'" in command
    assert "'deploy@web.example:/srv/notes/'" in command
