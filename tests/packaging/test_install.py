"""Candor as a plugin of someone else's site: installed with pip, any theme, existing posts.

Every build here is a plain `pelican` command in its own process, as a site that
adopts the plugin runs it: Pelican's signals are process-wide, so a build without
the plugin could not share a process with one that loaded it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, TEST_DATA

# Nearly every test here runs pelican, pip or a virtual environment as a process: the
# file is left out of make test-fast as a whole.
pytestmark = pytest.mark.slow

# One moment for every file, for DEFAULT_DATE = "fs": git does not keep modification times.
FILE_TIME = 1_700_000_000  # 2023-11-14 22:13 UTC

SITE_SETTINGS = """\
SITENAME = "A site that was there before Candor"
TIMEZONE = "UTC"
"""


def clean_env() -> dict:
    # Nothing from the test run may leak in: the package must come from where it was installed.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "COLUMNS": "1000"}  # Pelican's log lines unwrapped, to be read whole


def run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=300
    )


def copy_content(case: str, target: Path) -> Path:
    shutil.copytree(TEST_DATA / case, target)
    for path in target.rglob("*"):
        os.utime(path, (FILE_TIME, FILE_TIME))
    return target


def pelican_build(pelican: list, folder: Path, settings: str) -> subprocess.CompletedProcess:
    (folder / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return run([*pelican, "content", "-s", "pelicanconf.py", "-o", "output"], folder)


def archive_entries(output: Path) -> list[tuple[str, str, str]]:
    """(date, address, title) of every article, as Pelican's default theme lists them."""
    archive = BeautifulSoup((output / "archives.html").read_text("utf-8"), "html.parser")
    dates = [dt.get_text(strip=True) for dt in archive.select("#content dl dt")]
    links = [dd.a for dd in archive.select("#content dl dd")]
    return [(date, a["href"], a.get_text(strip=True)) for date, a in zip(dates, links, strict=True)]


# --- Posts written for plain Pelican ------------------------------------------------------


PLUGIN = f'PLUGIN_PATHS = [{str(PROJECT / "plugins")!r}]\nPLUGINS = ["candor"]\n'


def plain_site_with_candor(tmp_path: Path, settings: str):
    """The plain Pelican posts built with the plugin and `settings`: (folder, the build)."""
    folder = tmp_path / "site"
    folder.mkdir()
    copy_content("plain_pelican_posts", folder / "content")
    build = pelican_build(
        [sys.executable, "-m", "pelican"], folder, SITE_SETTINGS + PLUGIN + settings
    )
    return folder, build


def build_with_and_without_candor(tmp_path: Path, settings: str):
    pelican = [sys.executable, "-m", "pelican"]
    builds = {}
    for name, extra in (("without", ""), ("with", PLUGIN)):
        folder = tmp_path / name
        folder.mkdir()
        copy_content("plain_pelican_posts", folder / "content")
        builds[name] = pelican_build(pelican, folder, SITE_SETTINGS + settings + extra)
        assert builds[name].returncode == 0, builds[name].stderr
    return builds, tmp_path / "without" / "output", tmp_path / "with" / "output"


def test_posts_written_for_plain_pelican_build_the_same_articles_with_candor(tmp_path):
    # reST, HTML and Markdown, none with Kind:, two without a date: dated by their files.
    _, without, with_candor = build_with_and_without_candor(tmp_path, 'DEFAULT_DATE = "fs"\n')
    articles = archive_entries(without)
    assert len(articles) == 5
    assert archive_entries(with_candor) == articles
    for _, address, _ in articles:
        assert (with_candor / address.lstrip("/")).is_file()


def test_posts_written_for_plain_pelican_keep_their_html_in_pelicans_default_theme(tmp_path):
    # Pelican's themes print post bodies and summaries without |safe: escaping every
    # template would show "<p>" as text on every page of a site that adopts the plugin.
    _, without, with_candor = build_with_and_without_candor(tmp_path, 'DEFAULT_DATE = "fs"\n')
    for page in ("index.html", "field-notes-from-the-coast.html", "first-light.html"):
        html = (with_candor / page).read_text("utf-8")
        assert "&lt;p&gt;" not in html, page

        def content(html: str) -> str:
            return str(BeautifulSoup(html, "html.parser").select_one("#content"))

        assert content(html) == content((without / page).read_text("utf-8")), page


def test_posts_without_a_date_are_skipped_by_pelicans_own_rule_with_or_without_candor(tmp_path):
    builds, without, with_candor = build_with_and_without_candor(tmp_path, "")
    articles = archive_entries(without)
    assert [title for _, _, title in articles] == [
        "A quiet week",
        "Field notes from the coast",
        "First light",
    ]
    assert archive_entries(with_candor) == articles
    for build in builds.values():
        skipped = " ".join((build.stdout + build.stderr).split())
        assert "undated-thoughts.md: could not find information about 'date'" in skipped
        assert "undated-recipe.rst: could not find information about 'date'" in skipped


def test_the_kits_strict_content_stops_on_a_post_without_a_kind_or_a_date(tmp_path):
    _, build = plain_site_with_candor(tmp_path, "CANDOR_STRICT_CONTENT = True\n")
    assert build.returncode != 0
    said = " ".join((build.stdout + build.stderr).split())
    assert "first-light.rst: Kind: missing; every post needs one of: thank-you" in said
    assert "undated-thoughts.md: Date: is missing; add when it was published" in said


def test_a_post_without_a_kind_gets_the_default_kind_when_the_site_sets_one(tmp_path):
    folder, build = plain_site_with_candor(tmp_path, 'CANDOR_DEFAULT_KIND = "thank-you"\n')
    assert build.returncode == 0, build.stderr
    page = BeautifulSoup(
        (folder / "output/kinds/thank-you/index.html").read_text("utf-8"), "html.parser"
    )
    titles = {h2.get_text(strip=True) for h2 in page.select(".candor-post-summary h2")}
    assert titles == {"A quiet week", "Field notes from the coast", "First light"}


def test_a_default_kind_that_is_no_kind_stops_the_build_with_one_line(tmp_path):
    _, build = plain_site_with_candor(tmp_path, 'CANDOR_DEFAULT_KIND = "note"\n')
    assert build.returncode != 0
    said = " ".join((build.stdout + build.stderr).split())
    assert (
        "CANDOR_DEFAULT_KIND: is 'note'; write None (a plain post) or one of: "
        "thank-you, incident, responses, maintenance" in said
    )


# --- Installed with pip, into a fresh virtual environment ---------------------------------


def installed_venv(tmp_path: Path) -> Path:
    """A new virtual environment with `pip install .` of a copy of this repository.

    No network: the dependencies are the test run's own, made visible with a .pth
    file, and pip builds the wheel with the setuptools and wheel already there.
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    shutil.copytree(
        PROJECT / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    venv = tmp_path / "venv"
    made = run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path
    )
    ours = [p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix)]
    Path(purelib.stdout.strip(), "test-run-dependencies.pth").write_text("\n".join(ours) + "\n")
    install = [str(python), "-m", "pip", "install", "--no-deps", "--no-build-isolation"]
    installed = run([*install, "--no-index", "--quiet", str(source)], tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return venv


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    return installed_venv(tmp_path_factory.mktemp("install"))


def test_pip_installs_candor_as_pelican_candor_with_its_templates_and_schema(venv):
    python = str(venv / "bin" / "python")
    where = run([python, "-c", "import candor; print(candor.__file__)"], venv)
    package = Path(where.stdout.strip()).parent
    assert package.is_relative_to(venv), "candor was imported from outside the new venv"
    assert (package / "templates" / "email.html").is_file()
    assert (package / "templates" / "candor" / "email_box.html").is_file()
    assert (package / "publish" / "schemas" / "jsonfeed-1.1.schema.json").is_file()
    (record,) = package.parent.glob("pelican_candor-*.dist-info/RECORD")
    assert "test_data" not in record.read_text()


def test_the_candor_command_is_installed(venv):
    shown = run([str(venv / "bin" / "candor"), "--help"], venv)
    assert shown.returncode == 0, shown.stderr
    assert "build" in shown.stdout and "check" in shown.stdout


def test_a_site_with_pelicans_default_theme_builds_with_the_installed_plugin(venv, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    copy_content("default_theme_site", site / "content")
    # What an existing site adds: one line. No THEME, no PLUGIN_PATHS.
    build = pelican_build(
        [str(venv / "bin" / "python"), "-m", "pelican"],
        site,
        SITE_SETTINGS + 'PLUGINS = ["candor"]\n',
    )
    assert build.returncode == 0, build.stdout + build.stderr
    output = site / "output"
    assert (output / "theme" / "css" / "main.css").is_file()  # Pelican's default theme
    titles = [title for _, _, title in archive_entries(output)]
    assert titles == [
        "The heating failed on the second floor",
        "What you told us about the new rooms",
        "Thank you for a year of bookings",
        "New opening hours",
    ]

    email = BeautifulSoup(
        (output / "emails/thanks/index.html").read_text("utf-8"),
        "html.parser",
    )
    assert email.select_one(".candor-email h1").get_text() == "Thank you for a year of bookings"
    assert "The whole story is on our site." in email.select_one(".candor-email-body").get_text()
    archive = (output / "emails/index.html").read_text("utf-8")
    assert "emails/thanks/" in archive

    feeds = BeautifulSoup((output / "feeds/index.html").read_text("utf-8"), "html.parser")
    assert feeds.select(".candor-feeds a[href$='all.atom.xml']")
    # Beside Pelican's own feeds, which the site keeps: Candor's are in feeds/candor/.
    atom = (output / "feeds/candor/all.atom.xml").read_text("utf-8")
    assert "Thank you for a year of bookings" in atom and "New opening hours" in atom
    assert (output / "feeds/candor/all.json").is_file()

    def text_of(page: str) -> str:
        html = (output / page / "index.html").read_text("utf-8")
        return " ".join(BeautifulSoup(html, "html.parser").get_text().split())

    assert "The heating failed on the second floor Resolved" in text_of("incidents")
    assert "The light in room four is wonderful." in text_of("responses")
    assert "The light in room four is wonderful." in text_of("responses/email")
    assert "Thank you for a year of bookings" in text_of("kinds/thank-you")


# --- The kit's theme over the defaults ----------------------------------------------------


def test_the_kits_theme_replaces_the_default_templates_it_has(build_test_data):
    site = build_test_data("emails_linked")
    email = site.html("/emails/outage-apology/")
    assert email.select_one("article.email-web-version")  # theme/templates/email.html
    assert not email.select(".candor-email")  # plugins/candor/templates/email.html


def test_a_site_that_adopts_the_plugin_keeps_its_feeds_where_subscribers_find_them(tmp_path):
    # Pelican's own feeds stay as they were, ids included; Candor's go beside them.
    settings = 'DEFAULT_DATE = "fs"\nCATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n'
    _, without, with_candor = build_with_and_without_candor(tmp_path, settings)
    pelican_feeds = sorted(p.relative_to(without) for p in (without / "feeds").rglob("*.xml"))
    assert pelican_feeds  # the site had feeds before the plugin
    for feed in pelican_feeds:
        assert (with_candor / feed).read_bytes() == (without / feed).read_bytes(), feed
    assert (with_candor / "feeds/candor/all.atom.xml").is_file()
    head = BeautifulSoup((with_candor / "index.html").read_text("utf-8"), "html.parser").head
    announced = {link["href"] for link in head.find_all("link", type="application/atom+xml")}
    assert any(href.endswith("feeds/all.atom.xml") for href in announced)
