"""Which lines of a Markdown text are code, for the preprocessors that run before Markdown knows.

Candor's preprocessors (author notes, response blocks) run before Python-Markdown
finds fenced and indented code, so they must tell code apart themselves: a
`<!-- note -->` or a `::: response` written inside code is an example to show,
not something to act on. One pass over the lines, as Python-Markdown reads them:

- a fence (three or more ``` or ~~~, indented at most three spaces) opens a block
  that the same character, at least as many times, closes; an unclosed fence runs
  to the end, as in Python-Markdown's `fenced_code`;
- a line indented four spaces (or a tab) after a blank line is indented code,
  unless it continues a list item, which takes the same indentation.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]")
INDENTED = re.compile(r"^(?:[ ]{4}|[ ]{0,3}\t)")


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether Markdown will show it as code."""
    is_code = [False] * len(lines)
    fence = ""  # the open fence, if any
    in_list = indented_code = False
    previous_blank = True
    for number, line in enumerate(lines):
        blank = not line.strip()
        if fence:
            is_code[number] = True
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = ""
        elif (opening := FENCE.match(line)) and not (indented_code and INDENTED.match(line)):
            fence = opening["fence"]
            is_code[number] = True
            indented_code = False
        elif INDENTED.match(line) and not blank:
            indented_code = indented_code or (previous_blank and not in_list)
            is_code[number] = indented_code
        elif blank:
            is_code[number] = indented_code  # a blank line inside indented code
        else:
            indented_code = False
            if LIST_ITEM.match(line):
                in_list = True
            elif previous_blank:
                in_list = False
        previous_blank = blank
    return is_code
