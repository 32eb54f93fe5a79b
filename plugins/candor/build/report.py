"""The build report: what was built and what needs the author's attention.

At the end of every build (the `finalized` signal), printed on the terminal:
posts by kind, emails linked and unlinked, responses by channel, then every
error and warning with its file and field or line. Counting happens once,
when everything has been read. On a terminal, a build of more than a few
hundred files also shows how far reading has got.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from dataclasses import dataclass, field

from .problems import BuildState, build_state, visible

logger = logging.getLogger("candor")

# Show progress only where it helps: large builds, on a terminal.
PROGRESS_FROM = 300
PROGRESS_EVERY = 100


@dataclass
class BuildSummary:
    posts_by_kind: dict[str, int] = field(default_factory=dict)
    emails_linked: int = 0
    emails_unlinked: int = 0
    responses_by_channel: dict[str, int] = field(default_factory=dict)


def summarize(context: dict) -> BuildSummary:
    kinds = Counter(getattr(post, "kind", None) for post in context["articles"])
    emails = context.get("emails", [])
    linked = sum(1 for email in emails if email.post is not None)
    channels = Counter(
        response.channel_label
        for content in context["articles"] + context.get("pages", [])
        for response in getattr(content, "responses", [])
    )
    # Every kind, in display order, as the kinds feature listed them (zero counts too).
    posts_by_kind = {kind.slug: kinds.get(kind.slug, 0) for kind in context.get("POST_KINDS", [])}
    if kinds.get(None):  # posts without a kind (CANDOR_DEFAULT_KIND = None)
        posts_by_kind["plain"] = kinds[None]
    return BuildSummary(
        posts_by_kind=posts_by_kind,
        emails_linked=linked,
        emails_unlinked=len(emails) - linked,
        responses_by_channel=dict(channels.most_common()),
    )


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def summary_lines(summary: BuildSummary) -> list[str]:
    posts = sum(summary.posts_by_kind.values())
    by_kind = ", ".join(f"{kind}: {count}" for kind, count in summary.posts_by_kind.items())
    emails = summary.emails_linked + summary.emails_unlinked
    responses = sum(summary.responses_by_channel.values())
    by_channel = ", ".join(f"{label}: {n}" for label, n in summary.responses_by_channel.items())
    lines = [
        f"Posts: {posts} ({by_kind})",
        f"Emails: {emails} ({summary.emails_linked} linked to a post, "
        f"{summary.emails_unlinked} without one)",
        f"Responses: {responses}" + (f" ({by_channel})" if by_channel else ""),
    ]
    return lines


def print_report(state: BuildState) -> None:
    """Errors and warnings (as log records, one per line), then the counts."""
    for problem in sorted(state.problems.problems):
        logger.error("%s", problem)
    for warning in sorted(state.problems.warnings):
        logger.warning("%s", warning)
    if state.summary is None:
        return
    errors, warnings = len(state.problems.problems), len(state.problems.warnings)
    lines = summary_lines(state.summary)
    lines.append(f"{plural(errors, 'error')}, {plural(warnings, 'warning')}")
    # Channel labels come from the content: shown, never run by the terminal.
    print("Candor build report\n  " + "\n  ".join(map(visible, lines)), file=sys.stderr)


def show_progress(content) -> None:
    """`content_object_init`: count what is read; on a terminal, say so now and then."""
    context = getattr(content, "_context", None)
    if not context:
        return
    state = build_state(context)
    state.files_read += 1
    count = state.files_read
    if count >= PROGRESS_FROM and count % PROGRESS_EVERY == 0 and sys.stderr.isatty():
        print(f"\rRead {count} files...", end="", file=sys.stderr, flush=True)
