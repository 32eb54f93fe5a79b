"""A deterministic Candor site of N posts, for the build benchmark.

Writes `<out>/posts/*.md` (thank-you notes, incident write-ups with every field
and a timeline whose entries carry the states the incident moved through, responses
round-ups with two customer quotes each, and every tenth post a maintenance window),
`<out>/emails/*.md` (one email for every other post, linked with `Post:`) and
`<out>/pages/about.md`. The same N and seed always give the same bytes: the
words come from the lists below and one seeded `random.Random`.

    python bench/generate.py OUT [--posts 1000] [--seed 9]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from datetime import datetime, timedelta, timezone

SEED = 9
KIND_ORDER = ("thank-you", "incident", "responses")
# Every tenth post is a maintenance window instead (the others keep the order above).
MAINTENANCE_EVERY = 10
# The newest posts: only the incidents among them may still be going on.
RECENT = 12
FIRST_DATE = datetime(2012, 1, 2, 9, 0)
# Posts are about a day apart, so 4,000 of them still end years before today
# (an email "sent" in the future is a content problem); more posts than fit in
# LATEST_SPAN at that spacing come closer together, so 10,000 end before today too.
SPACING = timedelta(hours=21)
LATEST_SPAN = timedelta(days=14 * 365)


def spacing(posts: int) -> timedelta:
    """The time between two posts: SPACING, or less when `posts` would not fit."""
    return min(SPACING, LATEST_SPAN / max(posts, 1))


# Every date is written with this offset, so no time needs a zone database.
OFFSET = timezone(timedelta(hours=-5))

SUBJECTS = (
    "the room",
    "our team",
    "the mobile app",
    "screen sharing",
    "the calendar",
    "every host",
    "the support desk",
    "a teacher",
    "the captions",
    "the waiting room",
    "your feedback",
    "the meeting link",
    "a volunteer",
    "the recording",
    "the invite",
    "a book club",
    "the weekly call",
    "the billing page",
    "a customer",
    "the release",
)
VERBS = (
    "helped",
    "changed",
    "slowed",
    "improved",
    "surprised",
    "reached",
    "carried",
    "fixed",
    "welcomed",
    "answered",
    "delayed",
    "shaped",
    "opened",
    "steadied",
    "taught",
    "moved",
    "noticed",
    "rebuilt",
    "simplified",
    "explained",
)
OBJECTS = (
    "hundreds of meetings",
    "a long afternoon",
    "the first minutes of a call",
    "people on four continents",
    "every new member",
    "the quiet hours",
    "a classroom of twenty",
    "our plans for spring",
    "the shared notes",
    "a family reunion",
    "the evening shift",
    "the usual routine",
    "our roadmap",
    "three fire departments",
    "the onboarding steps",
    "a busy Monday",
)
ENDINGS = (
    "and we are grateful for it",
    "more than we expected",
    "without much fuss",
    "in a way we did not plan",
    "for the better",
    "before anyone asked",
    "with a little help from you",
    "and we wrote it down",
    "as the week went on",
    "while we watched the numbers",
    "once again",
    "after a few false starts",
)
TAGS = (
    "community",
    "email",
    "reliability",
    "mobile",
    "captions",
    "billing",
    "support",
    "calendar",
    "recordings",
    "accessibility",
    "education",
    "volunteers",
    "security",
    "performance",
    "onboarding",
    "feedback",
    "releases",
    "outage",
    "apology",
    "thanks",
)
CATEGORIES = ("News", "Product", "Community", "Operations")
SYSTEMS = (
    "Customer email",
    "Lifecycle workflows",
    "Video rooms",
    "Sign-in",
    "Billing",
    "Recordings",
    "Calendar sync",
    "Mobile app",
    "Status page",
    "Support chat",
)
IMPACTS = (
    "rooms would not open for some hosts",
    "up to 12 duplicate emails per person",
    "recordings arrived hours late",
    "sign-in failed on the first try",
    "captions lagged by half a minute",
    "invoices showed the wrong currency",
)
STATES = ("resolved", "resolved", "resolved", "resolved", "monitoring", "identified")
SEVERITIES = ("minor", "minor", "major", "critical")
NAMES = (
    "Dana K.",
    "Marcus O.",
    "a customer",
    "Jonas B.",
    "Amira S.",
    "Li W.",
    "a teacher in Ohio",
    "Teodor P.",
    "Grace N.",
    "a volunteer firefighter",
)
CHANNELS = ("by email", "on Mastodon", "in a support chat", "on the forum", "by phone")
SENDERS = (
    "Priya Raman <community@tandemrooms.example>",
    "Support team <support@tandemrooms.example>",
)


def sentence(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(ENDINGS)}"
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    text = " ".join(sentence(rng) for _ in range(sentences))
    if rng.random() < 0.3:
        # A link and some emphasis, so Markdown has more than plain text to render.
        text += f" Read *more* in [our notes](/posts/notes-{rng.randrange(100)}/)."
    return text


def prose(rng: random.Random, words: int, headings: tuple[str, ...] = ()) -> list[str]:
    """Paragraphs of about `words` words (never more), split under the given headings."""
    blocks: list[str] = []
    per_section = max(40, words // max(1, len(headings)))
    for heading in headings or ("",):
        if heading:
            blocks.append(f"## {heading}")
        section = 0
        while True:
            text = paragraph(rng, rng.randint(3, 6))
            if section and section + len(text.split()) > per_section:
                break
            blocks.append(text)
            section += len(text.split())
    return blocks


def response_markdown(quote: str, who: str) -> str:
    """One customer response in Candor's `::: response` syntax (stock Pelican reads the
    same lines as plain paragraphs, so both builds get the same words)."""
    return (
        f"::: response\nName: {who}\nConsent: yes\nChannel: email\nOutcome: thanks\n\n{quote}\n:::"
    )


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %z")[:-2] + ":" + moment.strftime("%z")[-2:]


def incident_fields(
    rng: random.Random, date: datetime, recent: bool
) -> tuple[list[str], list[str]]:
    """(header lines, timeline lines): times in order, all before the post's date.

    Only a `recent` incident may still be going on, as on a real site: an old one
    left unresolved would put a line in the banner of every page.
    """
    started = (date - timedelta(hours=rng.randint(6, 20), minutes=rng.randint(0, 59))).replace(
        tzinfo=OFFSET
    )
    detected = started + timedelta(minutes=rng.randint(2, 30))
    resolved = detected + timedelta(minutes=rng.randint(5, 180))
    state = rng.choice(STATES) if recent else "resolved"
    header = [
        f"State: {state}",
        f"Started: {stamp(started)}",
        f"Detected: {stamp(detected)}",
        f"Resolved: {stamp(resolved) if state == 'resolved' else ''}",
        f"Affected: {rng.randint(20, 5000):,}{rng.choice(('', '+'))} customers",
        f"Impact: {rng.choice(IMPACTS)}",
        f"Systems: {', '.join(rng.sample(SYSTEMS, rng.randint(1, 3)))}",
        f"Severity: {rng.choice(SEVERITIES)}",
    ]
    moments = [started, detected, detected + (resolved - detected) / 2]
    # The states the updates move through: the last is the incident's State.
    states = [None, "investigating", "identified" if state == "identified" else "monitoring"]
    if state == "resolved":
        moments.append(resolved)
        states.append("resolved")
    timeline = [f"- {stamp(started)} — {sentence(rng)}"]
    for before, moment, moved_to in zip(moments, moments[1:], states[1:], strict=False):
        # The date may be left out only while the day stays the same.
        written = f"{moment:%H:%M}" if moment.date() == before.date() else stamp(moment)
        timeline.append(f"- {written} — {moved_to} — {sentence(rng)}")
    return header, timeline


def maintenance_fields(rng: random.Random, date: datetime) -> list[str]:
    """A window of one to four hours, a few days after the post announcing it."""
    starts = (date + timedelta(days=rng.randint(2, 5))).replace(hour=2, minute=0, tzinfo=OFFSET)
    ends = starts + timedelta(hours=rng.randint(1, 4))
    return [
        f"Starts: {stamp(starts)}",
        f"Ends: {stamp(ends)}",
        f"Systems: {', '.join(rng.sample(SYSTEMS, rng.randint(1, 2)))}",
    ]


def post_text(
    rng: random.Random,
    number: int,
    kind: str,
    email_slug: str | None,
    recent: bool = False,
    gap: timedelta = SPACING,
) -> str:
    date = FIRST_DATE + number * gap
    slug = f"post-{number:05d}"
    # Aim inside 400-800 words: prose() stops short of its target, never over it.
    words = rng.randint(460, 760)
    title = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    header = [
        f"Title: {title} ({number})",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Kind: {kind}",
        f"Slug: {slug}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(1, 3)))}",
        f"Summary: {sentence(rng)}",
    ]
    if kind == "incident":
        fields, timeline = incident_fields(rng, date, recent)
        header += fields
        body = prose(rng, words - 60, ("What happened", "Who was affected"))
        body += ["## Timeline", "\n".join(timeline)]
        body += prose(rng, 60, ("What we are changing",))
    elif kind == "maintenance":
        header += maintenance_fields(rng, date)
        body = prose(rng, words // 3, ("What you will notice",))
    elif kind == "responses":
        body = prose(rng, words // 2)
        for _ in range(2):
            quote = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
            who = f"{rng.choice(NAMES)}, {rng.choice(CHANNELS)}"
            body.append(response_markdown(quote, who))
        body += prose(rng, words // 2 - 40)
    else:
        body = prose(rng, words - 40)
        body.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
    if email_slug:
        header.append(f"Email: {email_slug}")
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def email_text(rng: random.Random, number: int, gap: timedelta = SPACING) -> str:
    post_date = (FIRST_DATE + number * gap).replace(tzinfo=OFFSET)
    sent = post_date + timedelta(hours=rng.randint(1, 8))
    header = [
        f"Subject: {sentence(rng)[:-1]}",
        f"Sent: {stamp(sent)}",
        f"From: {rng.choice(SENDERS)}",
        "Reply-To: community@tandemrooms.example",
        f"Audience: Customers who used {rng.choice(SUBJECTS)} this month",
        f"Recipients: {rng.randint(50, 20000):,}",
        f"Post: post-{number:05d}",
    ]
    body = ["Hello,"] + prose(rng, rng.randint(150, 300)) + ["Priya Raman, Community Manager"]
    return "\n".join(header) + "\n\n" + "\n\n".join(body) + "\n"


def generate(out: str, posts: int, seed: int = SEED) -> dict[str, int]:
    """Write the site's content into `out` (emptied first); return what was written."""
    shutil.rmtree(out, ignore_errors=True)
    for folder in ("posts", "emails", "pages"):
        os.makedirs(os.path.join(out, folder))
    rng = random.Random(seed)
    counts = {kind: 0 for kind in KIND_ORDER} | {"maintenance": 0, "emails": 0}
    for number in range(posts):
        kind = KIND_ORDER[number % len(KIND_ORDER)]
        if number % MAINTENANCE_EVERY == MAINTENANCE_EVERY - 1:
            kind = "maintenance"
        # Every other post went out as an email too: 500 emails for 1,000 posts.
        email_slug = f"email-{number:05d}" if number % 2 == 0 else None
        recent = number >= posts - RECENT
        text = post_text(rng, number, kind, email_slug, recent, spacing(posts))
        write(os.path.join(out, "posts", f"post-{number:05d}.md"), text)
        counts[kind] += 1
        if email_slug:
            write(
                os.path.join(out, "emails", f"{email_slug}.md"),
                email_text(rng, number, spacing(posts)),
            )
            counts["emails"] += 1
    write(
        os.path.join(out, "pages", "about.md"),
        "Title: About\n\n" + "\n\n".join(prose(rng, 200)) + "\n",
    )
    return counts


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="content folder to write (emptied first)")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    counts = generate(args.out, args.posts, args.seed)
    print(", ".join(f"{count} {name}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
