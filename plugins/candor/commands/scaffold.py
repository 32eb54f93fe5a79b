"""`make new`: a new post or email with every field of its kind, ready to fill in.

Optional fields sit in an HTML comment under the header; move a line up into the
header to use it. Candor strips HTML comments from what it publishes, so the
notes never reach readers. Nothing is ever overwritten.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from ..kinds.post_kinds import KINDS

NEW_KINDS = (*KINDS, "email")

LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() splits on

# File systems allow 255 bytes a name; an address this long is unreadable anyway.
SLUG_LENGTH = 80

OPTIONAL_NOTE = "Optional fields: move a line above the first blank line to use it."
# A post's feed id is minted from its file name at its first publish (feeds/entry_ids.py).
RENAME_NOTE = (
    "Rename the file now if you like: after the first make publish, a new name keeps the "
    "post's feed id only if the post has a Uid: field (one is ready in the optional fields)."
)

POST_FIELDS = {
    "thank-you": ("", ""),
    "incident": (
        "State: investigating\n"
        "Started: {now}\n"
        "Detected: {now}\n"
        "Resolved:\n"
        "Severity: minor\n"
        "Affected: 1+ customers\n"
        "Impact: one line on what customers saw\n"
        "Systems: {system}\n",
        "",
    ),
    "responses": ("", ""),
    "maintenance": (
        "Starts: {now}\nEnds: {an_hour_later}\nSystems: {system}\n",
        "",
    ),
}

POST_BODIES = {
    "thank-you": "Say thank you: who, for what, and what it meant to us.\n",
    "incident": (
        "## What happened\n\nIn plain words, what customers saw and why.\n\n"
        "## Who was affected\n\nWho, how many, and what it meant for them.\n\n"
        "## Timeline\n\n- {now} — We noticed the problem.\n\n"
        "## What we are changing\n\n- One concrete change.\n"
    ),
    "responses": (
        "What customers told us, quoted with their consent (see the README for the\n"
        "`::: response` syntax).\n"
    ),
    "maintenance": (
        "What customers will notice while the work goes on, and what they can do meanwhile.\n"
    ),
}


class ScaffoldError(Exception):
    pass


def first_system(settings: dict) -> str:
    """The first system the site declares, as a start for `Systems:`; "email" without any."""
    systems = settings.get("CANDOR_SYSTEMS") or ()
    first = systems[0] if systems else None
    return first["name"] if isinstance(first, dict) and "name" in first else "email"


def now_in(timezone_name: str) -> datetime:
    return datetime.now(ZoneInfo(timezone_name)).replace(second=0, microsecond=0)


def written_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M ") + moment.tzinfo.key


def short_slug(slug: str) -> str:
    """A slug a file name and an address can hold: a long title is cut at a word."""
    if len(slug) <= SLUG_LENGTH:
        return slug
    return slug[: SLUG_LENGTH + 1].rsplit("-", 1)[0] or slug[:SLUG_LENGTH]


def new_post(kind: str, title: str, settings: dict) -> tuple[str, str]:
    """(file name under the first ARTICLE_PATH, text) of a new post of `kind`."""
    if not title.strip():
        raise ScaffoldError('TITLE is empty; run: make new KIND=thank-you TITLE="Thank you"')
    if any(character in title for character in LINE_BREAKS):
        # A second line would become a field of its own (`Slug: ../../index`).
        raise ScaffoldError(
            "TITLE: a title is one line; remove the line break and run make new again"
        )
    now = now_in(settings["TIMEZONE"])
    slug = short_slug(slugify(title, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", [])))
    fields, _ = POST_FIELDS[kind]
    header = (
        f"Title: {title.strip()}\nDate: {now:%Y-%m-%d %H:%M}\nKind: {kind}\nSlug: {slug}\n"
        + fields.format(
            now=written_time(now),
            an_hour_later=written_time(now + timedelta(hours=1)),
            system=first_system(settings),
        )
    )
    optional = (
        f"<!-- {OPTIONAL_NOTE}\n"
        "Summary: one or two sentences for the index and the feeds\n"
        "Tags: comma, separated\n"
        "Email: <slug of the email sent with this post>\n"
        "Modified: <when the content changed in substance>\n"
        "Status: draft\n"
        "Uid: urn:uuid:" + str(uuid.uuid4()) + "\n"
        "-->\n"
    )
    body = POST_BODIES[kind].format(now=written_time(now))
    return f"{now:%Y-%m-%d}-{slug}.md", f"{header}\n{optional}\n{body}"


def post_slugs(posts_folder: str) -> set[str]:
    """Slugs of the posts on disk: a `Slug:` field, or the file name Pelican would use."""
    slugs = set()
    for name in os.listdir(posts_folder) if os.path.isdir(posts_folder) else []:
        if not name.endswith(".md"):
            continue
        with open(os.path.join(posts_folder, name), encoding="utf-8", errors="replace") as f:
            header = f.read(4000).split("\n\n", 1)[0]
        found = re.search(r"^Slug:\s*(\S+)", header, re.M | re.I)
        title = re.search(r"^Title:\s*(.+)$", header, re.M | re.I)
        if found:
            slugs.add(found[1])
        elif title:
            slugs.add(slugify(title[1].strip()))
    return slugs


def new_email(post_slug: str, settings: dict, posts_folder: str) -> tuple[str, str]:
    """(file name under the emails folder, text) of a draft email for post `post_slug`."""
    known = post_slugs(posts_folder)
    if post_slug not in known:
        raise ScaffoldError(
            f'POST="{post_slug}" is not the slug of a post in {posts_folder}; '
            f"use one of: {', '.join(sorted(known)) or '(no posts yet)'}"
        )
    now = now_in(settings["TIMEZONE"])
    sender = settings.get("CANDOR_DEFAULT_SENDER") or f"{settings['AUTHOR']} <you@example.com>"
    text = (
        "Subject: The subject line, exactly as it will be sent\n"
        "Status: draft\n"
        f"From: {sender}\n"
        "Audience: who receives it, in words\n"
        "Recipients: 1\n"
        f"Post: {post_slug}\n"
        f"Slug: {post_slug}-email\n"
        "\n"
        f"<!-- {OPTIONAL_NOTE}\n"
        "When it is sent, remove Status: draft and add the time it went out:\n"
        f"Sent: {written_time(now)}\n"
        "Reply-To: where replies should go\n"
        "Once sent, the text stays as sent; if it was wrong, add a dated note (any number):\n"
        f"Correction: {written_time(now)} — what was wrong, and what is right\n"
        "-->\n\n"
        "Hello,\n\nWrite the email exactly as customers will read it.\n"
    )
    return f"{now:%Y-%m-%d}-{post_slug}-email.md", text


def write_new_file(folder: str, name: str, text: str) -> str:
    """Create `folder/name`; refuse if it exists. Returns the path written."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    try:
        with open(path, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists; nothing was written. Choose another TITLE, or edit that file"
        ) from None
    return path


def create(kind: str, title: str, post: str, settings: dict) -> str:
    """`make new`: write the new file and return its path; `ScaffoldError` says what to fix."""
    kind = kind.strip().lower()
    if kind not in NEW_KINDS:
        raise ScaffoldError(
            f'KIND="{kind}" is not something to create; use one of: {", ".join(NEW_KINDS)}. '
            'Example: make new KIND=thank-you TITLE="Thank you"'
        )
    content = settings["PATH"]
    posts_folder = os.path.join(content, (settings.get("ARTICLE_PATHS") or [""])[0])
    if kind == "email":
        if not post.strip():
            raise ScaffoldError("POST is empty; run: make new KIND=email POST=<post slug>")
        name, text = new_email(post.strip(), settings, posts_folder)
        folder = os.path.join(content, settings["CANDOR_EMAILS_PATH"])
    else:
        name, text = new_post(kind, title, settings)
        folder = posts_folder
    return write_new_file(folder, name, text)
