"""Email announcements, kept as content beside the posts and linked both ways to them.

announcement.py  the content type, its fields read and checked
generator.py     the generator: web versions, the archive, the `.eml` files
line_breaks.py   one line break in an email is a line break (posts keep Markdown's)
message.py       the message as sent: headers, text and HTML parts
message_cache.py send-ready messages kept in Pelican's cache between builds
linking.py       each post linked to its email and back; conflicts reported
"""

from __future__ import annotations

from ..build.phases import Build, Feature
from . import linking
from .generator import EmailGenerator


def link_posts_and_emails(build: Build) -> None:
    context = build.context
    linking.link_posts_and_emails(
        context["articles"] + context["hidden_articles"],
        context["drafts"],
        context["emails"],
        context["email_drafts"],
        build.state.problems,
    )


FEATURE = Feature("emails", generators=(EmailGenerator,), links=(link_posts_and_emails,))
