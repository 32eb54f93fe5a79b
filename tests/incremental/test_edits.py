"""The edit table: after each kind of edit, a build that reuses unchanged pages gives
the same site, byte for byte, as a full build of the edited content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jinja2.exceptions import UndefinedError

from candor.commands.cli import build
from candor.incremental import page_cache
from conftest import PROJECT, project_settings, status_now

INCIDENT = "posts/2025-12-01-duplicate-emails.md"
THANKS = "posts/2025-11-26-thank-you.md"
RESPONSES = "posts/2025-12-08-what-you-told-us.md"
EMAIL = "emails/2025-12-01-apology.md"


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path.name}"
    path.write_text(changed, encoding="utf-8")


class Site:
    """The sample content, a theme and a page cache of its own, in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.theme = root / "theme"
        shutil.copytree(PROJECT / "content", self.content)
        shutil.copytree(PROJECT / "theme", self.theme)
        self.settings: dict = {}

    def build(self, output: str, cached: bool) -> Path:
        out = self.root / output
        overrides = {"CACHE_PATH": str(self.root / "cache"), **self.settings}
        overrides["THEME"] = str(self.theme)
        build(project_settings(self.content, out, CANDOR_PAGE_CACHE=cached, **overrides))
        return out

    def edit(self, path: str, pattern: str, new: str) -> None:
        replace(self.content / path, pattern, new)


EDITS = {
    "body": lambda site: site.edit(THANKS, r"\Z", "\nOne more sentence, added later.\n"),
    "title": lambda site: site.edit(THANKS, r"^Title: .*$", "Title: A renamed thank-you"),
    "tag": lambda site: site.edit(INCIDENT, r"^Tags: .*$", "Tags: email, incident, workflows"),
    "date": lambda site: site.edit(THANKS, r"^Date: .*$", "Date: 2025-12-09 10:00"),
    "kind": lambda site: site.edit(THANKS, r"^Kind: .*$", "Kind: responses"),
    "email link": lambda site: site.edit(
        EMAIL, r"^Post: .*$", "Post: thank-you-for-a-year-of-meetings"
    ),
    "response": lambda site: site.edit(RESPONSES, "Short, clear, and you owned it.", "Clear."),
    "incident state": lambda site: site.edit(INCIDENT, r"^State: .*$", "State: monitoring"),
    "template": lambda site: replace(
        site.theme / "templates" / "article.html", r"\{% endblock %\}", "{% endblock %}<!-- x -->"
    ),
    "setting": lambda site: site.settings.update(SITENAME="Tandem Rooms, renamed"),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_rebuild_after_an_edit_gives_the_same_site_as_a_full_build(edit, tmp_path, capsys):
    site = Site(tmp_path)
    site.build("site", cached=True)  # fills the cache
    capsys.readouterr()
    EDITS[edit](site)
    rebuilt = site.build("site", cached=True)
    reused = re.search(r"Page cache: (\d+) pages reused", capsys.readouterr().err)
    full = site.build("full", cached=False)
    assert files(rebuilt) == files(full)
    if edit in REUSING:
        assert reused and int(reused.group(1)) > 0, "pages that do not show the edit are reused"


# Edits after which some pages of the sample are reused; after the others, every page of
# so small a site looks up a value that changed (the posts in a new order, say).
REUSING = ("body", "title", "tag", "email link", "incident state")


def test_a_rebuild_a_minute_later_reuses_every_page_the_time_does_not_change(tmp_path, capsys):
    """Every build but the tests' runs at the clock's time: a cache keyed on the status
    board's "as of" (which the navigation of every page looked at) reused nothing."""
    site = Site(tmp_path)
    with status_now("2025-12-10 12:00 America/New_York"):
        site.build("site", cached=True)
    capsys.readouterr()
    with status_now("2025-12-10 12:01 America/New_York"):
        site.build("site", cached=True)
        said = capsys.readouterr().err
        full = site.build("full", cached=False)
    assert files(tmp_path / "site") == files(full)
    reused, rendered = map(int, re.search(r"(\d+) pages reused, (\d+) rendered", said).groups())
    # /status/ says "as of" the new time; the home page shows the board's condition.
    assert rendered <= 2, said


def test_the_thank_you_post_has_the_slug_the_email_link_edit_names():
    assert "Slug: thank-you-for-a-year-of-meetings" in (PROJECT / "content" / THANKS).read_text()


def test_a_build_that_stops_leaves_the_site_and_the_cache_usable(tmp_path):
    site = Site(tmp_path)
    before = files(site.build("site", cached=True))
    site.edit(THANKS, r"\Z", "\nA sentence.\n")
    template = site.theme / "templates" / "article.html"
    working = template.read_text()
    # Fails as the post pages render: some pages are already written, and kept.
    template.write_text(
        working.replace("{% endblock %}", "{{ article.nowhere() }}{% endblock %}", 1)
    )
    with pytest.raises(UndefinedError):
        site.build("site", cached=True)
    assert files(tmp_path / "site") == before
    template.write_text(working)
    assert files(site.build("site", cached=True)) == files(site.build("full", cached=False))


def test_a_cache_folder_that_cannot_be_written_gives_a_full_build_and_says_so(tmp_path, capsys):
    site = Site(tmp_path)
    (tmp_path / "not-a-folder").write_text("a file where the cache would go")
    site.settings["CACHE_PATH"] = str(tmp_path / "not-a-folder")
    cached = site.build("site", cached=True)
    assert "Page cache: cannot write" in capsys.readouterr().err
    assert files(cached) == files(site.build("full", cached=False))


def test_a_damaged_index_is_ignored_and_the_pages_rendered(tmp_path, monkeypatch):
    site = Site(tmp_path)
    site.build("site", cached=True)
    index = tmp_path / "cache" / "candor-pages" / "index.json"
    damaged = index.read_text().replace('"names": [', '"names": [7, ', 1)
    index.write_text(damaged)
    monkeypatch.setattr(page_cache, "MEMORY", {})  # read from disk, as a new process does
    site.edit(THANKS, r"^Title: .*$", "Title: A renamed thank-you")
    assert files(site.build("site", cached=True)) == files(site.build("full", cached=False))


def test_an_index_entry_whose_key_names_a_file_outside_the_cache_never_removes_it(
    tmp_path, monkeypatch
):
    # Found by the red team: the index's keys name the kept pages the next build prunes;
    # an absolute path (or `..`) as a key made the build delete that file.
    site = Site(tmp_path)
    site.build("site", cached=True)
    victim = tmp_path / "precious.txt"
    victim.write_text("not the cache's")
    index = tmp_path / "cache" / "candor-pages" / "index.json"
    hostile = json.loads(index.read_text())
    for n, key in enumerate([str(victim), "../../precious.txt"]):
        hostile["pages"][f"made-up-{n}.html"] = {"names": [], "shows": [], "key": key}
    index.write_text(json.dumps(hostile))
    monkeypatch.setattr(page_cache, "MEMORY", {})  # read from disk, as a new process does
    site.build("site", cached=True)
    assert victim.read_text() == "not the cache's"
