"""An email's text part: its HTML as plain text a customer can read on its own."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from candor.text.plain_text import html_to_text, wrap


def test_paragraphs_and_headings_are_separated_by_a_blank_line():
    html = "<h2>What happened</h2>\n<p>One.</p>\n<p>Two,\nstill two.</p>"
    assert html_to_text(html) == "What happened\n\nOne.\n\nTwo, still two.\n"


def test_links_are_written_out_after_their_text_once():
    html = (
        '<p>Read <a href="https://x.example/a">the write-up</a>, or '
        '<a href="https://x.example/b">https://x.example/b</a>, '
        '<a href="https://x.example/c"><img alt="our logo"></a> and <a>no link</a>.</p>'
    )
    assert html_to_text(html) == (
        "Read the write-up (https://x.example/a), or https://x.example/b, [our\n"
        "logo] (https://x.example/c) and no link.\n"
    )


def test_list_items_get_markers_and_nested_lists_join_their_item():
    html = (
        "<ul><li>First <em>thing</em></li>\n<li><p>Second</p><ul><li>inner</li></ul></li></ul>"
        "<ol><li>one</li><li>two</li></ol>"
    )
    assert html_to_text(html) == "- First thing\n\n- Second inner\n\n1. one\n\n2. two\n"


def test_quotes_keep_their_prefix_and_preformatted_text_its_lines():
    html = (
        "<blockquote><p>Outer</p><blockquote><p>Inner</p></blockquote>"
        '<pre>  keep\n  <a href="x">these</a> lines</pre></blockquote>'
    )
    assert html_to_text(html) == "> Outer\n\n> > Inner\n\n>   keep\n>   these lines\n"


def test_long_paragraphs_and_list_items_wrap_at_72_with_a_hanging_indent():
    words = "word " * 30
    text = html_to_text(f"<p>{words}</p><ul><li>{words}</li></ul>")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    item = text.split("\n\n")[1].splitlines()
    assert item[0].startswith("- word") and all(line.startswith("  word") for line in item[1:])


def test_unclosed_elements_and_entities_still_give_all_the_text():
    assert html_to_text("<p>Caf&eacute; &amp; <b>bar<ul><li>open item") == (
        "Café & bar\n\n- open item\n"
    )


@pytest.mark.parametrize(
    ("html", "text"),
    [
        # An end tag closes what is open inside it, as a browser would.
        (
            '<p>See <a href="https://x/">the write-up</p><p>More.</p>',
            "See the write-up (https://x/)\n\nMore.",
        ),
        (
            '<ul><li>i <a href="u">link</li><li>j</li></ul><p>after</p>',
            "- i link (u)\n\n- j\n\nafter",
        ),
        ("<blockquote><p>q</blockquote><p>after</p>", "> q\n\nafter"),
        # Left-out end tags are implied by what comes next.
        ("<ol><li>one<li>two</ol><p>After.</p>", "1. one\n\n2. two\n\nAfter."),
        ("<ul><li>a<p>b</li><li>c</li></ul>", "- a b\n\n- c"),
        ("<ul><li>a<ul><li>b<li>c</ul></li><li>d</ul>", "- a b c\n\n- d"),
        ("<p>one<p>two<ul><li>x</ul>three", "one\n\ntwo\n\n- x\n\nthree"),
        ('<p>x <a href="u">never closed', "x never closed (u)"),
    ],
)
def test_html_with_end_tags_left_out_or_misplaced_keeps_all_its_text_in_order(html, text):
    assert html_to_text(html) == text + "\n"


@pytest.mark.parametrize("html", ["", "<p></p>", "<ul>\n</ul>", "<!-- a note -->"])
def test_nothing_to_read_gives_an_empty_text(html):
    assert html_to_text(html) == "\n"


words = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Z", "C")), min_size=1, max_size=90),
    max_size=40,
)


@given(words, st.sampled_from(["", "> ", "> > ", "> " * 40]), st.sampled_from(["", "- ", "12. "]))
def test_wrapping_matches_the_standard_library(words, indent, first):
    text = " ".join(words)
    assert wrap(text, indent, first) == textwrap.fill(
        text,
        width=72,
        initial_indent=indent + first,
        subsequent_indent=indent + " " * len(first),
        break_long_words=False,
        break_on_hyphens=False,
    )


def test_a_line_break_stays_a_line_break_in_paragraphs_items_and_quotes():
    signature = "<p>Sam Ortiz<br>\nExample Rooms Ltd</p>"
    assert html_to_text(signature) == "Sam Ortiz\nExample Rooms Ltd\n"
    assert html_to_text("<ul><li>one<br>two</li></ul>") == "- one\n  two\n"
    assert html_to_text("<blockquote><p>a<br />b<br></p></blockquote>") == "> a\n> b\n"
