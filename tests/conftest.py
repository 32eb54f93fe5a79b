"""Shared fixtures: real Pelican builds of small content folders into temporary folders.

Two layers. `build_test_data` builds a site the way `make html` does and reads it by
address: for what a reader sees. `read_test_data` runs the same Pelican with the same
plugin over the same folder but stops before anything is written: every file read,
linked and checked, the problems reported, the context the templates would get. It
is several times faster, for the rules that do not need a page to show them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import signals
from pelican.settings import read_settings

from candor.build.read_only import read_without_writing
from candor.commands.cli import build

PROJECT = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "test_data"

# Every build in the tests, in this process and in the `make` and `candor` processes they
# start, works out "right now" (/status/, the banner) for this one time: two builds of the
# same content give the same bytes, and the sample's 90-day rows show its incident and
# its maintenance. Tests of other times set their own (status_now below).
SESSION_NOW = "2025-12-10 12:00 America/New_York"
os.environ["CANDOR_NOW"] = SESSION_NOW


@contextlib.contextmanager
def status_now(now: str):
    """Builds inside see `now` as CANDOR_NOW (the environment wins over the setting)."""
    os.environ["CANDOR_NOW"] = now
    try:
        yield
    finally:
        os.environ["CANDOR_NOW"] = SESSION_NOW


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


@pytest.fixture(scope="session", autouse=True)
def the_project_content_is_left_as_it_was():
    """No test may write into the project: a publish of content/ saves its ledger there."""
    before = {p: p.read_bytes() for p in (PROJECT / "content").rglob("*") if p.is_file()}
    yield
    after = {p: p.read_bytes() for p in (PROJECT / "content").rglob("*") if p.is_file()}
    changed = sorted(
        str(p.relative_to(PROJECT))
        for p in before.keys() | after.keys()
        if before.get(p) != after.get(p)
    )
    assert changed == [], f"a test changed the project's content: {changed}"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> BuiltSite:
    """The project's sample content, built once per test session."""
    output = tmp_path_factory.mktemp("sample-site")
    return BuiltSite(build_site(PROJECT / "content", output))


# Brand settings a site sets (README, "A new site: make it yours"), with the logo of
# tests/test_data/brand_site.
BRAND = {
    "CANDOR_LOGO": "images/logo.svg",
    "CANDOR_LOGO_ALT": "Tandem Rooms",
    "CANDOR_DESCRIPTION": "Tandem Rooms makes video meeting rooms for small teams.",
    "CANDOR_ACCENT": {"light": "#7a1f5c", "dark": "#f0a8d8"},
    "STATIC_PATHS": ["images"],
}


@pytest.fixture(scope="session")
def branded_site(tmp_path_factory) -> BuiltSite:
    """The sample with a logo, an accent colour and a footer line of its own."""
    content = shutil.copytree(PROJECT / "content", tmp_path_factory.mktemp("branded") / "c")
    shutil.copytree(TEST_DATA / "brand_site/images", content / "images")
    return BuiltSite(build_site(content, tmp_path_factory.mktemp("branded-site"), **BRAND))


# The systems of tests/test_data/status_site, and a time during its incident.
STATUS_SYSTEMS = [
    {"name": "Video rooms", "description": "Joining and holding meetings.", "group": "Meetings"},
    {"name": "Recordings", "description": "Recording and playing back.", "group": "Meetings"},
    {"name": "Booking", "slug": "booking", "description": "Booking pages.", "group": "Scheduling"},
]
DURING_THE_INCIDENT = "2025-12-03 10:00 -05:00"


@pytest.fixture(scope="session")
def every_severity_site(tmp_path_factory) -> BuiltSite:
    """The status site while an incident of each severity is going on: every banner,
    badge and colour of /status/ on one site, for the theme's checks."""
    folder = tmp_path_factory.mktemp("every-severity")
    content = folder / "content"
    shutil.copytree(TEST_DATA / "status_site", content)
    shutil.copytree(TEST_DATA / "status_every_severity", content, dirs_exist_ok=True)
    output = folder / "output"
    with status_now(DURING_THE_INCIDENT):
        build_site(content, output, CANDOR_SYSTEMS=STATUS_SYSTEMS)
    return BuiltSite(output)


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


class ReadSite:
    """What Pelican read from a folder, after Candor linked and checked it; nothing written."""

    def __init__(self, context: dict, output: Path):
        self.context = context
        self.output = output

    def article(self, slug: str):
        (found,) = [a for a in self.context["articles"] if a.slug == slug]
        return found

    def email(self, slug: str):
        (found,) = [e for e in self.context["emails"] if e.slug == slug]
        return found


def read_site(content: Path, output: Path, conf: str = "pelicanconf.py", **overrides) -> ReadSite:
    """Pelican's run up to the point where it would write, then its `finalized` signal.

    (candor.build.read_only); the plugin then ends its run as usual (its report, the
    problems logged). A problem that stops the build raises BuildStopped here as it does
    in a full build.
    """
    settings = project_settings(content, output, conf, **overrides)
    pelican, context, _ = read_without_writing(settings)
    signals.finalized.send(pelican)
    assert not output.exists(), "reading wrote into the output folder"
    return ReadSite(context, output)


@pytest.fixture
def read_test_data(tmp_path):
    """Read one folder of tests/test_data (copied, as build_test_data does) without writing."""

    def read(case: str, conf: str = "pelicanconf.py", **overrides) -> ReadSite:
        # Its own folder, so that a test may also build the same case with build_test_data.
        content = tmp_path / "read" / "content"
        shutil.copytree(TEST_DATA / case, content)
        return read_site(content, tmp_path / "read" / "output", conf, **overrides)

    return read


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=2) as reply:
        return reply.read().decode()


class RunningMake:
    """A `make` target that runs until stopped (devserver, regenerate), its messages in a file."""

    def __init__(self, process: subprocess.Popen, messages: Path):
        self.process = process
        self.messages = messages

    def wait_until(self, check, what: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"make exited:\n{self.messages.read_text()}"
            with contextlib.suppress(OSError):  # not served yet, or a file not written yet
                if check():
                    return
            time.sleep(0.3)
        raise AssertionError(f"no {what} within {seconds} s:\n{self.messages.read_text()}")


@contextlib.contextmanager
def running_make(target: str, *variables: str, messages: Path):
    """Run `make target variables...` in the project until the block ends."""
    with open(messages, "w") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", target, *variables],
            cwd=PROJECT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that the whole group, make and Python, can be stopped
        )
        try:
            yield RunningMake(process, messages)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


@pytest.fixture
def settings_elsewhere(tmp_path) -> Path:
    """A copy of pelicanconf.py outside the project, naming the project's theme."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    text = (PROJECT / "pelicanconf.py").read_text(encoding="utf-8")
    conf = folder / "pelicanconf.py"
    conf.write_text(f"{text}\nTHEME = {str(PROJECT / 'theme')!r}\n", encoding="utf-8")
    return conf


def change_setting(conf: Path, name: str, value) -> None:
    """Set `name` in the settings file `conf` to `value`, the way an author edits it."""
    text = conf.read_text(encoding="utf-8")
    conf.write_text(f"{text}\n{name} = {value!r}\n", encoding="utf-8")
