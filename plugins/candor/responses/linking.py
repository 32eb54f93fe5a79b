"""Responses on their posts: report what the Markdown found, link each quote, count outcomes.

Adds to templates, on every post and page (empty when it quotes nobody):
- `article.responses`: the post's `QuotedResponse`s in reading order, each with
  `post` (the article that quotes it) and `url` (its place in that article);
- `article.response_tally`: a `ResponseCount` per outcome present, in a fixed
  order, each with its `phrase` ("13 thank-you replies").

Problems go to the build's problem log with the field `line N` (they stop
`make publish`); each masked email address or phone number is logged as a
warning with its file and line, so the author knows what readers will not see.
"""

from __future__ import annotations

from typing import NamedTuple

from ..build.contents import read_by
from ..build.problems import BuildState, ProblemLog
from .channels import OUTCOMES


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
        content.responses = list(getattr(content, "responses", []))
        if content.responses:
            url = content.url  # Pelican works it out from the settings on each access
            for response in content.responses:
                response.post = content
                response.url = f"{url}#{response.anchor}"
        content.response_tally = tally_outcomes(content.responses)


def link_responses(generator, state: BuildState) -> None:
    """Posts read and pages read: posts and pages, drafts and hidden ones included,
    may quote customers."""
    link_responses_to(read_by(generator), state.problems)
