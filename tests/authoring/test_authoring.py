"""Authoring: scaffolding, email previews, author notes, the build report and the devserver."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from candor.kinds.post_kinds import KINDS
from conftest import (
    PROJECT,
    TEST_DATA,
    BuiltSite,
    build_site,
    change_setting,
    fetch,
    free_port,
    running_make,
)


def make(*args: str, cwd=PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def content(tmp_path):
    """A small site to write into: one published post, with a slug."""
    folder = tmp_path / "content"
    shutil.copytree(TEST_DATA / "emails_linked", folder)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_scaffolded_post_builds_as_is_with_no_problem(content, tmp_path, kind):
    result = make("new", f"KIND={kind}", "TITLE=Ünïcode & a new post", f"INPUTDIR={content}")
    assert result.returncode == 0, result.stderr
    (written,) = re.findall(r"Wrote (\S+\.md)", result.stdout)
    text = (PROJECT / written).read_text(encoding="utf-8")  # an absolute path stays as is
    assert f"Kind: {kind}\n" in text and "Slug: unicode-a-new-post\n" in text
    assert "<!-- Optional fields" in text
    # A strict build stops on any problem at all: the new file has none.
    site = BuiltSite(build_site(content, tmp_path / "out", CANDOR_STRICT=True))
    page = site.html("/posts/unicode-a-new-post/")
    assert page.find("h1").get_text() == "Ünïcode & a new post"
    assert "Optional fields" not in site.text("/posts/unicode-a-new-post/")


@pytest.mark.slow
def test_a_scaffolded_email_is_a_draft_for_an_existing_post_and_builds(content, tmp_path):
    result = make("new", "KIND=email", "POST=login-outage", f"INPUTDIR={content}")
    assert result.returncode == 0, result.stderr
    drafts = list((content / "emails").glob("*-login-outage-email.md"))
    assert len(drafts) == 1
    text = drafts[0].read_text()
    assert "Status: draft\n" in text and "Post: login-outage\n" in text
    build_site(content, tmp_path / "out", CANDOR_STRICT=True)


@pytest.mark.slow
def test_make_new_refuses_to_overwrite_and_says_why(content):
    first = make("new", "KIND=thank-you", "TITLE=Same title", f"INPUTDIR={content}")
    (written,) = list((content / "posts").glob("*-same-title.md"))
    before = written.read_bytes()
    again = make("new", "KIND=thank-you", "TITLE=Same title", f"INPUTDIR={content}")
    assert first.returncode == 0 and again.returncode != 0
    assert "already exists; nothing was written" in again.stderr
    assert written.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["KIND=announcement", "TITLE=x"], 'KIND="announcement" is not something to create'),
        (["KIND=incident"], "TITLE is empty"),
        (["KIND=email", "POST=nope"], 'POST="nope" is not the slug of a post'),
    ],
)
def test_make_new_explains_bad_arguments(content, args, message):
    result = make("new", *args, f"INPUTDIR={content}")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_author_notes_in_html_comments_never_reach_pages_or_feeds(content, tmp_path):
    post = content / "posts" / "no-email.md"
    post.write_text(post.read_text() + "\n<!-- Check the numbers with Sam\nbefore publishing -->\n")
    site = BuiltSite(build_site(content, tmp_path / "out", SITEURL="https://x.example"))
    for path in ("/posts/no-email/", "/feeds/all.atom.xml", "/feeds/all.json"):
        assert "Check the numbers" not in site.text(path), path


def test_development_builds_preview_each_email_and_publish_builds_never_do(content, tmp_path):
    dev = BuiltSite(build_site(content, tmp_path / "dev"))
    preview = dev.html("/emails/outage-apology/preview/")
    assert "Nothing was lost." in preview.select_one("pre.email-preview-text").get_text()
    assert preview.find("iframe")["src"] == "message.html"
    assert "max-width: 600px" in dev.text("/emails/outage-apology/preview/message.html")

    public = BuiltSite(build_site(content, tmp_path / "pub", "publishconf.py"))
    assert public.exists("/emails/outage-apology/")
    assert not any("preview" in p.parts for p in public.files())


@pytest.mark.slow
def test_the_build_report_counts_what_is_in_the_content(tmp_path):
    result = make("html", f"OUTPUTDIR={tmp_path / 'out'}")
    assert result.returncode == 0, result.stderr
    posts = list((PROJECT / "content" / "posts").glob("*.md"))
    kinds = {kind: 0 for kind in KINDS}
    quoted = 0
    for post in posts:
        text = post.read_text(encoding="utf-8")
        kinds[re.search(r"^Kind: (\S+)", text, re.M)[1]] += 1
        quoted += len(re.findall(r"^::: response", text, re.M))
    by_kind = ", ".join(f"{kind}: {count}" for kind, count in kinds.items())
    assert f"Posts: {len(posts)} ({by_kind})" in result.stderr
    emails = list((PROJECT / "content" / "emails").glob("*.md"))
    assert f"Emails: {len(emails)} ({len(emails)} linked to a post, 0 without one)" in result.stderr
    assert f"Responses: {quoted} (" in result.stderr
    warnings = len(re.findall(r"^WARNING: .*: line \d+: masked", result.stderr, re.M))
    assert f"0 errors, {warnings} warning" in result.stderr


@pytest.mark.slow
def test_the_devserver_rebuilds_on_change_and_tells_the_page_to_reload(content, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    variables = [f"PORT={port}", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'o'}"]
    with running_make("devserver", *variables, messages=tmp_path / "make.txt") as server:
        server.wait_until(lambda: "A post with no email" in fetch(base + "/"), "first build")
        page = fetch(base + "/posts/no-email/")
        assert "dev-reload.js" in page and "candor-build-id.txt" in page
        first_id = fetch(base + "/candor-build-id.txt")
        post = content / "posts" / "no-email.md"
        post.write_text(post.read_text().replace("A post with no email", "A renamed post"))
        server.wait_until(lambda: fetch(base + "/candor-build-id.txt") != first_id, "new build id")
        assert "A renamed post" in fetch(base + "/posts/no-email/")


@pytest.mark.slow
def test_the_devserver_reads_an_edited_settings_file_again_and_serves_what_it_says(
    content, tmp_path, settings_elsewhere
):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    variables = [f"PORT={port}", f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'o'}"]
    variables.append(f"CONFFILE={settings_elsewhere}")
    with running_make("devserver", *variables, messages=tmp_path / "make.txt") as server:
        server.wait_until(lambda: "Tandem Rooms" in fetch(base + "/"), "first build")
        change_setting(settings_elsewhere, "SITENAME", "Renamed in the settings file")
        server.wait_until(lambda: "Renamed in the settings file" in fetch(base + "/"), "new name")
        # Still a development build, into the folder being served.
        assert "dev-reload.js" in fetch(base + "/posts/no-email/")
        good = settings_elsewhere.read_text()
        settings_elsewhere.write_text(good + "SITENAME = (\n")  # said in one line, and kept
        server.wait_until(lambda: "pelicanconf.py: line" in server.messages.read_text(), "error")
        settings_elsewhere.write_text(good + "SITENAME = 'Named again'\n")
        server.wait_until(lambda: "Named again" in fetch(base + "/"), "the next good settings")
    messages = server.messages.read_text()
    assert "The last good settings are kept." in messages and "Traceback" not in messages
