"""Emails keep their lines: one line break in an email's body is a line break.

Emails are written line by line (a greeting, a signature of name then company),
and nobody writing one expects Markdown's rule that a single line break is a
space unless the line ends in two spaces. Python-Markdown's own `nl2br`
extension turns each into `<br />`; it is added to the Markdown settings of the
email generator's readers only, so posts and pages keep Markdown's rules. The
text part and the ledger's text follow from the HTML (plain_text.py keeps a
`<br>` as a line end).
"""

from __future__ import annotations

from pelican.readers import MarkdownReader

LINE_BREAKS = "markdown.extensions.nl2br"


def with_line_breaks(settings: dict) -> dict:
    """The same settings, with `nl2br` among the Markdown extensions."""
    markdown = dict(settings.get("MARKDOWN") or {})
    extensions = list(markdown.get("extensions", []))
    if LINE_BREAKS not in extensions:
        extensions.append(LINE_BREAKS)
    markdown["extensions"] = extensions
    # A shallow copy: the build's state and everything else stay the very same objects.
    return {**settings, "MARKDOWN": markdown}


def keep_line_breaks(readers) -> None:
    """Make every Markdown reader of `readers` (the email generator's own) keep line breaks."""
    for reader in readers.readers.values():
        if isinstance(reader, MarkdownReader):
            reader.settings = with_line_breaks(reader.settings)
