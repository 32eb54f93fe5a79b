"""A page per kind of post: `/kinds/<kind>/` lists its published posts, newest first.

Adds to templates, on every page: `kind_pages`, {kind slug: `KindPage`} with the
kind (`PostKind`), its `url` and its `posts`; empty when the pages are switched
off, so a template links to them only when they exist. Each page is written with
the theme's `kind.html`, which also gets `kind_page`, the one it shows.
Also `kind_links`: one `KindLink` per kind, in display order, with its `kind`,
`count` of published posts and `url` (empty without kind pages), so lists show
each kind with its count without counting in the template.
Settings: `CANDOR_KIND_URL` and `CANDOR_KIND_SAVE_AS` (empty: no kind pages),
both with `{kind}`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.generators import Generator

from .post_kinds import KINDS, PostKind


@dataclass
class KindPage:
    kind: PostKind
    url: str
    save_as: str
    posts: list = field(default_factory=list)


@dataclass(frozen=True)
class KindLink:
    kind: PostKind
    count: int
    url: str


class KindPagesGenerator(Generator):
    def generate_context(self) -> None:
        save_as = self.settings["CANDOR_KIND_SAVE_AS"]
        by_kind = self.context.get("articles_by_kind", {})
        self.kind_pages = {
            slug: KindPage(
                kind,
                self.settings["CANDOR_KIND_URL"].format(kind=slug),
                save_as.format(kind=slug),
                by_kind.get(slug, []),
            )
            for slug, kind in KINDS.items()
            if save_as
        }
        self.context["kind_pages"] = self.kind_pages
        self.context["kind_links"] = [
            KindLink(
                kind,
                len(by_kind.get(slug, [])),
                self.kind_pages[slug].url if slug in self.kind_pages else "",
            )
            for slug, kind in KINDS.items()
        ]

    def generate_output(self, writer) -> None:
        template = self.get_template("kind")
        for kind_page in self.kind_pages.values():
            writer.write_file(
                kind_page.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=kind_page.url,
                page_name=kind_page.save_as.rpartition("/")[0],
                kind_page=kind_page,
            )
