"""What authors write, read safely: the checked reader, author notes, links that run
code or leave the content folder, and `make new`.

reading.py       the checked Markdown reader; where each header field is written
reused_markdown.py  one Markdown instance per reader, made ready for each file
fast_markdown.py    plain Markdown by pulldown-cmark, the same HTML as Python-Markdown's
author_notes.py  HTML comments removed, one by one, before anything reads the text
confinement.py   nothing outside the content folder is read, by a link or a symbolic link
confined_rst.py  the same for reStructuredText's own file reads
script_links.py  code in a body or summary, removed and reported
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import confined_rst, confinement, reading, script_links
from .author_notes import AuthorNotes


def use_readers(readers, metadata_steps: tuple) -> None:
    reading.use_checked_reader(readers, reading.checked_reader(*metadata_steps))
    confined_rst.use_confined_rst_reader(readers)


def remove_code(build: Build) -> None:
    for content in build.contents:
        script_links.remove_script_links(content, build.state.problems)


FEATURE = Feature(
    "authoring",
    readers=(use_readers,),
    markdown=(lambda settings: AuthorNotes(), lambda settings: reading.HeaderFields()),
    each_generator=(confinement.confine_file_search,),
    each_content=(confinement.remove_links_leaving_content,),
    checks=(remove_code,),
)
