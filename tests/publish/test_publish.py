"""`make publish` and `make check`: nothing goes live that fails a check.

Each test runs the real Makefile on a copy of tests/test_data/publish_site: a
post with its email, an About page with an anchor, and a draft.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from email.message import EmailMessage
from pathlib import Path

import pytest

from candor.publish import address_checks, feed_checks, link_checks
from candor.publish import swap as output_swap
from conftest import PROJECT, TEST_DATA

POST = Path("posts/thanks.md")


def make(target: str, content: Path, output: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return subprocess.run(
        ["make", "--no-print-directory", target, f"INPUTDIR={content}", f"OUTPUTDIR={output}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=env,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(TEST_DATA / "publish_site", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def published(content, tmp_path) -> Path:
    """The site after a first, successful `make publish`; returns the output folder."""
    result = make("publish", content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


@pytest.mark.slow
def test_publish_builds_checks_and_swaps_in_the_site_and_asks_to_commit_the_ledger(
    content, tmp_path
):
    result = make("publish", content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "Built and checked" in result.stderr
    assert "ledger.json: commit it with your content" in result.stderr
    output = tmp_path / "output"
    assert (output / "posts/good-year/index.html").is_file()
    assert (output / "emails/thanks-email.eml").is_file()
    assert not (output / "drafts").exists(), "drafts stay out of the public site"
    ledger = json.loads((content / "ledger.json").read_text())
    assert "posts/thanks.md" in ledger["entries"] and "emails/thanks-email.md" in ledger["emails"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"], "no leftovers"


@pytest.mark.slow
def test_a_publish_that_fails_a_check_leaves_output_byte_identical_and_lists_every_problem(
    content, published, tmp_path
):
    before = snapshot(published)
    ledger_before = (content / "ledger.json").read_bytes()
    edit(content / POST, "about.md#contact", "about.md#contakt")
    edit(content / POST, "Thank you.", "Thank you, jane.customer@gmail.com.")
    (content / "posts/new.md").write_text(
        "Title: A new post\nDate: 2025-10-03 10:00 -04:00\nKind: thank-you\n\nNew.\n"
    )

    result = make("publish", content, published)

    assert result.returncode != 0
    assert "Build stopped: 2 problems to fix." in result.stderr
    assert 'anchor: "https://notes.tandemrooms.example/about/#contakt"' in result.stderr
    assert "posts/thanks.md: line 7: jane.customer@gmail.com is not a sender address" in (
        result.stderr
    )
    assert "is unchanged" in result.stderr
    assert snapshot(published) == before
    assert (content / "ledger.json").read_bytes() == ledger_before, "the new post is not recorded"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"], "no leftovers"


@pytest.mark.slow
def test_the_ledger_is_written_only_once_a_publish_succeeds(content, tmp_path):
    edit(content / POST, "about.md#contact", "about.md#nowhere")
    failed = make("publish", content, tmp_path / "output")
    assert failed.returncode != 0
    assert not (content / "ledger.json").exists()
    assert not (tmp_path / "output").exists()

    edit(content / POST, "about.md#nowhere", "about.md#contact")
    assert make("publish", content, tmp_path / "output").returncode == 0
    assert json.loads((content / "ledger.json").read_text())["entries"]


@pytest.mark.slow
def test_make_check_passes_on_what_publish_built(content, published):
    result = make("check", content, published)
    assert result.returncode == 0, result.stderr
    assert "no problems" in result.stderr


@pytest.mark.slow
def test_make_check_lists_a_broken_link_a_customer_address_and_a_draft(content, published):
    edit(content / POST, "Questions?", "Read [the old post](/posts/gone/). Questions?")
    edit(content / "pages/about.md", "a person answers", "or ask jane.customer@gmail.com")
    # A development build is not checked, and Pelican writes drafts into it.
    assert make("html", content, published).returncode == 0

    result = make("check", content, published)

    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert "Check failed: 4 problems to fix." in lines
    problems = "\n".join(lines)
    assert (
        'category/news/index.html: link: "/posts/gone/" leads to no file in the build (and on 3'
        in (problems)
    )
    assert "content/pages/about.md: line 7: jane.customer@gmail.com" in problems
    assert "drafts/unfinished.html: draft: is the draft" in problems
    assert 'its title "A draft nobody may read yet" appears in the build' in problems


def test_a_link_that_is_no_web_address_is_reported_not_a_crash():
    links = ["http://[::1", "//[", "posts/a/"]
    pages = {"index.html": link_checks.BuiltPage("index.html", links=links)}
    found = []
    report = lambda page, kind, message: found.append((page, kind, message))  # noqa: E731
    link_checks.check_links(pages, {"index.html", "posts/a/index.html"}, "", report)
    assert found == [
        ("index.html", "link", '"http://[::1" is not a web address: fix the link'),
        ("index.html", "link", '"//[" is not a web address: fix the link'),
    ]


@pytest.mark.slow
def test_make_check_refuses_a_build_the_ledger_does_not_record(content, published):
    (content / "ledger.json").unlink()
    result = make("check", content, published)
    assert result.returncode != 0
    assert "not recorded: run `make publish` and commit the ledger" in result.stderr
    assert "emails/thanks-email.md: ledger: was published but the ledger has no record" in (
        result.stderr
    )


# --- the checks themselves ------------------------------------------------------------


def test_an_address_is_found_behind_html_entities_and_inside_an_encoded_eml(tmp_path):
    (tmp_path / "page.html").write_text("<p>jane&#64;customer.example</p><img src='a@2x.png'>")
    message = EmailMessage()
    message["From"] = "community@example.com"
    message["Message-ID"] = "<one.2025@example.com>"
    message.set_content("Forwarded by bob@customer.example ✓", cte="base64")
    (tmp_path / "note.eml").write_bytes(message.as_bytes())
    found = []
    allowed = address_checks.allowed_addresses({"community@example.com"}, {})
    address_checks.check_addresses(
        str(tmp_path), ["page.html", "note.eml"], allowed, lambda *p: found.append(p)
    )
    assert [(path, address.split()[0]) for path, _, address in found] == [
        ("note.eml", "bob@customer.example"),
        ("page.html", "jane@customer.example"),
    ]


def test_a_page_another_check_read_is_scanned_for_addresses_without_reading_it_again(tmp_path):
    (tmp_path / "page.html").write_text("<p>nothing here</p>")
    found = []
    address_checks.check_addresses(
        str(tmp_path),
        ["page.html"],
        set(),
        lambda *p: found.append(p),
        read={"page.html": "<p>jane&#64;customer.example</p>"},
    )
    assert [(path, address.split()[0]) for path, _, address in found] == [
        ("page.html", "jane@customer.example")
    ]


def test_a_feed_that_does_not_parse_and_an_invalid_json_feed_are_reported(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds/all.atom.xml").write_text("<feed><title>unclosed</feed>")
    (tmp_path / "feeds/all.json").write_text('{"version": "https://jsonfeed.org/version/1.1"}')
    found = []
    files = {"feeds/all.atom.xml", "feeds/all.json"}
    feed_checks.check_feeds(str(tmp_path), files, "feeds", lambda *p: found.append(p))
    assert {path for path, _, _ in found} == files
    assert any("'title' is a required property" in message for _, _, message in found)


@pytest.mark.parametrize("exchange_works", [True, False], ids=["exchange", "two renames"])
def test_the_swap_replaces_a_full_output_folder_and_leaves_nothing_behind(
    tmp_path, monkeypatch, exchange_works
):
    if not exchange_works:
        monkeypatch.setattr(output_swap, "exchange", lambda a, b: False)
    (tmp_path / "output/old").mkdir(parents=True)
    (tmp_path / "output/old/page.html").write_text("old")
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging/index.html").write_text("new")
    output_swap.swap_into_place(str(tmp_path / "staging"), str(tmp_path / "output"))
    assert snapshot(tmp_path / "output") == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
