"""The fast Markdown path (pyromark) gives the very HTML Python-Markdown gives, or is not taken.

Three levels: generated text (the plain subset, and text one character away from
it), every Markdown file of the tests, the sample and a generated bench site read
with CANDOR_FAST_MARKDOWN on and off, and the sample built both ways, compared
byte for byte.
"""

from __future__ import annotations

import filecmp
import sys

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pelican import Pelican
from pelican.readers import Readers

from candor.authoring.fast_markdown import FastMarkdown, is_plain
from candor.authoring.reading import ContentUnreadable
from candor.authoring.reused_markdown import ReusedMarkdown
from candor.emails.line_breaks import keep_line_breaks, with_line_breaks
from conftest import PROJECT, TEST_DATA, build_site, project_settings

# Pieces of a line: words and punctuation both engines agree on, the inline constructs of
# the subset, and near misses (a character or a space away from them, or another syntax).
WORDS = ["word", "Ünïcödé", "2025-12-01", "42", "it's", '"quoted"', "(aside)", "a/b", "x:y", "#3"]
PUNCTUATION = [".", ",", ";", ":", "!", "?", "-", "'", '"', "(", ")", "#", ">", "=", "+", "%"]
CONSTRUCTS = ["*em*", "**strong**", "`code`", "[link](/posts/a/)", "*two words*", "`a b`"]
NEAR_MISSES = [
    "*", "**", "***x***", "_x_", "snake_case", "`", "``x``", "[", "]", "[x]", "[x] (/a)",
    "![x](/a.png)", "[x](/a \"t\")", "[x](<a>)", "<b>x</b>", "<!-- c -->", "&amp;", "&",
    "\\*", "~~x~~", "|", "{: .c}", "[^1]", "<http://a.example>", "x  ", "* x*", "*x *",
    "*(x)*", "a*b*c", "\x02wzxhzdk:0\x03", "\t", "  ", "&copy;", "1.", "http://a.example",
]  # fmt: skip
LINE_PREFIXES = [
    "", "", "", "- ", "* ", "+ ", "1. ", "2) ", "# ", "## ", "###### ", "####### ", "> ",
    "    ", "  ", " ", ": ", "[x]: /y", "*[X]: Ex", "```", "~~~", "---", "===", "- - -", "#x",
]  # fmt: skip
LINE_ENDS = ["", "", " #", "  ", "\\"]
BLOCK_GAPS = ["\n", "\n\n", "\n\n", "\n\n\n"]
TEXT_ENDS = ["", "\n", "\n\n", "\n\n\n"]

plain_line = st.lists(st.sampled_from(WORDS + CONSTRUCTS), min_size=1, max_size=5).map(" ".join)
# A plain line with one thing changed: a block's start or end, or a near miss inside.
near_miss_line = st.one_of(
    st.tuples(st.sampled_from(LINE_PREFIXES), plain_line, st.sampled_from(LINE_ENDS)).map("".join),
    st.tuples(
        plain_line,
        st.sampled_from([" ", ""]),
        st.sampled_from(NEAR_MISSES + PUNCTUATION),
        st.sampled_from([" ", ""]),
        plain_line,
    ).map("".join),
)
plain_block = st.one_of(
    plain_line,
    st.lists(plain_line, min_size=2, max_size=3).map("\n".join),
    plain_line.map(lambda text: "## " + text),
    st.lists(plain_line, min_size=1, max_size=3).map(lambda items: "- " + "\n- ".join(items)),
)
# Blocks Python-Markdown's preprocessors take out of the text: a quote and fenced code (each
# a placeholder after them), a quote never closed (its lines taken away, the last line end
# with them), an author note.
RESPONSE = "::: response\nName: Ana P.\nConsent: yes\nChannel: email\n\nIt *works*.\n"
PREPROCESSED_BLOCKS = [
    RESPONSE + ":::",
    RESPONSE,
    "<!-- a note -->",
    "Text <!-- a note --> text.",
    "```python\nx = 1  # <b>&\n```",
    "~~~\nplain\n~~~",
]
block = st.one_of(
    plain_block,
    plain_block,
    near_miss_line,
    st.tuples(plain_block, near_miss_line).map("\n".join),
    st.tuples(near_miss_line, plain_block).map("\n".join),
    st.sampled_from(PREPROCESSED_BLOCKS),
)
document = st.tuples(
    st.lists(st.tuples(block, st.sampled_from(BLOCK_GAPS)), min_size=1, max_size=4),
    st.sampled_from(TEXT_ENDS),
).map(lambda parts: "".join(a + b for a, b in parts[0]).rstrip("\n") + parts[1])


@pytest.fixture(scope="module")
def site_settings(tmp_path_factory):
    """The project's settings as the build's readers see them: Candor's extensions in
    MARKDOWN, and those of Pelican's `extension_configs` (added by its Markdown reader)."""
    output = tmp_path_factory.mktemp("output")
    settings = Pelican(project_settings(PROJECT / "content", output)).settings
    Readers(settings)
    assert "markdown.extensions.extra" in settings["MARKDOWN"]["extensions"]
    return settings


def both_ways(markdown_settings: dict, text: str) -> tuple[str, str, bool]:
    """`text` converted by a fresh FastMarkdown and by Python-Markdown alone."""
    fast = ReusedMarkdown().for_next_file(markdown_settings, fast=True)
    slow = ReusedMarkdown().for_next_file(markdown_settings, fast=False)
    return fast.convert(text), slow.convert(text), fast.paths_taken == [True]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=document, emails=st.booleans())
# Found while writing the check: the last paragraph before a quote never closed keeps its
# line end in Python-Markdown; two lists a blank line apart are one loose list.
@example(text="Intro.\n\n" + RESPONSE, emails=False)
@example(text="- a\n\n- b", emails=True)
# Found by the red team: a heading ending in a space other than ASCII's (no-break, em,
# line separator) loses it in Python-Markdown (`str.strip`), keeps it in pulldown-cmark.
@example(text="# Title\u00a0", emails=False)
@example(text="# Title\u2028\n\nText.", emails=False)
def test_any_text_the_check_accepts_converts_as_python_markdown_converts_it(
    site_settings, text, emails
):
    markdown_settings = site_settings["MARKDOWN"]
    if emails:
        markdown_settings = with_line_breaks(site_settings)["MARKDOWN"]
    fast, slow, took_fast_path = both_ways(markdown_settings, text)
    event(f"fast path: {took_fast_path}")
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "A paragraph with *em*, **strong**, `code` and [a link](/posts/a/).\nIts second line.",
        "## A heading\n\nText.\n\n- one\n- two *three*\n\nAfter the list.\n",
        'Quotes "like this" and it\'s fine > 3 (really).',
    ],
)
def test_plain_text_takes_the_fast_path(site_settings, text):
    fast, slow, took_fast_path = both_ways(site_settings["MARKDOWN"], text)
    assert took_fast_path and fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "Text\n- not a list in Python-Markdown",
        "- a\n\n- b",
        "Title\n=====",
        "A footnote[^1].\n\n[^1]: Here.",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "*[HTML]: Hyper Text\n\nHTML",
        "    code",
        "Fish &amp; chips",
        "Two spaces  \nbreak",
        "Intro.\n",
    ],
)
def test_text_outside_the_subset_is_left_to_python_markdown(text):
    assert not is_plain(text)


def test_an_extension_the_fast_path_does_not_know_turns_it_off(site_settings):
    markdown_settings = dict(site_settings["MARKDOWN"])
    markdown_settings["extensions"] = [*markdown_settings["extensions"], "markdown.extensions.toc"]
    fast, slow, took_fast_path = both_ways(markdown_settings, "## A heading\n\nText.")
    assert not took_fast_path and fast == slow == '<h2 id="a-heading">A heading</h2>\n<p>Text.</p>'


def markdown_reader(settings: dict, *, fast: bool, email: bool):
    readers = Readers({**settings, "CANDOR_FAST_MARKDOWN": fast})
    if email:
        keep_line_breaks(readers)
    return readers.readers["md"]


def read_both_ways(settings: dict, files: list) -> tuple[list, list]:
    """Each file read with the fast path on and off: [(file, differs)], [file on the fast path]."""
    differ, fast_files = [], []
    for email in (False, True):
        readers = [markdown_reader(settings, fast=fast, email=email) for fast in (True, False)]
        for path in files:
            if email != ("emails" in path.parts):
                continue
            outcomes = []
            for reader in readers:
                try:
                    content, metadata = reader.read(str(path))
                    outcomes.append((content, sorted((k, repr(v)) for k, v in metadata.items())))
                except ContentUnreadable:
                    outcomes.append(("unreadable",))
            if outcomes[0] != outcomes[1]:
                differ.append(path)
            body_path = readers[0]._md.paths_taken[:1]  # the body's; a Summary's follows
            if body_path == [True]:
                fast_files.append(path)
    return differ, fast_files


def test_every_test_and_sample_file_reads_the_same_with_the_fast_path_on_and_off(site_settings):
    files = sorted(
        path for folder in (TEST_DATA, PROJECT / "content") for path in folder.rglob("*.md")
    )
    differ, fast_files = read_both_ways(site_settings, files)
    assert differ == []
    assert len(fast_files) > len(files) * 3 // 4  # most of them took it


def test_a_generated_bench_site_reads_the_same_with_the_fast_path_on_and_off(
    site_settings, tmp_path
):
    sys.path.insert(0, str(PROJECT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(PROJECT / "bench"))
    generate.generate(str(tmp_path / "content"), posts=80)
    files = sorted((tmp_path / "content").rglob("*.md"))
    differ, fast_files = read_both_ways(site_settings, files)
    assert differ == [] and len(fast_files) == len(files) > 100


def test_turned_off_every_file_is_python_markdowns(site_settings):
    reader = markdown_reader(site_settings, fast=False, email=False)
    reader.read(str(PROJECT / "content" / "pages" / "about.md"))
    assert not isinstance(reader._md, FastMarkdown)


def differing_files(comparison: filecmp.dircmp) -> list[str]:
    found = comparison.diff_files + comparison.left_only + comparison.right_only
    for sub in comparison.subdirs.values():
        found += [f"{sub.left}/{name}" for name in differing_files(sub)]
    return found


@pytest.mark.slow
def test_the_sample_site_builds_byte_for_byte_the_same_with_the_fast_path_on_and_off(tmp_path):
    on = build_site(PROJECT / "content", tmp_path / "on", CANDOR_FAST_MARKDOWN=True)
    off = build_site(PROJECT / "content", tmp_path / "off", CANDOR_FAST_MARKDOWN=False)
    comparison = filecmp.dircmp(on, off, ignore=[])
    assert differing_files(comparison) == []
