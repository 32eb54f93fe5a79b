"""What a quote cannot keep is taken out visibly: the author is told, line by line."""

from __future__ import annotations

import logging

from candor.responses.quote_safety import render_untrusted_markdown


def test_a_javascript_link_in_a_quote_keeps_its_text_without_a_dead_link():
    html = render_untrusted_markdown("see [my notes](javascript:alert(1)) or <a>this</a>")
    assert html == "<p>see my notes or this</p>"


def test_dropped_links_scripts_and_images_are_reported_with_file_and_line(build_test_data, caplog):
    with caplog.at_level(logging.WARNING, logger="candor"):
        site = build_test_data("responses_with_unsafe_markup")
    quote = site.html("/posts/unsafe/").select_one("figure.response blockquote")
    assert [a.get("href") for a in quote.find_all("a")] == ["https://status.example/"]
    assert "see my notes and" in quote.get_text(" ", strip=True)
    assert quote.find("script") is None and quote.find("img") is None
    reports = [r.getMessage() for r in caplog.records if "posts/unsafe.md: line" in r.getMessage()]
    assert len(reports) == 3, reports
    link, script, image = sorted(
        reports, key=lambda report: ("<img>" in report, "<script>" in report)
    )
    assert "line 9:" in link and "javascript:alert(1)" in link
    assert "line 10:" in script and "<script>" in script
    assert "line 11:" in image and "<img>" in image
