"""Input meant to break the build, or written by accident: nothing lost, nothing leaked.

Each case builds a real site. Author notes are removed one by one, never the text
between them; a note left open, control characters, a field of a megabyte, a name
too long for a file, thousands of digits or tags, lists nested hundreds deep and a
ledger that is not what Candor wrote each stop the build with one line naming the
file, the field or line, and what to do: never a traceback or a temporary path.
What reaches the terminal from the content is shown, never run by the terminal.
"""

from __future__ import annotations

import json
import logging
import shutil
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from candor.build.problems import BuildStopped
from conftest import TEST_DATA, BuiltSite, build_site

JS_HOW = (
    "would run code in the reader's browser and was removed; "
    "link to an http:// or https:// address instead"
)
CONTROL_HOW = "invisible in most editors and not allowed in feeds; delete it"
NAME_HOW = "and file systems take at most 255; add a shorter Slug: line"


def post(header: str = "", body: str = "Body.", title: str = "Hello") -> str:
    return f"Title: {title}\nDate: 2025-10-01 10:00\nKind: thank-you\n{header}\n{body}\n"


def build(content: Path, output: Path, caplog, **settings) -> tuple[BuiltSite | None, list[str]]:
    """The site (None when the build stopped) and every problem the build printed."""
    caplog.clear()
    try:
        with caplog.at_level(logging.ERROR, logger="candor"):
            site = BuiltSite(build_site(content, output, **settings))
    except BuildStopped as stopped:
        return None, [str(problem) for problem in stopped.problems]
    return site, [r.getMessage() for r in caplog.records if r.name == "candor"]


def build_case(case: str, tmp_path: Path, caplog, **settings):
    shutil.copytree(TEST_DATA / case, tmp_path / "content")
    return build(tmp_path / "content", tmp_path / "output", caplog, **settings)


def build_files(files: dict[str, str | bytes], tmp_path: Path, caplog, **settings):
    for relative, text in files.items():
        path = tmp_path / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return build(tmp_path / "content", tmp_path / "output", caplog, **settings)


# --- author notes ----------------------------------------------------------------------


def test_each_author_note_is_removed_and_the_text_between_notes_stays(tmp_path, caplog):
    site, printed = build_case("author_notes", tmp_path, caplog)
    article = site.html("/posts/notes/").select_one("article").get_text()
    for kept in (
        "Thank you all.",
        "The paragraph between two notes.",
        "and the text after it.",
        "Inline  stays one sentence.",
    ):
        assert kept in article
    for note in ("check the count", "another note", "over two lines", "hidden"):
        assert note not in site.text("/posts/notes/") and note not in site.text("/feeds/all.json")
    # Lines keep their numbers: the link after the notes is reported on its own line.
    assert printed == [f'content/posts/p.md: line 22: the link to "javascript:alert(1)" {JS_HOW}']


def test_a_comment_in_code_is_shown_as_code(tmp_path, caplog):
    site, _ = build_case("author_notes", tmp_path, caplog)
    code = [c.get_text() for c in site.html("/posts/notes/").select("article code")]
    assert "<!-- an example comment, shown as code -->\n" in code
    assert "<!-- indented code: shown too -->\n" in code
    assert "<!-- code span -->" in code


def test_a_note_in_a_sent_email_leaves_no_trace_and_the_text_after_it_stays(tmp_path, caplog):
    email = (
        "Subject: Thank you\nSent: 2025-10-05 08:00 -04:00\nFrom: support@example.com\n"
        "Audience: Everyone\nRecipients: 12\n\n<!-- first note --> Hello,\n\n"
        "The paragraph customers must get.\n\n<!-- second note -->\n"
    )
    site, printed = build_files({"emails/e.md": email}, tmp_path, caplog)
    assert printed == []
    eml = message_from_bytes(site.path("/emails/e.eml").read_bytes(), policy=default_policy)
    text = eml.get_body(("plain",)).get_content()
    assert "The paragraph customers must get." in text and "note" not in text
    assert "The paragraph customers must get." in site.text("/emails/e/")


def test_a_note_never_closed_stops_the_build_with_its_line(tmp_path, caplog):
    site, printed = build_case("note_not_closed", tmp_path, caplog)
    assert site is None
    assert printed == [
        "content/posts/p.md: line 7: the author note <!-- is not closed, so all that follows "
        "would be published; end it with -->"
    ]
    assert not (tmp_path / "output").exists()


def test_a_note_never_closed_is_found_in_a_post_with_a_summary_too(tmp_path, caplog):
    text = post("Summary: What the post says.\n", "Hello.\n\n<!-- private: check with Sam")
    site, printed = build_files({"posts/p.md": text}, tmp_path, caplog)
    assert site is None
    assert printed == [
        "content/posts/p.md: line 8: the author note <!-- is not closed, so all that follows "
        "would be published; end it with -->"
    ]


def test_a_response_example_in_code_is_shown_as_code_not_quoted(tmp_path, caplog):
    site, printed = build_case("response_example_in_code", tmp_path, caplog)
    assert printed == []
    page = site.html("/posts/how-to-quote-a-customer/")
    assert page.select("figure.response") == []
    code = " ".join(c.get_text() for c in page.select("article code"))
    assert "::: response\nName: Ann" in code and "Hello there" in code
    assert "::: response\nName: Bo" in code and "Indented hello" in code


# --- control characters, and what reaches the terminal -------------------------------


@pytest.mark.parametrize(
    "header, body, expected",
    [
        (
            "",
            "Line one.\nA bell \x07 here.",
            f"content/posts/p.md: line 6: has the control character U+0007, {CONTROL_HOW}",
        ),
        (
            "Author: Sam\x00\n",
            "Body.",
            f"content/posts/p.md: Author (line 4): has the control character U+0000, {CONTROL_HOW}",
        ),
        (
            "Summary: \x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\n",
            "Fine.\n\nAnd \x1b[31mred\x1b[0m.",
            "content/posts/p.md: Summary (line 4): has the control character U+001B "
            f"(1 more line has one), {CONTROL_HOW}",
        ),
    ],
    ids=["bell_in_the_body", "nul_in_a_field", "escape_sequences_in_a_field_and_the_body"],
)
def test_control_characters_stop_the_build_with_the_field_or_line(
    header, body, expected, tmp_path, caplog
):
    site, printed = build_files({"posts/p.md": post(header, body)}, tmp_path, caplog)
    assert site is None
    assert printed == [expected]


def test_a_file_name_with_escape_sequences_is_shown_not_run_by_the_terminal(tmp_path, caplog):
    name = "posts/\x1b]0;owned\x07\x1b[2Jp\r.md"
    _, printed = build_files(
        {name: "Title: x\nDate: 2025-10-01 10:00\n\nBody.\n"}, tmp_path, caplog
    )
    assert printed == [
        "content/posts/\\x1b]0;owned\\x07\\x1b[2Jp\\r.md: Kind: missing; "
        "every post needs one of: thank-you, incident, responses, maintenance"
    ]


# --- sizes that no author means --------------------------------------------------------


@pytest.mark.parametrize(
    "header, expected",
    [
        (
            "Summary: " + "a" * 1_000_000 + "\n",
            "Summary: is 1,000,000 characters long; a field holds at most 4,000: "
            "put long text in the body",
        ),
        (
            "Tags: " + ", ".join(f"t{n}" for n in range(10_000)) + "\n",
            "Tags: is 68,888 characters long; a field holds at most 4,000: "
            "put long text in the body",
        ),
        (
            "Tags: " + ", ".join(f"t{n}" for n in range(500)) + "\n",
            "Tags: has 500 tags; a post takes at most 100, since each tag gets pages of its own: "
            "keep the ones readers look for",
        ),
    ],
    ids=["a_summary_of_a_megabyte", "ten_thousand_tags", "five_hundred_tags"],
)
def test_a_field_too_large_to_mean_anything_stops_the_build(header, expected, tmp_path, caplog):
    site, printed = build_files({"posts/p.md": post(header)}, tmp_path, caplog)
    assert site is None
    assert printed == [f"content/posts/p.md: {expected}"]


THOUSANDS = "9" * 5000
INCIDENT = "Kind: incident\nState: resolved\nStarted: 2025-10-01 09:00 +00:00\n"


@pytest.mark.parametrize(
    "relative, text, field",
    [
        ("posts/p.md", f"Title: x\nDate: {THOUSANDS}\nKind: thank-you\n\nBody.\n", "Date"),
        (
            "posts/p.md",
            f"Title: x\nDate: 2025-10-01 10:00\n{INCIDENT}Affected: {THOUSANDS}\n\nBody.\n",
            "Affected",
        ),
        (
            "emails/e.md",
            "Subject: Hi\nSent: 2025-10-05 08:00 -04:00\nFrom: support@example.com\n"
            f"Audience: All\nRecipients: {THOUSANDS}\n\nHello.\n",
            "Recipients",
        ),
    ],
    ids=["date", "incident_affected", "email_recipients"],
)
def test_a_number_of_thousands_of_digits_is_refused_by_name(
    relative, text, field, tmp_path, caplog
):
    site, printed = build_files({relative: text}, tmp_path, caplog)
    assert site is None
    assert printed == [
        f"content/{relative}: {field}: is 5,000 characters long; a field holds at most 4,000: "
        "put long text in the body"
    ]


@pytest.mark.parametrize(
    "header, field, size",
    [("Slug: " + "a" * 300 + "\n", "Slug", 300), ("", "Title", 299)],
    ids=["a_long_slug", "a_long_title_without_a_slug"],
)
def test_a_name_too_long_for_a_file_is_refused_before_anything_is_written(
    header, field, size, tmp_path, caplog
):
    site, printed = build_files({"posts/p.md": post(header, title="word " * 60)}, tmp_path, caplog)
    assert site is None
    assert printed == [
        f"content/posts/p.md: {field}: makes a file name of {size} bytes, {NAME_HOW}"
    ]
    assert not (tmp_path / "output").exists()


def test_lists_nested_hundreds_deep_stop_the_build_with_the_file(tmp_path, caplog):
    body = "".join("    " * depth + "- item\n" for depth in range(500))
    site, printed = build_files({"posts/p.md": post(body=body)}, tmp_path, caplog)
    assert site is None
    assert printed == [
        "content/posts/p.md: lists or quotes are nested too deeply for Markdown to read "
        "(hundreds of levels); flatten them"
    ]


# --- the ledger ------------------------------------------------------------------------

RESTORE = "restore it from version control (git checkout, or git log -p to find the last good one)"
RECORD = {"subject": "Thank you", "body": "Thank you for waiting.", "fingerprint": "sha256:0"}
RECORD_JSON = json.dumps(RECORD)


@pytest.mark.parametrize(
    "ledger, expected",
    [
        (
            f'{{"emails": {{"emails/e.md": {RECORD_JSON}, "emails/e.md": {RECORD_JSON}}}}}',
            'has "emails/e.md" twice, as a merge can leave it; keep the one that was published '
            "(`git log -p` on the file shows it) and delete the other",
        ),
        ("[]", f"holds a JSON list, not an object with emails, entries and feeds; {RESTORE}"),
        (
            '{"emails": {"emails/e.md": "sent"}}',
            f'emails: "emails/e.md" lacks a text subject, body or fingerprint; {RESTORE}',
        ),
        ('{"entries": {"posts/p.md": 1}}', f'entries: "posts/p.md" has no text id; {RESTORE}'),
        ('{"feeds": []}', f'its "feeds" is not an object of records by file; {RESTORE}'),
        (
            '{"emails": {',
            f"is not JSON (line 1, column 13: Expecting property name enclosed "
            f"in double quotes); {RESTORE}",
        ),
    ],  # fmt: skip
    ids=[
        "a_repeated_key",
        "a_list",
        "a_record_of_text",
        "an_entry_of_a_number",
        "feeds_as_a_list",
        "cut_short",
    ],  # fmt: skip
)
def test_a_ledger_of_the_wrong_shape_is_named_with_what_to_do(ledger, expected, tmp_path, caplog):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "ledger.json").write_text(ledger)
    site, printed = build_case_into("ledger_repeated_key", tmp_path, caplog)
    assert site is None
    assert printed == [f"content/ledger.json: {expected}"]


def build_case_into(case: str, tmp_path: Path, caplog):
    shutil.copytree(TEST_DATA / case, tmp_path / "content", dirs_exist_ok=True)
    return build(tmp_path / "content", tmp_path / "output", caplog)
