"""Quoted text is untrusted: every hostile payload comes out inert, in pages and in feeds.

The payloads follow the families of the OWASP XSS filter evasion cheat sheet
(script tags, event handlers, `javascript:`/`data:` URLs and their encodings,
styles, frames, objects, meta refreshes, broken markup, Markdown links). One site
is built with one post per payload, with the Atom feed on, and every page and
every feed entry is checked.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import BuiltSite, build_site

QUOTE_PAYLOADS = [
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;"
    "&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert('XSS')\">"
    "hex</a>",
    "<a href=\"jav\tascript:alert('XSS');\">tab</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">newline</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">spaces</a>",
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=//xss.example/.j>",
    "<iframe src=https://xss.example/scriptlet.html <",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<svg/onload=alert('XSS')>",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,'
    'PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">styled</DIV>",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">expression</DIV>",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3'
    'ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciPjwvc3ZnPg==" AllowScriptAccess="always">'
    "</EMBED>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "[markdown link](javascript:alert('XSS'))",
    "[mixed case](JaVaScRiPt:alert(1))",
    "![markdown image](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>opened</details>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<form action=javascript:alert(1)><button>go</button></form>",
]

# Payloads in the other fields: each is escaped as text, or rejected with a problem.
FIELD_PAYLOADS = [
    ("Name", "<script>alert('XSS')</script>"),
    ("Name", '"><svg onload=alert(1)>'),
    ("Name", "<img src=x onerror=alert(1)>"),
    ("Source", "javascript:alert('XSS')"),
    ("Source", "https://x.example/\" onmouseover=\"alert('XSS')"),
    ("Source", "https://x.example/<script>alert(1)</script>"),
    ("Source", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("Date", "<script>alert(1)</script>"),
    ("Language", '"><script>alert(1)</script>'),
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "background", "poster", "data"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
FORBIDDEN_TAGS = [
    "script", "iframe", "frame", "frameset", "style", "object", "embed", "applet",
    "base", "svg", "math", "form", "input", "button", "img", "noscript",
]  # fmt: skip


def quote_post(number: int, payload: str) -> str:
    return (
        f"Title: Payload {number}\nDate: 2025-12-01 10:{number:02d}\nKind: responses\n"
        f"Slug: quote-{number}\n\nBefore.\n\n"
        f"::: response\nChannel: x\nSource: https://x.example/1\n\n{payload}\n:::\n\n"
        f"::: response\nChannel: social\nLanguage: de\n\nOriginal.\n\n--- translation\n"
        f"{payload}\n:::\n"
    )


def field_post(number: int, field: str, payload: str) -> str:
    return (
        f"Title: Field payload {number}\nDate: 2025-12-02 10:{number:02d}\nKind: responses\n"
        f"Slug: field-{number}\n\n"
        f"::: response\nConsent: yes\nChannel: social\nLanguage: de\n{field}: {payload}\n\n"
        f"A harmless quote.\n\n--- translation\nA harmless translation.\n:::\n"
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> BuiltSite:
    posts = tmp_path_factory.mktemp("hostile") / "posts"
    posts.mkdir()
    for number, payload in enumerate(QUOTE_PAYLOADS):
        (posts / f"quote-{number}.md").write_text(quote_post(number, payload), encoding="utf-8")
    for number, (field, payload) in enumerate(FIELD_PAYLOADS):
        text = field_post(number, field, payload)
        (posts / f"field-{number}.md").write_text(text, encoding="utf-8")
    output = tmp_path_factory.mktemp("hostile-output")
    # Every post in the feeds, so every payload is checked there too.
    feeds = {"SITEURL": "https://example.org", "FEED_MAX_ITEMS": None}
    return BuiltSite(build_site(posts.parent, output, **feeds))


def is_theme_csp(tag) -> bool:
    """The theme's own Content-Security-Policy, in the head: it only takes powers away."""
    equiv = str(tag.get("http-equiv", "")).lower()
    return equiv == "content-security-policy" and tag.parent.name == "head"


def is_theme_icon(tag) -> bool:
    return tag.get("rel") == ["icon"] and tag.parent.name == "head"


def is_theme_share_head(tag) -> bool:
    """The canonical address and the JSON-LD data block the theme puts in the head
    (share/head.py): neither is loaded nor run, and the JSON-LD escapes every `<`."""
    if tag.parent is None or tag.parent.name != "head":
        return False
    if tag.name == "script":
        return tag.get("type") == "application/ld+json" and "<" not in tag.get_text()
    return tag.name == "link" and tag.get("rel") == ["canonical"]


def live_markup(html: str, where: str) -> list[str]:
    """Everything in `html` that a browser would run, load or restyle."""
    found = []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        if is_theme_share_head(tag):
            continue
        if tag.name in FORBIDDEN_TAGS:
            found.append(f"{where}: <{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv") and not is_theme_csp(tag):
            found.append(f"{where}: <meta http-equiv>")
        rel = tag.get("rel")
        if (
            tag.name == "link"
            and rel not in (["stylesheet"], ["alternate"])
            and not is_theme_icon(tag)
        ):
            found.append(f"{where}: <link rel={tag.get('rel')}>")
        for name, value in tag.attrs.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"{where}: {name}= on <{tag.name}>")
            if name.lower() in URL_ATTRIBUTES:
                # What a browser's URL parser ignores: tabs and newlines anywhere,
                # control characters and spaces at either end.
                address = re.sub(r"[\t\n\r]|^[\x00-\x20]+", "", str(value))
                if DANGEROUS_SCHEME.match(address):
                    found.append(f"{where}: {name}={value!r} on <{tag.name}>")
    return found


def test_there_are_at_least_thirty_payloads():
    assert len(QUOTE_PAYLOADS) >= 30


@pytest.mark.parametrize("number", range(len(QUOTE_PAYLOADS)), ids=lambda n: f"quote-{n}")
def test_a_hostile_quote_and_translation_are_inert_on_the_post_page(hostile_site, number):
    url = f"/posts/quote-{number}/"
    assert live_markup(hostile_site.text(url), url) == []
    figures = hostile_site.html(url).select("figure.response")
    assert len(figures) == 2, "both responses are still shown, made harmless"


@pytest.mark.parametrize("number", range(len(FIELD_PAYLOADS)), ids=lambda n: f"field-{n}")
def test_a_hostile_name_source_date_or_language_is_escaped_or_rejected(hostile_site, number):
    url = f"/posts/field-{number}/"
    assert live_markup(hostile_site.text(url), url) == []


def test_no_page_of_the_hostile_site_has_live_markup(hostile_site):
    pages = [p for p in hostile_site.files() if p.suffix == ".html"]
    assert len(pages) > len(QUOTE_PAYLOADS)
    found = []
    for page in pages:
        found += live_markup(page.read_text(encoding="utf-8"), str(page.name))
    assert found == []


def test_every_entry_of_the_atom_feed_is_inert(hostile_site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(hostile_site.path("/feeds/all.atom.xml"))
    entries = feed.getroot().findall(f"{atom}entry")
    assert len(entries) == len(QUOTE_PAYLOADS) + len(FIELD_PAYLOADS)
    found = []
    for entry in entries:
        title = entry.findtext(f"{atom}title")
        for part in ("content", "summary"):
            found += live_markup(entry.findtext(f"{atom}{part}") or "", f"{title} {part}")
    assert found == []


def test_every_item_of_the_rss_and_json_feeds_is_inert(hostile_site):
    channel = ET.parse(hostile_site.path("/feeds/all.rss.xml")).getroot().find("channel")
    items = channel.findall("item")
    json_items = json.loads(hostile_site.text("/feeds/all.json"))["items"]
    assert len(items) == len(json_items) == len(QUOTE_PAYLOADS) + len(FIELD_PAYLOADS)
    found = []
    for item in items:
        found += live_markup(item.findtext("description") or "", item.findtext("title"))
    for item in json_items:
        # JSON Feed's `summary` is plain text by the spec: only content_html is markup.
        found += live_markup(item["content_html"], item["title"])
    assert found == []
