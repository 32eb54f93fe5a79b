"""The Makefile and the build command, run the way an author runs them."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import PROJECT, TEST_DATA, change_setting, fetch, free_port, running_make

pytestmark = pytest.mark.slow  # every test runs make or python -m candor as a process

TARGETS = ["html", "regenerate", "serve", "devserver", "publish", "check", "test", "test-fast"]
TARGETS += ["clean", "fresh", "new", "lint", "bench", "venv"]
TARGETS += ["rsync_upload", "github", "s3_upload"]


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=PROJECT, capture_output=True, text=True, **kwargs)


def candor_build(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT / "plugins"))
    return run(sys.executable, "-m", "candor", "build", *args, env=env)


def test_make_help_lists_every_target_with_a_line_of_its_own():
    result = run("make", "help")
    assert result.returncode == 0
    listed = re.findall(r"^  ([a-z][\w-]*) ", result.stdout, re.M)
    assert set(TARGETS) <= set(listed)
    # Every target of the menu (the first .PHONY line), once; internal steps are declared apart.
    declared = re.search(r"^\.PHONY:((?:.*\\\n)*.*)", (PROJECT / "Makefile").read_text(), re.M)
    assert sorted(listed) == sorted(declared[1].replace("\\\n", " ").split())


def test_a_bad_post_fails_the_build_with_one_line_and_no_traceback(tmp_path):
    result = candor_build("-i", str(TEST_DATA / "unknown_kind"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'announcement.md: Kind: "announcement" is not a post kind' in result.stderr


def test_a_failed_build_leaves_the_previous_output_exactly_as_it_was(tmp_path):
    output = tmp_path / "out"
    good = candor_build("-i", str(TEST_DATA / "kinds_all_three"), "-o", str(output))
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert before

    bad = candor_build("-i", str(TEST_DATA / "unknown_kind"), "-o", str(output))
    assert bad.returncode == 1
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".output-*")), "staging folders are cleaned up"


def test_make_serve_builds_and_serves_the_sample_site_on_localhost(tmp_path):
    port = free_port()
    output = tmp_path / "site"
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}", f"OUTPUTDIR={output}"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    index = reply.read().decode()
                break
            except OSError:
                assert server.poll() is None, "make serve exited early"
                assert time.monotonic() < deadline, "make serve did not answer in 60 s"
                time.sleep(0.3)
        for title in ("Thank you for a year of meetings", "What you told us after our apology"):
            assert title in index
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
    shutil.rmtree(output, ignore_errors=True)


def test_make_regenerate_builds_through_candor_with_a_settings_file_anywhere_and_relative_urls(
    tmp_path, settings_elsewhere
):
    content, output = tmp_path / "content", tmp_path / "site"
    shutil.copytree(TEST_DATA / "emails_linked", content)
    variables = [f"CONFFILE={settings_elsewhere}", f"INPUTDIR={content}", f"OUTPUTDIR={output}"]
    with running_make("regenerate", *variables, "RELATIVE=1", messages=tmp_path / "m") as make:
        index = output / "index.html"
        make.wait_until(index.is_file, "first build")
        assert 'href="./posts/no-email/"' in index.read_text()
        post = content / "posts" / "no-email.md"
        post.write_text(post.read_text().replace("A post with no email", "A renamed post"))
        make.wait_until(lambda: "A renamed post" in index.read_text(), "rebuild after an edit")
        change_setting(settings_elsewhere, "SITENAME", "Renamed in the settings file")
        make.wait_until(lambda: "Renamed in the settings file" in index.read_text(), "new name")
    messages = make.messages.read_text()
    assert "Cannot load plugin" not in messages and "ERROR" not in messages
    assert "Traceback" not in messages
    # A build like make html: no development pages.
    assert "dev-reload.js" not in index.read_text()
    assert not (output / "candor-build-id.txt").exists()


def test_make_devserver_on_another_port_links_its_email_previews_to_that_port(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TEST_DATA / "emails_linked", content)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    preview = f"{base}/emails/outage-apology/preview/"
    variables = [f"PORT={port}", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'o'}"]
    with running_make("devserver", *variables, messages=tmp_path / "make.txt") as server:
        server.wait_until(lambda: "login outage" in fetch(preview), "the email preview")
        page = fetch(preview)
        message = fetch(f"{base}/emails/outage-apology/preview/message.html")
    links = re.findall(r'href="(http://127\.0\.0\.1:\d+)/', page + message)
    assert links, "the preview links to the site"
    assert set(links) == {base}
