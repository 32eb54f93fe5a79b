"""The sample's round-up rebuilt from the sample mailbox, compared with the hand-written blocks.

tests/replies/sample_mailbox/ holds the replies the sample post quotes, as they would
arrive: sixteen emails in four mail clients' styles (what-you-told-us.mbox) and the two
public posts in a CSV export. Imported into the post with its blocks taken out, then
approved, each quote must read as the hand-written one does. What an import cannot know
from an email (the name a customer agreed to) and what it only suggests (the outcome)
are pinned below, reply by reply.
"""

from __future__ import annotations

import shutil

import pytest
from importing import BLOCK, PROJECT, blocks_of, import_replies

from conftest import BuiltSite, build_site

SAMPLE = PROJECT / "content" / "posts" / "2025-12-08-what-you-told-us.md"
MAILBOX = PROJECT / "tests" / "replies" / "sample_mailbox"
# (reply, hand-written outcome, suggested outcome) where the suggestion differs.
OUTCOMES_TO_CONFIRM = [
    (1, "thanks", "other"),  # "Short, clear, and you owned it."
    (2, "thanks", "other"),  # "I honestly thought I had signed up for something by accident."
    (4, "thanks", "other"),  # "I only use Tandem Rooms for my book club, ..."
    (8, "thanks", "other"),  # "I forwarded your apology to our IT team ..."
    (10, "thanks", "other"),  # "Good apology. Please keep the list small from now on."
    (17, "", "other"),  # @lenawrites on X: the sample gives no outcome
    (18, "", "thanks"),  # Jonas B.: the sample gives no outcome
]
# Email carries no record of consent, so names agreed to by email are not imported.
NAMES_NOT_IMPORTED = {1: "Dana K.", 3: "Marcus O.", 5: "Aiko T.", 8: "Rafael M.", 11: "Grace W."}


def header(block: str) -> dict[str, str]:
    lines = block.split("\n\n", 1)[0].split("\n")[1:]
    return {k.lower(): v for k, _, v in (line.partition(": ") for line in lines)}


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("rebuild")
    content = tmp_path / "site" / "content"
    (content / "posts").mkdir(parents=True)
    post = content / "posts" / SAMPLE.name
    shutil.copy(SAMPLE, post)
    post.write_text(BLOCK.sub("", SAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    assert import_replies(content, MAILBOX / "what-you-told-us.mbox", "what-you-told-us") == 0
    csv = MAILBOX / "what-you-told-us-elsewhere.csv"
    assert import_replies(content, csv, "what-you-told-us") == 0
    imported = blocks_of(post)
    # The author's review: each block approved, the German one translated as in the sample.
    hand = blocks_of(SAMPLE)
    text = post.read_text(encoding="utf-8").replace("Status: pending\n", "")
    translation = hand[-1].split("--- translation\n")[1]
    text = text.replace("--- translation\n:::", "--- translation\n" + translation)
    post.write_text(text, encoding="utf-8")
    site = BuiltSite(build_site(content, tmp_path / "output"))
    return hand, imported, site


def test_every_reply_of_the_sample_is_imported_once_in_its_order(rebuilt):
    hand, imported, _ = rebuilt
    assert len(imported) == len(hand) == 18
    for written, got in zip(hand, imported, strict=True):
        assert header(got)["channel"] == header(written)["channel"]
        assert header(got)["date"] == header(written)["date"]


def test_each_quote_reads_as_the_hand_written_one(rebuilt, sample_site):
    _, _, site = rebuilt
    url = "/posts/what-you-told-us/"

    def quotes(page):
        return [" ".join(q.blockquote.get_text(" ").split()) for q in page.select("figure")]

    assert quotes(site.html(url)) == quotes(sample_site.html(url))


def test_names_come_only_with_recorded_consent(rebuilt, sample_site):
    hand, imported, site = rebuilt
    for number, (written, got) in enumerate(zip(hand, imported, strict=True), start=1):
        if number in NAMES_NOT_IMPORTED:
            assert header(written)["name"] == NAMES_NOT_IMPORTED[number]
            assert "name" not in header(got)
        else:
            assert header(got).get("name") == header(written).get("name")
            assert header(got).get("source") == header(written).get("source")


def test_the_outcomes_suggested_differ_from_the_sample_only_where_listed(rebuilt):
    hand, imported, _ = rebuilt
    differ = [
        (number, header(w).get("outcome", ""), header(g)["outcome"])
        for number, (w, g) in enumerate(zip(hand, imported, strict=True), start=1)
        if header(w).get("outcome", "") != header(g)["outcome"]
    ]
    assert differ == OUTCOMES_TO_CONFIRM


def test_the_languages_are_detected_as_the_sample_gives_them(rebuilt):
    hand, imported, _ = rebuilt
    for written, got in zip(hand, imported, strict=True):
        assert header(got)["language"] == header(written).get("language", "en")


def test_the_stated_totals_count_all_eighteen(rebuilt):
    _, _, site = rebuilt
    tally = site.html("/posts/what-you-told-us/").select_one(".response-tally").get_text()
    assert tally == (
        "18 replies: 9 thanked us, 3 asked to be removed, 6 wrote about something else "
        "· 18 quoted below"
    )


def test_the_sample_mailbox_imported_into_the_sample_post_adds_nothing(tmp_path, capsys):
    content = tmp_path / "site" / "content"
    (content / "posts").mkdir(parents=True)
    post = content / "posts" / SAMPLE.name
    shutil.copy(SAMPLE, post)
    for source in ("what-you-told-us.mbox", "what-you-told-us-elsewhere.csv"):
        assert import_replies(content, MAILBOX / source, "what-you-told-us") == 0
    assert post.read_bytes() == SAMPLE.read_bytes()
    said = capsys.readouterr().out
    assert "0 imported" in said and "16 already there" in said and "2 already there" in said
    assert not (content / "sends").exists()
