"""Nothing lost, nothing leaked: addresses, senders, filters and contact details (issue 15).

Every situation is a real build of a tiny folder in tests/test_data.
"""

from __future__ import annotations

import json
import re
import shutil
from email import policy
from email.parser import BytesParser
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from candor.authoring.script_links import without_script_links
from candor.build.problems import BuildStopped
from candor.commands.cli import build
from candor.emails.announcement import parse_address
from candor.responses.quote_safety import mask_contact_details
from candor.text.plain_text import html_to_text
from conftest import TEST_DATA, BuiltSite, project_settings

# --- one file per address: a post never takes the place of the site's own files --------


def test_a_post_saved_over_any_file_the_site_writes_stops_the_build_naming_both(
    read_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("posts_over_site_files")
    where = "choose another Save_as"
    assert sorted(map(str, stopped.value.problems)) == [
        "content/posts/onto-404.md: Save_as: is written to 404.html, where the 404 page "
        f"goes (404_SAVE_AS); {where}",
        "content/posts/onto-category.md: Save_as: is written to category/news/index.html, "
        f'where the category page "News" goes (CATEGORY_SAVE_AS); {where}',
        "content/posts/onto-channel-page.md: Save_as: is written to "
        'responses/email/index.html, where the responses page of channel "email" goes '
        f"(CANDOR_RESPONSES_CHANNEL_SAVE_AS); {where}",
        "content/posts/onto-email-archive.md: Save_as: is written to emails/index.html, "
        f"where the email archive goes (EMAIL_ARCHIVE_SAVE_AS); {where}",
        "content/posts/onto-feed.md: Save_as: is written to feeds/all.atom.xml, where the "
        f'atom feed "all" goes (CANDOR_FEEDS_PATH); {where}',
        "content/posts/onto-kind-page.md: Save_as: is written to kinds/incident/index.html, "
        f'where the page of kind "incident" goes (CANDOR_KIND_SAVE_AS); {where}',
        "content/posts/onto-stylesheet.md: Save_as: is written to theme/css/candor.css, "
        f"where the theme file static/css/candor.css goes (THEME_STATIC_DIR); {where}",
        "content/posts/onto-tag.md: Save_as: is written to tag/billing/index.html, where "
        f'the tag page "billing" goes (TAG_SAVE_AS); {where}',
    ]


def test_settings_that_put_two_of_the_sites_own_pages_at_one_address_stop_the_build(
    read_test_data,
):
    with pytest.raises(BuildStopped) as stopped:
        read_test_data("tag_over_kind_page", TAG_SAVE_AS="kinds/{slug}/index.html")
    assert list(map(str, stopped.value.problems)) == [
        'settings: TAG_SAVE_AS: the tag page "incident" and the page of kind "incident" are '
        "both written to kinds/incident/index.html; change TAG_SAVE_AS or CANDOR_KIND_SAVE_AS"
    ]


# --- an email comes from exactly one mailbox --------------------------------------------

ONE_SENDER = "write exactly one address, like Priya Raman <community@example.com>"


def errors_logged(caplog) -> list[str]:
    return sorted(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_a_sender_that_is_not_exactly_one_mailbox_is_reported_naming_the_field(
    build_test_data, caplog
):
    site = build_test_data("email_senders")
    assert errors_logged(caplog) == [
        "content/emails/address-as-name.md: From: "
        f'"a@example.com <b@example.com>" is not one clear address (a name holding '
        f"@, <, or a comma goes in double quotes); {ONE_SENDER}",
        "content/emails/embedded-bcc.md: From: "
        f'"Support <a@example.com> Bcc: everyone@example.com" is not one clear address '
        f"(a name holding @, <, or a comma goes in double quotes); {ONE_SENDER}",
        "content/emails/group.md: From: "
        f'"team: a@example.com, b@example.com;" is more than one address; {ONE_SENDER}',
        "content/emails/reply-to-two.md: Reply-To: "
        f'"a@example.com, c@example.com" is more than one address; {ONE_SENDER}',
        "content/emails/semicolon.md: From: "
        f'"a@example.com; b@example.com" is not one clear address (a name holding '
        f"@, <, or a comma goes in double quotes); {ONE_SENDER}",
        "content/emails/two-senders.md: From: "
        f'"Support <a@example.com>, <b@example.com>" is more than one address; {ONE_SENDER}',
    ]
    message = site.path("/emails/quoted-name-with-address.eml").read_bytes()
    assert b'From: "help@example.com" <team@example.com>\r\n' in message


@pytest.mark.parametrize(
    "written",
    ["Support <a@example.com>\r\nBcc: everyone@example.com", "Support <a@example.com>\nX: y"],
)
def test_a_sender_with_a_line_break_is_refused_without_printing_the_break(written):
    parsed, problem = parse_address(written)
    assert parsed is None
    assert problem == f"holds a line break or another control character; {ONE_SENDER}"


# --- code never reaches a reader: pages, feeds, the email's parts ------------------------


def test_the_text_part_leaves_out_what_is_inside_script_style_template_and_noscript():
    html = (
        "<p>Before.</p><script>var secret = 1;</script><style>p { color: red }</style>"
        "<template><p>Template text.</p></template><noscript><p>No script.</p></noscript>"
        "<p>After.</p>"
    )
    assert html_to_text(html) == "Before.\n\nAfter.\n"


CODE_ELEMENTS = {"script", "iframe", "object", "embed", "base", "meta", "animate", "set"}
SCRIPT_SCHEME = re.compile(r"\s*(?:javascript|vbscript):", re.IGNORECASE)


def code_in(markup: str) -> list[str]:
    """Every element, handler and address in `markup` a browser would run or load."""
    found = []
    for tag in BeautifulSoup(markup, "html.parser").find_all(True):
        if tag.name in CODE_ELEMENTS:
            found.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                found.append(f"{name}= on <{tag.name}>")
            elif SCRIPT_SCHEME.match(" ".join(value) if isinstance(value, list) else value):
                found.append(f"{name}={value!r} on <{tag.name}>")
    return found


def feed_bodies(site) -> dict[str, str]:
    """The HTML of every entry of every feed, by feed and entry."""
    bodies = {}
    for path in site.files():
        if path.suffix == ".json" and path.name != "status.json":  # status.json is no feed
            for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
                bodies[f"{path.name} {item['id']}"] = item.get("content_html", "")
        elif path.name.endswith(".xml"):
            tree = ElementTree.parse(path)
            for number, element in enumerate(tree.iter()):
                if element.tag.rpartition("}")[2] in ("content", "description", "summary"):
                    bodies[f"{path.name} {number}"] = element.text or ""
    return bodies


def html_part(message: bytes) -> str:
    parsed = BytesParser(policy=policy.default).parsebytes(message)
    return parsed.get_body(("html",)).get_content()


def test_code_in_a_post_or_email_is_removed_from_pages_feeds_and_the_eml_and_reported(
    build_test_data, caplog
):
    site = build_test_data("code_in_posts", SITEURL="https://example.org")
    page = str(site.html("/posts/everything-that-runs-code/").article)
    eml = site.path("/emails/apology.eml").read_bytes()
    assert code_in(page) == []
    assert code_in(str(BeautifulSoup(html_part(eml), "html.parser").body)) == []
    bodies = feed_bodies(site)
    assert any("Hover here." in body for body in bodies.values())
    assert {where: code_in(body) for where, body in bodies.items() if code_in(body)} == {}
    element = (
        "element would run code or load another page in the reader's browser (feeds and mail "
        "clients have no Content-Security-Policy) and was removed; link to what it showed instead"
    )
    link = (
        "would run code in the reader's browser and was removed; link to an http:// or "
        "https:// address instead"
    )
    handler = "would run code in the reader's browser and was removed"
    post, email = "content/posts/payloads.md", "content/emails/apology.md"
    assert errors_logged(caplog) == sorted(
        [
            f"{email}: line 9: the onerror= attribute of <img> {handler}",
            f"{email}: line 11: the <iframe> {element}",
            f'{email}: line 13: the link to "javascript:alert(22)" {link}',
            f"{post}: line 15: the <animate> {element}",
            f"{post}: line 17: the <set> {element}",
            f"{post}: line 19: the <meta> {element}",
            f'{post}: line 21: the link to "javascript:alert(4)" {link}',
            f'{post}: line 23: the link to "javascript:alert(5)" {link}',
            f'{post}: line 25: the link to "vbscript:alert(6)" {link}',
            f"{post}: line 27: the <iframe> {element}",
            f"{post}: line 29: the onerror= attribute of <img> {handler}",
            f"{post}: line 31: the <object> {element}",
            f"{post}: line 33: the <embed> {element}",
            f"{post}: line 35: the <base> {element}",
            f"{post}: line 37: the onmouseover= attribute of <p> {handler}",
            f"{post}: line 39: the <script> {element}",
        ]
    )
    # What authors ordinarily write stays: a table, images, details and summary.
    html = site.html("/posts/everything-that-runs-code/")
    assert html.find("table") and html.find("details").summary.get_text() == "More"
    assert [img["alt"] for img in html.select("article img")] == [
        "A chart of bookings",
        "Chart again",
    ]
    assert "Text after." in page and "alert(13)" not in page


def test_a_removed_address_or_handler_is_reported_with_its_control_characters_shown_not_sent():
    markup = '<a href="javascript:alert(1)\x1b[2J">x</a><p on\x07click="x">y</p>'
    reported = [finding.what for finding in without_script_links(markup)[1]]
    assert reported == [
        'the link to "javascript:alert(1)\\x1b[2J"',
        "the on\\x07click= attribute of <p>",
    ]


# --- contact details are masked in quotes, and found in any published file ---------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("mail josé@exämple.de", "mail j***@exämple.de"),
        ("mail user@xn--exmple-cua.de", "mail u***@xn--exmple-cua.de"),
        ("(mailto:jane%40customer.example)", "(mailto:j***@customer.example)"),
        ("jane&#64;customer.example", "j***@customer.example"),
        ("call 555\u2013123\u20134567", "call ***\u2013***\u2013**67"),
        ("call 555/123/4567", "call ***/***/**67"),
        ("call 555\u00a0123\u00a04567", "call ***\u00a0***\u00a0**67"),
        ("call 555\u202f123\u202f4567", "call ***\u202f***\u202f**67"),
        ("2025-12-01 555-123-4567", "2025-12-01 ***-***-**67"),
        ("555-123-4567 / 555-123-4568", "***-***-**67 / ***-***-**68"),
    ],
)
def test_contact_details_are_masked_however_they_are_written(written, shown):
    assert mask_contact_details(written)[0] == shown


@pytest.mark.parametrize("written", ["on 2025/12/01", "on 2025.12.01", "on 01/12/2025"])
def test_a_date_written_with_slashes_or_dots_is_not_taken_for_a_phone_number(written):
    assert mask_contact_details(written) == (written, [])


def test_a_quote_never_shows_a_contact_detail_however_written_and_the_scan_finds_them_in_a_post(
    tmp_path,
):
    content, output = tmp_path / "content", tmp_path / "output"
    shutil.copytree(TEST_DATA / "contact_details_written_oddly", content)
    with pytest.raises(BuildStopped) as stopped:
        build(project_settings(content, output, "publishconf.py"), check=True)
    found = sorted(
        (problem.path.rpartition("/")[2], problem.field, problem.message.split()[0])
        for problem in stopped.value.problems
        if "is not a sender address" in problem.message
    )
    assert found == [
        ("body.md", "line 6", "bob@customer.example"),
        ("body.md", "line 6", "josé@exämple.de"),
        ("body.md", "line 6", "user@xn--exmple-cua.de"),
    ]
    build(project_settings(content, output), check=False)
    quotes = BuiltSite(output).html("/posts/quotes/").article
    text = str(quotes)
    for detail in ("josé@", "user@", "jane", "4567", "4568", "4569", "4570"):
        assert detail not in text


def test_a_style_that_loads_code_is_removed_from_pages_feeds_and_the_eml_and_reported(
    build_test_data, caplog
):
    site = build_test_data("style_that_loads_code", SITEURL="https://example.org")
    page = str(site.html("/posts/a-styled-note/").article)
    eml = html_part(site.path("/emails/styled-email.eml").read_bytes())
    for where, markup in {"page": page, "eml": eml, **feed_bodies(site)}.items():
        styles = [tag["style"] for tag in BeautifulSoup(markup, "html.parser").find_all(style=True)]
        assert not [s for s in styles if "alert" in s or "svg" in s or "\\" in s], where
    assert '<p style="color: #036">Kept as written.</p>' in page
    assert "Hidden in a background." in page and "Written with CSS escapes." in page
    post, email = "content/posts/styled.md", "content/emails/styled-email.md"
    loads = "(it loads code) would run code in the reader's browser and was removed"
    assert errors_logged(caplog) == sorted(
        [
            f"{post}: line 7: the style= attribute of <p> {loads}",
            f"{post}: line 9: the style= attribute of <p> {loads}",
            f"{post}: line 11: the style= attribute of <p> {loads}",
            f"{email}: line 9: the style= attribute of <p> {loads}",
        ]
    )
