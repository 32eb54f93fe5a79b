"""HTML as readable plain text: the text part of an email, and the text of a sent email.

Paragraphs, headings and list items become paragraphs, quotes keep a `> ` prefix,
preformatted text stays as written, and links are written out after their text
("the write-up (https://...)"), so the text reads on its own. Lines are wrapped
at 72 characters.

One pass of the standard library's HTMLParser, with no tree: building a
BeautifulSoup tree and wrapping with `textwrap` was most of the time it took to
write a build's email messages. End tags close what a browser would close: an
omitted `</p>` or `</li>` ends where the next paragraph, item or list end does.
"""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser

WIDTH = 72
# Each starts a paragraph of its own; any other element is part of the text around it.
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
LISTS = {"ul", "ol"}
# Where text is gathered: a paragraph (or the page), a list item, a link, preformatted text.
GATHERING = {"block", "item", "link", "pre"}
# Elements that have no end tag, so are never waited for.
# What is inside these is never text for a reader: code, styles, markup kept for later.
HIDDEN = {"script", "style", "template", "noscript"}
# Where a `<br>` was, until a paragraph is wrapped: each side is wrapped on its own. The
# reader refuses control characters in content, so no text holds one.
BREAK = "\x00"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def html_to_text(html: str) -> str:
    """Readable plain text: paragraphs, lists and quotes kept, links written out."""
    writer = PlainTextWriter()
    writer.feed(str(html))  # as a plain string: Markup would re-wrap every slice
    writer.close()
    return writer.text()


def wrap(text: str, indent: str = "", first: str = "", width: int = WIDTH) -> str:
    """Single-spaced `text` in lines of at most `width`, unless one word is longer.

    What `textwrap.fill` does for such text without breaking words or at hyphens,
    a line at a time instead of a word at a time; a test holds the two to the same
    result. `first` starts the first line ("- "), and the others are indented to match.
    """
    lines = []
    prefix, follow = indent + first, indent + " " * len(first)
    while text:
        room = max(width - len(prefix), 0)
        if len(text) <= room:
            lines.append(prefix + text)
            break
        cut = text.rfind(" ", 0, room + 1)
        if cut < 0:  # a first word too long for the line has the line to itself
            cut = text.find(" ")
            if cut < 0:
                lines.append(prefix + text)
                break
        lines.append(prefix + text[:cut])
        text = text[cut + 1 :]
        prefix = follow
    return "\n".join(lines)


def wrap_lines(text: str, indent: str = "", first: str = "") -> str:
    """`text` single-spaced and wrapped, with a line end wherever a `<br>` was."""
    lines = [" ".join(line.split()) for line in text.split(BREAK)]
    while lines and not lines[-1]:  # a `<br>` that ends a paragraph adds no line
        lines.pop()
    while lines and not lines[0]:  # nor one that starts it
        lines.pop(0)
    follow = " " * len(first)
    return "\n".join(
        wrap(line, indent, first if number == 0 else follow) for number, line in enumerate(lines)
    )


class Open:
    """An element being read: what kind it is, its prefix, and the text gathered in it."""

    __slots__ = ("tag", "kind", "prefix", "text", "marker", "items", "gatherer")

    def __init__(self, tag: str, kind: str, prefix: str, marker: str = "", parent=None):
        self.tag = tag
        self.kind = kind  # "block", "list", "item", "link", "pre" or "inline"
        self.prefix = prefix  # "> " for each quote it is in
        self.text: list[str] = []
        self.marker = marker  # a list item's "- " or "3. "; a link's address
        self.items = 0  # a list's items so far
        # Where text inside it goes: itself, nowhere (between a list's items), or
        # wherever its parent's text goes (an inline element).
        if kind in GATHERING:
            self.gatherer = self
        elif kind == "list":
            self.gatherer = None
        else:
            self.gatherer = parent.gatherer if parent else None


class PlainTextWriter(HTMLParser):
    """Gathers paragraphs while the parser reads; `text()` joins them.

    Inside a link, a list item or preformatted text, every element is part of that
    text (a list in a list item joins its item); elsewhere each block element is a
    paragraph, with `> ` added for each quote it is in.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.open = [Open("", "block", "")]  # the page itself is the outermost block
        self.hidden = 0  # how many HIDDEN elements the parser is inside

    def text(self) -> str:
        """Everything read, as paragraphs; what the HTML left open ends here."""
        self.close_down_to(1)
        self.end(self.open[0])
        return "\n\n".join(p for p in self.paragraphs if p.strip()) + "\n"

    def gatherer(self) -> Open | None:
        """Where text goes now: None between a list's items, which is no item's text."""
        return self.open[-1].gatherer

    def add(self, text: str) -> None:
        gatherer = self.gatherer()
        if gatherer is not None:
            gatherer.text.append(text)

    def flush(self, block: Open) -> None:
        if not block.text:
            return
        text = "".join(block.text)
        block.text.clear()
        if text.replace(BREAK, " ").strip():
            self.paragraphs.append(wrap_lines(text, block.prefix))

    def end(self, element: Open) -> None:
        """What an element adds once it closes."""
        if element.kind == "block":
            self.flush(element)
        elif element.kind == "item":
            text = "".join(element.text)
            self.paragraphs.append(wrap_lines(text, element.prefix, element.marker))
        elif element.kind == "pre":
            self.paragraphs.append(textwrap.indent("".join(element.text), element.prefix))
        elif element.kind == "link":
            text, href = "".join(element.text), element.marker
            self.add(href if text.strip() in (href, "") else f"{text} ({href})")

    def close_down_to(self, index: int) -> None:
        """Close every open element from the innermost to the one at `index`."""
        while len(self.open) > index:
            self.end(self.open.pop())

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        if self.hidden:
            return
        if tag == "li":
            self.end_open_item()
        gatherer = self.gatherer()
        running_text = gatherer is not None and gatherer.kind != "block"
        if tag == "a" and not (gatherer and gatherer.kind == "pre"):
            href = dict(attrs).get("href") or ""
            if href:
                self.push(tag, "link", marker=href)
                return
        if tag == "img":
            if not (gatherer and gatherer.kind == "pre"):
                self.add(f"[{dict(attrs).get('alt') or 'image'}]")
            return
        if tag == "br":  # a line break the author wrote: kept, where wrapping would lose it
            self.add("\n" if gatherer and gatherer.kind == "pre" else BREAK)
            return
        if tag in VOID:
            return
        if running_text:
            if tag in BLOCKS or tag in LISTS:
                self.add(" ")  # a paragraph or list inside an item: words apart
            self.push(tag, "inline")
            return
        if tag in BLOCKS or tag in LISTS:
            self.end_open_paragraph()
        parent = self.open[-1]
        if tag == "li" and parent.kind == "list":
            parent.items += 1
            marker = f"{parent.items}. " if parent.tag == "ol" else "- "
            self.push(tag, "item", marker=marker)
        elif tag in LISTS:
            self.flush_gatherer()
            self.push(tag, "list")
        elif tag == "pre":
            self.flush_gatherer()
            self.push(tag, "pre")
        elif tag in BLOCKS:
            self.flush_gatherer()
            self.push(tag, "block", quote=tag == "blockquote")
        else:
            self.push(tag, "inline")

    def end_open_item(self) -> None:
        """A new item ends the last one of its list, when its `</li>` was left out."""
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == "li":
                self.close_down_to(index)
                return
            if self.open[index].tag in LISTS:
                return

    def end_open_paragraph(self) -> None:
        """A new paragraph or list ends an open `p`, when its `</p>` was left out."""
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == "p":
                self.close_down_to(index)
                return
            if self.open[index].kind != "inline":
                return

    def flush_gatherer(self) -> None:
        gatherer = self.gatherer()
        if gatherer is not None and gatherer.kind == "block":
            self.flush(gatherer)

    def push(self, tag: str, kind: str, marker: str = "", quote: bool = False) -> None:
        parent = self.open[-1]
        prefix = parent.prefix + ("> " if quote else "")
        self.open.append(Open(tag, kind, prefix, marker, parent))

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open `tag` and all still open inside it; a stray end tag
        closes nothing."""
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
            return
        if self.hidden:
            return
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                self.close_down_to(index)
                return

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.add(data)
