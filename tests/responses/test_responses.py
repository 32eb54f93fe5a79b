"""Quoted customer responses: the `::: response` syntax, its checks, the tally and the wall."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from markdown import Markdown

from candor.build.problems import BuildStopped
from candor.responses.blocks import ResponseBlock, render_quote
from candor.responses.linking import tally_outcomes
from candor.responses.quote_safety import (
    has_markup,
    mask_contact_details,
    render_plain_paragraphs,
    render_untrusted_markdown,
)


def figures(site, url):
    return site.html(url).select("main .post-body figure.response")


# Rendering every field


def test_a_response_is_a_figure_with_the_quote_in_its_language_and_a_caption(build_test_data):
    site = build_test_data("responses_every_field")
    first = figures(site, "/posts/every-field/")[0]
    assert first["id"] == "response-1"
    assert [child.name for child in first.find_all(recursive=False)] == [
        "blockquote",
        "div",
        "figcaption",
    ]
    quote = first.blockquote
    assert quote["lang"] == "de"
    assert quote["cite"] == "https://social.example/@jonasb/1"
    assert quote.em.get_text() == "offen"
    caption = first.figcaption
    assert caption.get_text(" ", strip=True).startswith("— Jonas B., on social media, ")
    assert caption.time["datetime"] == "2025-12-02"
    assert caption.time.get_text() == "Tue 02 December 2025"
    source = caption.a
    assert source["href"] == "https://social.example/@jonasb/1"
    assert "nofollow" in source["rel"]


def test_a_translation_is_labelled_as_one_and_carries_its_own_language(build_test_data):
    site = build_test_data("responses_every_field")
    translation = figures(site, "/posts/every-field/")[0].select_one(".response-translation")
    assert translation["lang"] == "en-GB"
    label, text = translation.find_all("p")
    assert label.get_text() == "Translation from German:"
    assert text.em.get_text() == "openly"


def test_without_consent_the_name_is_never_shown(build_test_data):
    site = build_test_data("responses_every_field")
    second = figures(site, "/posts/every-field/")[1]
    assert second.figcaption.get_text(strip=True) == "— a customer, by email"
    assert "Dana" not in site.text("/posts/every-field/")
    assert "Dana" not in site.text("/responses/")


def test_an_anonymous_response_needs_no_consent_and_channels_have_aliases(build_test_data):
    site = build_test_data("responses_every_field")
    captions = [f.figcaption.get_text(strip=True) for f in figures(site, "/posts/every-field/")]
    assert captions[2:] == [
        "— a customer, on X",
        "— a customer, in a support chat",
        "— a customer, on the phone",
    ]
    assert figures(site, "/posts/every-field/")[2]["class"] == ["response", "response-x"]


def test_a_response_without_a_translation_has_no_language_of_its_own(build_test_data):
    site = build_test_data("responses_every_field")
    plain = figures(site, "/posts/every-field/")[4]
    assert not plain.blockquote.has_attr("lang")
    assert plain.select(".response-translation") == []


# The tally


def test_a_post_shows_a_tally_of_its_outcomes_under_its_title(build_test_data):
    site = build_test_data("responses_every_field")
    tally = site.html("/posts/every-field/").select_one("article header .response-tally")
    assert tally.get_text() == "2 thank-you replies · 1 raised a concern · 1 asked to be removed"


def test_the_sample_round_up_counts_thirteen_thanks_and_three_removals(sample_site):
    page = sample_site.html("/posts/what-you-told-us/")
    tally = page.select_one(".response-tally").get_text()
    assert tally == "13 thank-you replies · 3 asked to be removed"
    german = page.select_one('blockquote[lang="de"]')
    assert german.find_parent("figure").select_one(".response-translation")["lang"] == "en"


def test_a_post_without_responses_has_no_tally(build_test_data):
    site = build_test_data("responses_on_two_posts")
    assert site.html("/posts/no-quotes/").select(".response-tally") == []


@pytest.mark.parametrize(
    ("outcomes", "phrases"),
    [
        ([], []),
        (["thanks"], ["1 thank-you reply"]),
        (["other", "thanks", "other"], ["1 thank-you reply", "2 other replies"]),
        (["unsubscribe", "", "concern"], ["1 raised a concern", "1 asked to be removed"]),
    ],
)
def test_the_tally_counts_each_outcome_once_in_a_fixed_order(outcomes, phrases):
    responses = [SimpleNamespace(outcome=outcome) for outcome in outcomes]
    assert [count.phrase for count in tally_outcomes(responses)] == phrases


# Problems, with file and line


def test_each_problem_names_the_file_and_the_line_and_stops_a_strict_build(read_test_data):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("responses_with_problems", CANDOR_STRICT=True)
    found = {(p.path.rpartition("/")[2], p.field): p.message for p in stopped.value.problems}
    assert found.keys() == {
        ("problems.md", "line 7"),
        ("problems.md", "line 13"),
        ("problems.md", "line 19"),
        ("problems.md", "line 29"),
    }
    assert found["problems.md", "line 7"].startswith('"carrier pigeon" is not a channel')
    assert "Consent: yes" in found["problems.md", "line 13"]
    assert found["problems.md", "line 19"].startswith("the quote is empty")
    assert "Language:" in found["problems.md", "line 29"]
    assert not any(p.fatal for p in stopped.value.problems)


def test_a_development_build_leaves_broken_responses_out_and_keeps_the_rest(build_test_data):
    site = build_test_data("responses_with_problems")
    (kept,) = figures(site, "/posts/problems/")
    assert kept.blockquote.get_text(strip=True) == "This one is fine."
    assert "Dana" not in site.text("/posts/problems/")


# Masking


def test_email_addresses_and_phone_numbers_are_masked_and_each_is_reported(build_test_data, caplog):
    with caplog.at_level(logging.WARNING, logger="candor"):
        site = build_test_data("responses_with_contact_details")
    text = figures(site, "/posts/contacts/")[0].blockquote.get_text(" ", strip=True)
    assert "j***@example.com" in text
    assert "+* (***) ***-**37" in text
    assert "jane.doe" not in site.text("/posts/contacts/")
    assert "2025-12-01" in text and "13 of us" in text
    reports = [r.getMessage() for r in caplog.records if "masked" in r.getMessage()]
    assert len(reports) == 2
    assert all("posts/contacts.md: line 9: masked" in report for report in reports)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("mail j@example.com", "mail j***@example.com"),
        ("<first.last+tag@mail.example.org>", "<f***@mail.example.org>"),
        ("call 212-555-0137", "call ***-***-**37"),
        ("ring +49 30 1234567 now", "ring +** ** *****67 now"),
        ("(212) 555-0118", "(***) ***-**18"),
    ],
)
def test_contact_details_are_masked_keeping_just_enough_to_recognise(written, shown):
    masked, maskings = mask_contact_details(written)
    assert masked == shown
    assert len(maskings) == 1


@pytest.mark.parametrize(
    "written",
    ["on 2025-12-01", "on 01.12.2025", "13 thank-you replies", "version 4.12.0", "1,000 posts"],
)
def test_dates_counts_and_versions_are_not_mistaken_for_phone_numbers(written):
    assert mask_contact_details(written) == (written, [])


# The wall


def test_the_wall_lists_every_published_response_newest_first_linking_to_its_post(
    build_test_data,
):
    site = build_test_data("responses_on_two_posts")
    wall = site.html("/responses/")
    quotes = [li.blockquote.get_text(strip=True) for li in wall.select("ol.response-list > li")]
    assert quotes == [
        "Undated chat reply, dated by its post.",
        "Newer forum reply.",
        "An email that arrived before the older post's X reply.",
        "Older post on X.",
        "Older email reply.",
    ]
    links = [li.select_one(".response-from a")["href"] for li in wall.select(".response-list li")]
    assert links[0] == "/posts/newer/#response-2"
    assert links[-1] == "/posts/older/#response-1"
    assert site.html("/posts/newer/").select_one("#response-2 blockquote") is not None
    assert "Draft reply" not in site.text("/responses/")


def test_the_wall_has_a_page_per_channel_with_counts_and_no_script(build_test_data):
    site = build_test_data("responses_on_two_posts")
    channels = site.html("/responses/").select(".response-channels a")
    assert [(a.get_text(), a["href"]) for a in channels] == [
        ("All channels (5)", "/responses/"),
        ("Email (2)", "/responses/email/"),
        ("X (Twitter) (1)", "/responses/x/"),
        ("Support chat (1)", "/responses/chat/"),
        ("Forum (1)", "/responses/forum/"),
    ]
    email = site.html("/responses/email/")
    assert email.h1.get_text() == "What customers told us: Email"
    assert len(email.select(".response-list figure")) == 2
    assert email.select_one('.response-channels a[aria-current="page"]')["href"] == (
        "/responses/email/"
    )
    assert not site.exists("/responses/phone/")
    for url in ["/responses/", "/responses/email/", "/responses/x/"]:
        # A JSON-LD data block is the only <script>: the browser never runs it.
        scripts = site.html(url).find_all("script")
        assert [s.get("type") for s in scripts] == ["application/ld+json"]


def test_the_navigation_links_to_the_wall_only_when_someone_is_quoted(build_test_data):
    site = build_test_data("responses_on_two_posts")
    nav = site.html("/").select_one("nav[aria-label=Site]")
    assert nav.find("a", string="What you told us")["href"] == "/responses/"


def test_a_site_that_quotes_nobody_has_no_wall(build_test_data):
    site = build_test_data("kinds_all_three")
    assert not site.exists("/responses/")
    assert site.html("/").find("a", string="What you told us") is None


# Summaries: a post's own words, never a quote cut short


def test_a_post_that_quotes_customers_is_summed_up_in_its_own_words(build_test_data):
    site = build_test_data("responses_summaries")
    summaries = {
        post.h2.a["href"]: post.select_one(".summary")
        for post in site.html("/").select("article.post-summary")
    }
    intro = summaries["/posts/intro/"]
    assert intro.find("figure") is None
    text = intro.get_text(" ", strip=True)
    assert text.startswith("We asked what the outage cost you")
    assert text.endswith("We are adding a second region before the spring.")
    assert intro.find("a", string="the write-up")["href"] == "/posts/plain/"
    assert "A summary the author wrote." in summaries["/posts/written/"].get_text()
    description = site.html("/posts/intro/").find("meta", attrs={"name": "description"})
    assert description["content"].startswith("We asked what the outage cost you")
    # The quotes themselves are all still in the post.
    assert len(figures(site, "/posts/intro/")) == 2


def test_a_post_of_nothing_but_quotes_is_summed_up_by_its_whole_first_quote(build_test_data):
    site = build_test_data("responses_summaries")
    index = site.html("/")
    summary = index.find("a", href="/posts/only-quotes/").find_parent("article")
    quotes = [" ".join(q.get_text().split()) for q in summary.select(".summary blockquote")]
    assert len(quotes) == 1
    assert quotes[0].startswith("The first quote stands in for the summary")
    assert quotes[0].endswith("right up to this last word.")  # whole, never cut short
    assert summary.select_one(".summary figcaption").get_text().startswith("— a customer")
    ids = [tag["id"] for tag in index.find_all(id=True)]
    assert len(ids) == len(set(ids)), "an id repeats on the index page"


# Plain quotes skip Markdown, and must come out exactly as Markdown would render them


@pytest.mark.parametrize(
    "text",
    [
        "Short, clear, and you owned it.",
        "Twenty-odd emails, then an honest apology.\nI'll take it over silence.",
        'First paragraph, "quoted".\n\nSecond paragraph.\n\n\nThird, after two blank lines.',
        "Endlich mal eine Firma, die einen Fehler offen zugibt. Danke für die Mail!",
        "See http://x.example/a?b=c (on 2025-12-01, 3 p.m.): 13 of us read it; 1,000 posts.",
        "\nA quote between blank lines.\n",
    ],
)
def test_a_plain_quote_renders_as_markdown_would_without_running_it(text):
    assert not has_markup(text)
    assert render_plain_paragraphs(text) == Markdown().convert(text)
    assert render_plain_paragraphs(text) == render_untrusted_markdown(text)


@pytest.mark.parametrize(
    "lines",
    [
        ["Write to me at jane.doe@example.com, or call 555-014-2237."],
        ["No markup here.", "", "But a second paragraph: +49 30 1234567."],
        ["This one has *emphasis* and j@example.com."],
        ["- a list item with j@example.com", "- and 555-014-2237"],
    ],
)
def test_a_masked_quote_reads_the_same_whichever_way_it_is_rendered(lines):
    # The masks' stars are plain text on both paths: never emphasis.
    numbered = list(enumerate(lines, start=3))
    rendered = render_quote(numbered, ResponseBlock(first_line=1, lines=[]))
    escaped = "\n".join(mask_contact_details(text, "\\*")[0] for text in lines)
    assert rendered == render_untrusted_markdown(escaped)
    assert "<em>" not in rendered.replace("<em>emphasis</em>", "")
    assert "***" in rendered
    assert mask_contact_details(rendered)[1] == []  # nothing left to mask


@pytest.mark.parametrize(
    "text",
    [
        "Some *emphasis*",
        "a <b>tag</b>",
        "- a list",
        "1. a numbered list",
        "    indented code",
        "hard break  \nhere",
        "Heading\n===",
        "> nested",
        "AT&T",
        "[a link](https://x.example/)",
        "masked j\\*\\*\\*@example.com",
    ],
)
def test_a_quote_with_any_markup_goes_through_markdown(text):
    assert has_markup(text)
