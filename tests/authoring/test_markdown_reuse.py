"""One Markdown instance per reader: no file's state reaches the next file.

Every Markdown file of the tests and the sample is read one after another by one
reader, in two orders, and each must read exactly as it does alone, with a reader
(and so a Markdown instance) of its own: the same HTML, the same metadata, the same
problems reported. The files cover what keeps state on the instance: footnotes,
abbreviations, reference links, raw HTML (turned off for `Summary:`), response
blocks, an author note never closed, fields given twice, fields that cannot be read.
"""

from __future__ import annotations

from pelican import Pelican
from pelican.readers import Readers

from candor.authoring.reading import ContentUnreadable
from candor.build.problems import problem_log
from candor.emails.line_breaks import keep_line_breaks
from conftest import PROJECT, TEST_DATA, project_settings

MARKDOWN_FILES = sorted(
    str(path) for folder in (TEST_DATA, PROJECT / "content") for path in folder.rglob("*.md")
)


def markdown_reader(settings: dict, *, email: bool):
    readers = Readers(settings)  # sends readers_init: Candor's checked reader
    if email:
        keep_line_breaks(readers)  # as the email generator does for its own readers
    return readers.readers["md"]


def outcome(reader, path: str, settings: dict) -> tuple:
    """What reading `path` gives: its HTML and metadata, or the problems that stopped it."""
    log = problem_log(settings).problems
    before = len(log)
    try:
        content, metadata = reader.read(path)
        result = (content, sorted((key, repr(value)) for key, value in metadata.items()))
    except ContentUnreadable:
        result = ("unreadable",)
    return (*result, [str(problem) for problem in log[before:]])


def test_a_reader_reads_each_file_as_if_it_were_its_first(tmp_path):
    settings = Pelican(project_settings(PROJECT / "content", tmp_path / "output")).settings
    assert len(MARKDOWN_FILES) > 150
    for email in (False, True):
        alone = {
            path: outcome(markdown_reader(settings, email=email), path, settings)
            for path in MARKDOWN_FILES
        }
        shared = markdown_reader(settings, email=email)
        for order in (MARKDOWN_FILES, MARKDOWN_FILES[::-1]):
            for path in order:
                assert outcome(shared, path, settings) == alone[path], (path, email)


def test_an_email_reader_keeps_line_breaks_and_a_post_reader_does_not(tmp_path):
    settings = Pelican(project_settings(PROJECT / "content", tmp_path / "output")).settings
    post = TEST_DATA / "email_signature_lines"
    (path,) = [str(p) for p in post.rglob("*.md") if "emails" in p.parts][:1]
    email_html = outcome(markdown_reader(settings, email=True), path, settings)[0]
    post_html = outcome(markdown_reader(settings, email=False), path, settings)[0]
    assert "<br" in email_html and "<br" not in post_html


def test_a_file_whose_reading_stops_midway_leaves_nothing_for_the_next(tmp_path):
    # Found by the red team: lists nested thousands deep stop Python-Markdown's parser with
    # a RecursionError halfway, its block state ("list" ...) still set; the next file read
    # by the same instance lost its paragraphs and emphasis.
    settings = Pelican(project_settings(PROJECT / "content", tmp_path / "output")).settings
    deep, plain = tmp_path / "deep.md", tmp_path / "plain.md"
    deep.write_text("Title: Deep\n\n" + "- " * 3000 + "x\n", encoding="utf-8")
    plain.write_text("Title: Plain\n\nFish & chips.\n\nIt *works*.\n", encoding="utf-8")
    shared = markdown_reader(settings, email=False)
    assert outcome(shared, str(deep), settings)[0] == "unreadable"
    alone = outcome(markdown_reader(settings, email=False), str(plain), settings)
    assert outcome(shared, str(plain), settings) == alone
