"""Post kinds: a post says what kind of news it is (thank-you, incident, responses, maintenance).

Adds to templates:
- `article.kind`: one of `KINDS` (normalised to lower case), or None for a plain post;
- `article.kind_label`: the kind as a reader reads it ("Thank-you note"), or None;
- `article.post_kind`: the `PostKind` (None for a plain post), which names the
  theme's partials for it:
  `partial` (`partials/kind/<slug>.html`, shown above the post's body) and
  `page_partial` (`partials/kind_page/<slug>.html`, shown atop the kind's page) and
  `summary_partial` (`partials/summary/<slug>.html`, the post in a list; a theme
  falls back to its general summary); a theme includes them with `ignore missing`,
  so a kind needs a partial only when it shows something of its own, and a new
  kind needs no template change;
- `articles_by_kind`: {kind: [published articles, newest first]} for every kind,
  empty lists included, so a template can loop without checking;
- `POST_KINDS`: the kinds in display order, each a `PostKind`.

Settings: a post without `Kind:` gets `CANDOR_DEFAULT_KIND` (None: it stays a plain
post, as it was before the plugin); `CANDOR_STRICT_CONTENT = True` makes a missing
`Kind:` a problem instead (the kit turns it on; a site adopting the plugin need not).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..build.contents import read_by
from ..build.problems import BuildState


@dataclass(frozen=True)
class PostKind:
    slug: str
    label: str
    plural: str

    @property
    def partial(self) -> str:
        return f"partials/kind/{self.slug}.html"

    @property
    def page_partial(self) -> str:
        return f"partials/kind_page/{self.slug}.html"

    @property
    def summary_partial(self) -> str:
        return f"partials/summary/{self.slug}.html"


KINDS: dict[str, PostKind] = {
    kind.slug: kind
    for kind in (
        PostKind("thank-you", "Thank-you note", "Thank-you notes"),
        PostKind("incident", "Incident write-up", "Incident write-ups"),
        PostKind("responses", "Customer responses", "Customer responses"),
        PostKind("maintenance", "Maintenance window", "Maintenance windows"),
    )
}
ALLOWED = ", ".join(KINDS)


def check_kind(metadata_kind: object) -> tuple[str | None, str | None]:
    """Return (kind, None) for a valid kind, or (None, what to do) for anything else."""
    if is_missing(metadata_kind):
        return None, f"missing; every post needs one of: {ALLOWED}"
    kind = str(metadata_kind).strip().lower()
    if kind not in KINDS:
        return None, f'"{metadata_kind}" is not a post kind; use one of: {ALLOWED}'
    return kind, None


def is_missing(metadata_kind: object) -> bool:
    return metadata_kind is None or not str(metadata_kind).strip()


def check_default_kind(settings: dict) -> tuple[str | None, str | None]:
    """(CANDOR_DEFAULT_KIND as a kind or None, None), or (None, what to write instead)."""
    default = settings.get("CANDOR_DEFAULT_KIND")
    if default is None:
        return None, None
    kind, error = check_kind(default)
    if error:
        return None, f"is {default!r}; write None (a plain post) or one of: {ALLOWED}"
    return kind, None


def assign_post_kinds(generator, state: BuildState) -> None:
    """Check and normalise `Kind:` on every post, drafts and hidden ones included."""
    problems = state.problems
    default, error = check_default_kind(generator.settings)
    if error:
        problems.add("settings", "CANDOR_DEFAULT_KIND", error, fatal=True)
    required = generator.settings["CANDOR_STRICT_CONTENT"]
    for post in read_by(generator):
        written = post.metadata.get("kind")
        if is_missing(written) and (default or not required):
            kind, error = default, None
        else:
            kind, error = check_kind(written)
        if error:
            problems.add(post.source_path, "Kind", error, fatal=True)
            continue
        post.kind = kind
        post.post_kind = KINDS[kind] if kind else None
        post.kind_label = KINDS[kind].label if kind else None

    by_kind: dict[str, list] = {slug: [] for slug in KINDS}
    for post in generator.articles:
        if getattr(post, "kind", None) in by_kind:
            by_kind[post.kind].append(post)
    generator.context["articles_by_kind"] = by_kind
    generator.context["POST_KINDS"] = list(KINDS.values())


# What a post in a list is shown with when its kind has no summary partial of its own.
GENERAL_SUMMARY = "partials/post_summary.html"


def choose_partials(generator, state: BuildState) -> None:
    """Give every post the theme's partials for its kind that exist: `kind_partial`
    (or None) and `summary_partial` (or the general summary).

    Decided once per build from the templates the theme has: Jinja caches the
    templates it finds but not the ones it misses, so an `ignore missing` include
    of a partial most kinds lack would look for it on disk again for every post
    of every list page.
    """
    available = set(generator.env.list_templates())
    for post in read_by(generator):
        kind = getattr(post, "post_kind", None)
        partial = kind.partial if kind else None
        summary = kind.summary_partial if kind else None
        post.kind_partial = partial if partial in available else None
        post.summary_partial = summary if summary in available else GENERAL_SUMMARY
