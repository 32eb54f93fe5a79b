"""Responses on their posts: report what the Markdown found, link each quote, count outcomes.

Adds to templates, on every post and page (empty when it quotes nobody):
- `article.responses`: the post's `QuotedResponse`s in reading order, each with
  `post` (the article that quotes it) and `url` (its place in that article);
- `article.response_tally`: a `ResponseCount` per outcome present, in a fixed
  order, each with its `phrase` ("13 thank-you replies"); or, when the post states
  its totals (`Replies:`, stated_totals.py), two: the stated totals ("16 replies:
  13 thanked us, 3 asked to be removed", outcome `stated`) and the quotes ("7
  quoted below", outcome `quoted`). Templates print the phrases joined by " · ".

Also makes `articles_by_kind["responses"]` every published post that quotes
customers, whatever its kind, besides the round-ups (kind `responses`): the
responses page, its feed and its count on the index then list the posts whose
quotes are on the wall. A post keeps its own kind, its badge and its kind's feed.

Problems go to the build's problem log with the field `line N` (they stop
`make publish`); each masked email address or phone number is logged as a
warning with its file and line, so the author knows what readers will not see.
"""

from __future__ import annotations

from typing import NamedTuple

from ..build.contents import read_by
from ..build.problems import BuildState, ProblemLog
from .channels import OUTCOMES
from .stated_totals import FIELD, read_stated_totals, stated_below_quoted


class ResponseCount(NamedTuple):
    outcome: str
    count: int
    phrase: str


def tally_outcomes(responses) -> list[ResponseCount]:
    """One count per outcome that occurs, in the order OUTCOMES lists them."""
    tally = []
    for outcome, (one, many) in OUTCOMES.items():
        count = sum(1 for r in responses if r.outcome == outcome)
        if count:
            tally.append(
                ResponseCount(outcome, count, (one if count == 1 else many).format(n=count))
            )
    return tally


def link_responses_to(contents: list, problems: ProblemLog) -> None:
    for content in contents:
        for finding in getattr(content, "response_findings", []):
            if finding.is_problem:
                problems.add(content.source_path, f"line {finding.line}", finding.message)
            else:
                problems.warn(content.source_path, f"line {finding.line}", finding.message)
        report_pending(content, problems)
        content.responses = list(getattr(content, "responses", []))
        if content.responses:
            url = content.url  # Pelican works it out from the settings on each access
            for response in content.responses:
                response.post = content
                response.url = f"{url}#{response.anchor}"
        content.response_tally = response_tally(content, problems)


def report_pending(content, problems: ProblemLog) -> None:
    """`make html` and `make publish` say, per file, how many imported replies wait for
    approval; a pending block is never published, so it stops nothing."""
    pending = getattr(content, "pending_responses", [])
    if not pending:
        return
    count = len(pending)
    lines = ", ".join(str(p.line) for p in pending)
    problems.warn(
        content.source_path,
        "Status",
        f"{count} repl{'y' if count == 1 else 'ies'} pending approval (lines {lines}), not "
        "published; to approve one, delete its `Status: pending` line",
    )
    for waiting in pending:
        if waiting.needs_translation:
            problems.warn(
                content.source_path,
                f"line {waiting.line}",
                "pending reply not in the site's language: write its translation below "
                "`--- translation` before approving it",
            )


def response_tally(content, problems: ProblemLog) -> list[ResponseCount]:
    """The stated totals and the number quoted, or, without (good) stated totals, the
    quotes counted by outcome."""
    value = content.metadata.get(FIELD.lower())
    if value is None:
        return tally_outcomes(content.responses)
    stated, problem = read_stated_totals(value)
    if stated is not None:
        problem = stated_below_quoted(stated, content.responses)
    if problem:
        problems.add(content.source_path, FIELD, problem)
        return tally_outcomes(content.responses)
    tally = [ResponseCount("stated", stated.total, stated.phrase)]
    if content.responses:
        quoted = len(content.responses)
        tally.append(ResponseCount("quoted", quoted, f"{quoted:,} quoted below"))
    return tally


def link_responses(generator, state: BuildState) -> None:
    """Posts read and pages read: posts and pages, drafts and hidden ones included,
    may quote customers."""
    link_responses_to(read_by(generator), state.problems)


def list_posts_that_quote_customers(generator, state: BuildState) -> None:
    """Posts read (after the kinds and the quotes): the responses kind lists every
    published post that quotes customers, in the order of the post lists."""
    by_kind = generator.context.get("articles_by_kind")
    if by_kind is None or "responses" not in by_kind:
        return
    by_kind["responses"] = [
        post
        for post in generator.articles
        if getattr(post, "kind", None) == "responses" or getattr(post, "responses", None)
    ]
