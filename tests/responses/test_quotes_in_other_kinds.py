"""Quotes in a post of another kind: an incident that quotes replies is where customers
are quoted, so it is among the customer responses everywhere a reader looks for them."""

from __future__ import annotations

import feedparser


def test_an_incident_that_quotes_replies_is_counted_among_customer_responses(build_test_data):
    site = build_test_data("incident_quotes_replies")
    counts = site.html("/").select_one(".kind-filter").get_text(" ", strip=True)
    assert "Customer responses (2)" in counts
    # It stays an incident too: the kinds say where customers are quoted, not only what a post is.
    assert "Incident write-ups (1)" in counts
    assert "Thank-you notes (1)" in counts


def test_the_responses_page_and_feed_hold_every_post_the_wall_quotes(build_test_data):
    site = build_test_data("incident_quotes_replies")
    listed = [a["href"] for a in site.html("/kinds/responses/").select("main article h2 a")]
    assert listed == ["/posts/outage/", "/posts/round-up/"]
    feed = feedparser.parse(site.path("/feeds/responses.atom.xml").read_bytes())
    assert [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in feed.entries] == [
        "outage",
        "round-up",
    ]
    # The wall's quotes come from exactly those posts: the numbers agree.
    wall = site.html("/responses/").select("figure.response")
    assert len(wall) == 3
    incidents = feedparser.parse(site.path("/feeds/incidents.atom.xml").read_bytes())
    assert len(incidents.entries) == 1


def test_a_post_of_another_kind_without_quotes_is_not_a_customer_response(build_test_data):
    site = build_test_data("incident_quotes_replies")
    listed = site.text("/kinds/responses/")
    assert "/posts/thanks/" not in listed
