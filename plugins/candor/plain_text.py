"""HTML as readable plain text: the text part of an email, and the text of a sent email.

Paragraphs, headings and list items become paragraphs, quotes keep a `> ` prefix,
preformatted text stays as written, and links are written out after their text
("the write-up (https://...)"), so the text reads on its own. Lines are wrapped
at 72 characters.

One pass of the standard library's HTMLParser, with no tree: building a
BeautifulSoup tree and wrapping with `textwrap` was most of the time it took to
write a build's email messages.
"""

from __future__ import annotations

import textwrap
from html.parser import HTMLParser

WIDTH = 72
# Each starts a paragraph of its own; any other element is part of the text around it.
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
LISTS = {"ul", "ol"}
# Elements that have no end tag, so are never waited for.
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
        room = width - len(prefix)
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


class Block:
    """A paragraph-level element being read: its prefix and the text gathered so far."""

    __slots__ = ("tag", "prefix", "pending")

    def __init__(self, tag: str, prefix: str):
        self.tag = tag
        self.prefix = prefix
        self.pending: list[str] = []


class PlainTextWriter(HTMLParser):
    """Gathers paragraphs while the parser reads; `text()` joins them.

    Inside a link, a list item or preformatted text, every element is part of that
    text (a list in a list item joins its item); elsewhere each block element is a
    paragraph, with `> ` added for each quote it is in.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.blocks = [Block("", "")]
        self.lists: list[list] = []  # per open list: [tag, items so far, its block depth]
        self.item: list[str] | None = None  # the text of the list item being read
        self.item_marker = ""
        self.item_depth = 0  # elements open inside the list item
        self.links: list[tuple[str, list[str]]] = []  # (href, text so far) per open link
        self.preformatted: list[str] | None = None
        self.pre_depth = 0

    def text(self) -> str:
        """Everything read, as paragraphs; what the HTML left open ends here."""
        if self.item is not None:
            self.end_item()
        if self.preformatted is not None:
            self.end_preformatted()
        while len(self.blocks) > 1:
            self.end_block()
        self.flush(self.blocks[0])
        return "\n\n".join(p for p in self.paragraphs if p.strip()) + "\n"

    # Where text goes: the open link, the list item, the preformatted text or the block.
    def add(self, text: str) -> None:
        if self.links:
            self.links[-1][1].append(text)
        elif self.preformatted is not None:
            self.preformatted.append(text)
        elif self.item is not None:
            self.item.append(text)
        elif not self.lists or len(self.blocks) > self.lists[-1][2]:
            self.blocks[-1].pending.append(text)
        # Text between a list's items is not part of any item.

    def flush(self, block: Block) -> None:
        text = " ".join("".join(block.pending).split())
        block.pending.clear()
        if text:
            self.paragraphs.append(wrap(text, block.prefix))

    def end_block(self) -> None:
        block = self.blocks.pop()
        self.flush(block)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a" and self.preformatted is None:
            href = dict(attrs).get("href") or ""
            if href:
                self.links.append((href, []))
                return
        if tag == "img":
            if self.preformatted is None:
                self.add(f"[{dict(attrs).get('alt') or 'image'}]")
            return
        if tag == "br":
            self.add("\n")
            return
        if tag in VOID:
            return
        if self.preformatted is not None:
            self.pre_depth += 1
        elif self.item is not None:
            self.item_depth += 1
            if tag in BLOCKS or tag in LISTS:
                self.item.append(" ")  # a paragraph or list inside an item: words apart
        elif self.links:
            pass
        elif tag in LISTS:
            self.flush(self.blocks[-1])
            self.lists.append([tag, 0, len(self.blocks)])
        elif tag == "li" and self.lists and len(self.blocks) == self.lists[-1][2]:
            entry = self.lists[-1]
            entry[1] += 1
            self.item, self.item_marker, self.item_depth = [], self.marker(entry), 0
        elif tag == "pre":
            self.flush(self.blocks[-1])
            self.preformatted, self.pre_depth = [], 0
        elif tag == "blockquote":
            self.flush(self.blocks[-1])
            self.blocks.append(Block(tag, self.blocks[-1].prefix + "> "))
        elif tag in BLOCKS:
            self.flush(self.blocks[-1])
            self.blocks.append(Block(tag, self.blocks[-1].prefix))

    @staticmethod
    def marker(entry: list) -> str:
        return f"{entry[1]}. " if entry[0] == "ol" else "- "

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, words = self.links.pop()
            text = "".join(words)
            self.add(href if text.strip() in (href, "") else f"{text} ({href})")
        elif tag in VOID:
            return
        elif self.preformatted is not None:
            if self.pre_depth:
                self.pre_depth -= 1
            elif tag == "pre":
                self.end_preformatted()
        elif self.item is not None:
            if self.item_depth:
                self.item_depth -= 1
            elif tag == "li":
                self.end_item()
        elif self.links:
            return  # inside a link, as at its start: part of the link's text
        elif tag in LISTS and self.lists:
            self.lists.pop()
        elif tag in BLOCKS and len(self.blocks) > 1 and self.blocks[-1].tag == tag:
            self.end_block()

    def end_preformatted(self) -> None:
        text, self.preformatted = "".join(self.preformatted), None
        self.paragraphs.append(textwrap.indent(text, self.blocks[-1].prefix))

    def end_item(self) -> None:
        text = " ".join("".join(self.item).split())
        self.item = None
        self.paragraphs.append(wrap(text, self.blocks[-1].prefix, self.item_marker))

    def handle_data(self, data: str) -> None:
        self.add(data)
