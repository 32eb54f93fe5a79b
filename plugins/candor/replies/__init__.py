"""Customers' replies brought in from a mailbox or an export, as pending `::: response` blocks.

incoming.py        one reply as read from its source, and the problem that stops an import
sources.py         an mbox file, a folder of .eml files, or a CSV export, read into replies
csv_replies.py     the CSV export: its columns, its encodings, formula cells refused
mail_text.py       the customer's own words: quotes, reply headers, signatures, HTML removed
suggestions.py     the language (py3langid, offline) and the outcome suggested for each reply
blocks_written.py  a reply as a pending block: no name without consent, contact details masked
into_post.py       the post's blocks and stated totals read, the new post written atomically
importing.py       one import planned whole: new replies as blocks, duplicates skipped

The command is `python -m candor import-replies` (commands/replies.py, make
import-replies). Importing adds no build steps, so this package has no
`Feature`; a pending block is kept off the site by responses/markdown.py.
"""
