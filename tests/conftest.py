"""Shared fixtures: real Pelican builds of small content folders into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from candor.commands.cli import build

PROJECT = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "test_data"


def project_settings(content: Path, output: Path, conf: str = "pelicanconf.py", **overrides):
    """The project's own settings, pointed at another content and output folder."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), **overrides}
    return read_settings(str(PROJECT / conf), override=override)


def build_site(content: Path, output: Path, conf: str = "pelicanconf.py", **overrides) -> Path:
    """Build `content` into `output` the way `python -m candor build` does; return `output`.

    That is Pelican's own run, staged, followed by saving the ledger when the
    settings allow it (publishconf.py): the plugin itself never writes it.
    """
    build(project_settings(content, output, conf, **overrides))
    return output


class BuiltSite:
    """A built site, read the way a reader would: by address."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, url: str) -> Path:
        target = self.root / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def text(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def html(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url), "html.parser")

    def files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def pages(self) -> list[Path]:
        """The theme's HTML pages: not the raw HTML part of an email preview."""
        return [p for p in self.files() if p.suffix == ".html" and not is_email_html_part(p)]


def is_email_html_part(path: Path) -> bool:
    # Development builds preview each email's HTML part as emails/<slug>/preview/message.html.
    return path.name == "message.html" and path.parent.name == "preview"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuiltSite:
    """The project's sample content, built once per test session."""
    output = tmp_path_factory.mktemp("sample-site")
    return BuiltSite(build_site(PROJECT / "content", output))


@pytest.fixture
def build_test_data(tmp_path):
    """Build one folder of tests/test_data (copied, so tests may edit it)."""

    builds = iter(range(1000))

    def build(case: str, conf: str = "pelicanconf.py", **overrides) -> BuiltSite:
        # The first build of a test uses tmp/content and tmp/output; later ones get
        # their own folders, so one test can compare two builds.
        suffix = next(builds) or ""
        content = tmp_path / f"content{suffix}"
        shutil.copytree(TEST_DATA / case, content)
        return BuiltSite(build_site(content, tmp_path / f"output{suffix}", conf, **overrides))

    return build
