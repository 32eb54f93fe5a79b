"""Text every feature shares: no build phase of its own.

timestamps.py    reading times from fields
shown_times.py   the one format of each purpose a time is shown in
urls.py          absolute and relative addresses, the public base address
plain_text.py    the text part of an email, from its HTML
markdown_code.py which lines of Markdown are code
source_lines.py  the line of a source file that wrote a piece of rendered text
"""
