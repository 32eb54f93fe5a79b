"""Text every feature shares: no build phase of its own.

timestamps.py    reading times from fields, and the ways they are shown
urls.py          absolute and relative addresses, the public base address
plain_text.py    the text part of an email, from its HTML
markdown_code.py which lines of Markdown are code
"""
