"""Linking posts and emails both ways, and the checks that keep them consistent.

A post names its email with `Email: <email slug>`; an email names its post with
`Post: <post slug>`. Either side is enough; when both are given they must agree.
Each name becomes a claim; claims are grouped by post and by email with
dictionaries, so linking costs one pass over posts and one over emails.

Sets `article.email` (an `EmailAnnouncement` or None) on every post and
`email.post` (an `Article` or None) on every email.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..build.problems import ProblemLog, display_path


@dataclass(frozen=True)
class Claim:
    post_slug: str
    email_slug: str
    source_path: str  # the file that made the claim
    field: str  # "Email" (on a post) or "Post" (on an email)

    def describe(self, root: str | None) -> str:
        name = self.email_slug if self.field == "Email" else self.post_slug
        return f"{display_path(self.source_path, root)} ({self.field}: {name})"


def link_posts_and_emails(
    posts: list, post_drafts: list, emails: list, email_drafts: list, problems: ProblemLog
) -> None:
    post_by_slug = {post.slug: post for post in posts}
    email_by_slug = {email.slug: email for email in emails}
    draft_post_slugs = {post.slug for post in post_drafts}
    draft_email_slugs = {email.slug for email in email_drafts}
    for post in posts:
        post.email = None
    for email in emails:
        email.post = None

    claims: list[Claim] = []
    for post in posts:
        named = post.metadata.get("email")
        if not named:
            continue
        named = str(named).strip()
        if named in email_by_slug:
            claims.append(Claim(post.slug, named, post.source_path, "Email"))
        elif named in draft_email_slugs:
            problems.add(
                post.source_path,
                "Email",
                f'names "{named}", which is still a draft; publish the email first '
                "or remove the Email field",
            )
        else:
            problems.add(
                post.source_path,
                "Email",
                f'names "{named}", but there is no email with that slug; '
                f"use one of: {', '.join(sorted(email_by_slug)) or '(no emails yet)'}",
            )
    for email in emails:
        named = email.post_slug
        if not named:
            continue
        if named in post_by_slug:
            claims.append(Claim(named, email.slug, email.source_path, "Post"))
        elif named in draft_post_slugs:
            problems.add(
                email.source_path,
                "Post",
                f'names "{named}", which is still a draft post; publish the post '
                "or remove the Post field",
            )
        else:
            problems.add(
                email.source_path,
                "Post",
                f'names "{named}", but there is no post with that slug; '
                "use the slug of the post that tells this email's story",
            )

    by_post: dict[str, list[Claim]] = defaultdict(list)
    by_email: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_post[claim.post_slug].append(claim)
        by_email[claim.email_slug].append(claim)

    conflicted: set[Claim] = set()
    for post_slug, post_claims in by_post.items():
        partners = {c.email_slug for c in post_claims}
        if len(partners) > 1:
            report_conflict(problems, f'post "{post_slug}"', "emails", post_claims)
            conflicted.update(post_claims)
    for email_slug, email_claims in by_email.items():
        partners = {c.post_slug for c in email_claims}
        if len(partners) > 1:
            report_conflict(problems, f'email "{email_slug}"', "posts", email_claims)
            conflicted.update(email_claims)

    for claim in claims:
        if claim in conflicted:
            continue
        post, email = post_by_slug[claim.post_slug], email_by_slug[claim.email_slug]
        post.email, email.post = email, post
        modified = getattr(post, "modified", None)
        email.post_modified_after_sent = bool(modified and email.sent and modified > email.sent)


def report_conflict(problems: ProblemLog, subject: str, partners: str, claims: list[Claim]):
    """One problem per claim in the conflict, each naming the others."""
    for claim in claims:
        others = "; ".join(c.describe(problems.root) for c in claims if c != claim)
        problems.add(
            claim.source_path,
            claim.field,
            f"{subject} is linked to two {partners}: this file and {others}. "
            "A post has one email and an email one post: make them name the same partner",
        )
