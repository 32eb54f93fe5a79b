"""Where Candor's Markdown steps run among Python-Markdown's own: one table.

Python-Markdown runs preprocessors from the highest priority down. Its own that
matter here: `normalize_whitespace` (30) cleans line ends and keeps line numbers
as in the file; `meta` (27) takes the header away; `html_block` (20) takes raw
HTML out of the text. Candor's steps all run between 30 and 27, while every line
is still where the author wrote it, so each problem they find names the right
line, and in this order among themselves:
"""

from __future__ import annotations

PREPROCESSORS = {
    # First: a note to a colleague never reaches any other step (nor a quote or a field).
    "candor_author_notes": 29.5,
    # `::: response` blocks become quotes before the header is read, so a block's
    # `Name:` line is never mistaken for a header field.
    "candor_responses": 29,
    # Where each header field is written, before `meta` takes the header away.
    "candor_header": 28,
}
