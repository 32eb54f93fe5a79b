"""Where the build writes: never over the project, never half a site, never a site nobody can read.

These tests run `python -m candor build` as a real process on a copy of the project in a
temporary folder, so a build that goes wrong destroys only the copy. Where a test needs
the build to stop at one exact moment, the process is started through KILLER below: a
Python audit hook (PEP 578) that watches the real system calls the build makes and
sends the process SIGKILL (or SIGSTOP) at the chosen one. Nothing in Candor is replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, TEST_DATA

pytestmark = pytest.mark.slow  # every test runs python -m candor or make as a process

# argv: event, text the event's arguments contain, which occurrence, signal name, then
# the arguments of `python -m candor`.
KILLER = """
import os, runpy, signal, sys
event, needle, count, signame = sys.argv[1:5]
sys.argv = ["candor", *sys.argv[5:]]
seen = 0
def hook(name, args):
    global seen
    if name == event and needle in repr(args):
        seen += 1
        if seen == int(count):
            os.kill(os.getpid(), getattr(signal, signame))
def no_exchange(name, args):
    if name == "ctypes.dlsym" and "renameat2" in repr(args):
        raise AttributeError("renameat2")  # as on a libc older than glibc 2.28
if os.environ.get("CANDOR_TEST_NO_RENAMEAT2"):
    sys.addaudithook(no_exchange)
sys.addaudithook(hook)
runpy.run_module("candor", run_name="__main__")
"""


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return dict(env, PYTHONPATH=str(PROJECT / "plugins"))


def candor(project: Path, *args: str, conf: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "candor", "build", "-s", str(project / conf), *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment())


def publish(project: Path, *args: str) -> subprocess.CompletedProcess:
    return candor(project, "--check", *args, conf="publishconf.py")


def publish_stopped_at(project: Path, event: str, needle: str, count: int = 1, sig="SIGKILL"):
    """Start a publish of `project` that receives `sig` at the `count`th `event`."""
    command = [sys.executable, "-c", KILLER, event, needle, str(count), sig]
    command += ["build", "--check", "-s", str(project / "publishconf.py")]
    return subprocess.Popen(
        command, cwd=project, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project (settings, theme, plugins, a .git) with tiny content."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(PROJECT / name, root / name)
    for name in ("theme", "plugins"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(PROJECT / name, root / name, ignore=ignore)
    shutil.copytree(TEST_DATA / "publish_site", root / "content")
    (root / ".git").mkdir()
    (root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    return root


def add_post(project: Path, slug: str) -> None:
    (project / "content/posts" / f"{slug}.md").write_text(
        f"Title: Another note {slug}\nDate: 2025-10-05 10:00 -04:00\nKind: thank-you\n"
        f"Slug: {slug}\n\nThanks again.\n"
    )


def leftovers(*folders: Path) -> list[str]:
    names = []
    for folder in folders:
        names += [p.name for p in folder.iterdir() if p.name.startswith((".output-", ".ledger-"))]
    return sorted(names)


# 1. Output folders that would replace or swallow something that is not a built site.

REFUSED = {
    "the project folder": lambda p: p,
    "the folder holding the project": lambda p: p.parent,
    "the content folder": lambda p: p / "content",
    "a folder inside the content": lambda p: p / "content/site",
    "the theme": lambda p: p / "theme",
    "the plugins folder": lambda p: p / "plugins",
}


@pytest.mark.parametrize("where", REFUSED)
def test_an_output_folder_that_is_or_holds_the_project_is_refused_before_anything_is_written(
    project, where
):
    output = REFUSED[where](project)
    before = snapshot(project.parent)
    result = candor(project, "-o", str(output))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("OUTPUT_PATH (OUTPUTDIR):"), lines[0]
    assert str(output) in lines[0] and "set OUTPUTDIR" in lines[0]
    assert snapshot(project.parent) == before
    assert leftovers(project.parent, project, project / "content") == []


@pytest.mark.parametrize("home", ["the home folder", "a folder holding it", "the root"])
def test_a_home_folder_or_the_root_is_refused_as_output(project, tmp_path, home):
    (tmp_path / "home/priya").mkdir(parents=True)
    output = {
        "the home folder": tmp_path / "home/priya",
        "a folder holding it": tmp_path / "home",
        "the root": Path("/"),
    }[home]
    env = dict(environment(), HOME=str(tmp_path / "home/priya"))
    command = [sys.executable, "-m", "candor", "build", "-s", str(project / "pelicanconf.py")]
    result = subprocess.run(
        [*command, "-o", str(output)], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("OUTPUT_PATH (OUTPUTDIR):"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(Path("/").glob(".output-*"))
    assert leftovers(tmp_path, tmp_path / "home") == []


def test_a_file_given_as_output_is_refused_and_kept(project):
    readme = project / "notes.txt"
    readme.write_text("mine")
    result = candor(project, "-o", str(readme))
    assert result.returncode == 2
    assert "is a file" in result.stderr and "OUTPUT_PATH (OUTPUTDIR)" in result.stderr
    assert readme.read_text() == "mine"
    assert leftovers(project) == []


def test_a_folder_of_other_files_is_refused_as_output_and_kept(project, tmp_path):
    documents = tmp_path / "Documents"
    (documents / "taxes").mkdir(parents=True)
    (documents / "taxes/2025.pdf").write_bytes(b"%PDF")
    result = candor(project, "-o", str(documents))
    assert result.returncode == 2
    assert result.stderr.startswith("OUTPUT_PATH (OUTPUTDIR):"), result.stderr
    assert "holds files but no built site (no index.html)" in result.stderr
    assert snapshot(documents) == {"taxes/2025.pdf": b"%PDF"}
    assert leftovers(tmp_path) == []


def test_an_output_folder_that_is_a_symbolic_link_is_updated_where_it_points(project, tmp_path):
    served = tmp_path / "srv/www"
    served.mkdir(parents=True)
    (served / "old.html").write_text("old")
    (served / "index.html").write_text("the previous site")
    link = project / "output"
    link.symlink_to(served)
    result = candor(project, "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == served.resolve()
    assert (served / "index.html").is_file() and not (served / "old.html").exists()
    assert leftovers(project, served.parent) == []


def in_mount_namespace(script: str, *args: str) -> subprocess.CompletedProcess:
    """Run a shell script in a mount namespace of its own: its mounts vanish with it."""
    command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=environment(), cwd=PROJECT
    )


def test_an_output_folder_that_is_a_mount_point_is_refused_with_what_to_do(project):
    output = project / "mounted"
    output.mkdir()
    script = 'mount -t tmpfs -o size=4m tmpfs "$1" && exec "$2" -m candor build -s "$3" -o "$1"'
    result = in_mount_namespace(
        script, str(output), sys.executable, str(project / "pelicanconf.py")
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("OUTPUT_PATH (OUTPUTDIR):"), result.stderr
    assert "mount point" in result.stderr and "set OUTPUTDIR to a folder inside it" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert leftovers(project) == []


# 2. Permissions: a web server running as another user reads what was published.


def test_the_published_folder_and_files_are_readable_by_everyone_and_the_ledger_keeps_its_mode(
    project,
):
    ledger = project / "content/ledger.json"
    ledger.write_text("{}\n")
    ledger.chmod(0o640)
    result = publish(project)
    assert result.returncode == 0, result.stderr
    assert ledger.read_text() != "{}\n", "this publish records its posts"
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o640
    output = project / "output"
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [output, *output.rglob("*")]}
    wrong = {str(p): oct(m) for p, m in modes.items() if m != (0o755 if p.is_dir() else 0o644)}
    assert wrong == {}


# 3. A build killed at any moment leaves the previous site or the new one, never half.

STAGES = {
    # event, text in its arguments, which occurrence
    "while Pelican writes the site": ("open", ".output-staging-", 12),
    "right after the swap, while the old site is removed": ("shutil.rmtree", ".output-", 1),
    "before the ledger is written": ("tempfile.mkstemp", ".ledger-", 1),
    "with the new ledger written but not yet in place": ("os.rename", ".ledger-", 1),
}


@pytest.mark.parametrize("stage", STAGES)
def test_a_publish_killed_at_any_moment_leaves_a_whole_site_and_the_next_one_cleans_up(
    project, tmp_path, stage
):
    assert publish(project).returncode == 0
    output, ledger = project / "output", project / "content/ledger.json"
    old_site, old_ledger = snapshot(output), ledger.read_bytes()
    add_post(project, "second")
    reference = shutil.copytree(project, tmp_path / "reference", symlinks=True)
    assert publish(reference).returncode == 0
    new_site = snapshot(reference / "output")
    new_ledger = (reference / "content/ledger.json").read_bytes()

    killed = publish_stopped_at(project, *STAGES[stage])
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL

    assert snapshot(output) in (old_site, new_site)
    assert ledger.read_bytes() in (old_ledger, new_ledger)
    json.loads(ledger.read_text())
    again = publish(project)
    assert again.returncode == 0, again.stderr
    assert snapshot(output) == new_site
    assert ledger.read_bytes() == new_ledger
    assert leftovers(project, project / "content") == []


def test_a_publish_killed_between_the_two_renames_of_a_swap_gets_its_previous_site_back(
    project, monkeypatch
):
    assert publish(project).returncode == 0
    output = project / "output"
    old_site = snapshot(output)
    monkeypatch.setenv("CANDOR_TEST_NO_RENAMEAT2", "1")
    killed = publish_stopped_at(project, "os.rename", ".output-staging-")
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert not output.exists(), "killed with the old site aside and the new one not yet in"

    shutil.copy(TEST_DATA / "unknown_kind/posts/announcement.md", project / "content/posts")
    failed = publish(project)
    assert failed.returncode == 1
    assert snapshot(output) == old_site
    assert leftovers(project) == []


def in_small_full_content_folder(project: Path) -> subprocess.CompletedProcess:
    """Publish with the content folder on a tiny file system that is full."""
    script = """
    content="$1"; shift
    cp -a "$content" "$content.copy" &&
    mount -t tmpfs -o size=256k tmpfs "$content" && cp -a "$content.copy/." "$content" &&
    rm -rf "$content.copy" || exit 99
    head -c 1M /dev/zero > "$content/filler" 2>/dev/null
    "$@"; code=$?
    cp "$content/ledger.json" "$content/../ledger-seen.json"
    ls -A "$content" > "$content/../content-listing.txt"
    exit $code
    """
    command = [sys.executable, "-m", "candor", "build", "--check"]
    command += ["-s", str(project / "publishconf.py"), "-o", str(project / "output")]
    return in_mount_namespace(script, str(project / "content"), *command)


def test_a_ledger_that_cannot_be_saved_after_the_swap_says_the_site_is_live_and_what_to_do(
    project,
):
    assert publish(project).returncode == 0
    ledger_before = (project / "content/ledger.json").read_bytes()
    add_post(project, "second")

    result = in_small_full_content_folder(project)
    assert result.returncode == 1, result.stderr
    assert "Build failed" not in result.stderr and "Traceback" not in result.stderr
    assert "The site is live in" in result.stderr, result.stderr
    assert "content/ledger.json was NOT updated" in result.stderr
    assert "run make publish again" in result.stderr
    assert "posts/second/index.html" in snapshot(project / "output")
    assert (project / "ledger-seen.json").read_bytes() == ledger_before
    listing = (project / "content-listing.txt").read_text().split()
    assert [name for name in listing if name.startswith(".ledger-")] == []


# 4. Two builds at once, and the development server beside a publish.


def test_a_second_publish_into_the_same_output_waits_for_the_first(project):
    first = publish_stopped_at(project, "open", ".output-staging-", 5, sig="SIGSTOP")
    try:
        # Under a loaded machine the first build may take long to reach its stop: the
        # second must start only once the first holds the output.
        deadline = time.monotonic() + 300
        while not list(project.glob(".output-staging-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(project.glob(".output-staging-*")), "the first build never started staging"
        add_post(project, "second")
        second = subprocess.Popen(
            [sys.executable, "-m", "candor", "build", "-s", str(project / "publishconf.py")],
            cwd=project,
            env=environment(),
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert second.poll() is None, "the second build waits while the first holds the output"
        first.send_signal(signal.SIGKILL)  # the kernel releases the first build's lock
        _, errors = second.communicate(timeout=120)
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 0, errors
    assert "Waiting for another build into" in errors
    assert "posts/second/index.html" in snapshot(project / "output")
    assert leftovers(project) == []


def test_make_devserver_builds_beside_output_so_a_publish_is_never_replaced_by_a_dev_build(
    project, tmp_path
):
    port = free_port()
    output, content = tmp_path / "site", project / "content"
    errors = open(tmp_path / "devserver.txt", "w")  # noqa: SIM115 (read while it runs)
    server = subprocess.Popen(
        ["make", "devserver", f"PORT={port}", f"OUTPUTDIR={output}", f"INPUTDIR={content}"],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=errors,
        start_new_session=True,
    )
    try:
        wait_for(lambda: builds_done(tmp_path) >= 1)
        published = subprocess.run(
            ["make", "--no-print-directory", "publish", f"OUTPUTDIR={output}"]
            + [f"INPUTDIR={content}"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            env=environment(),
        )
        assert published.returncode == 0, published.stderr
        site = snapshot(output)
        add_post(project, "while-serving")
        wait_for((tmp_path / "site-dev/posts/while-serving/index.html").is_file)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        errors.close()
    assert snapshot(output) == site
    assert "candor-build-id.txt" not in site and b"dev-reload.js" not in site["index.html"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def builds_done(folder: Path) -> int:
    return (folder / "devserver.txt").read_text().count("Built in")


def wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


# 5. Before the swap, a build writes nothing but its staging folder.

RECORDER = """
import json, os, runpy, sys
log = open(sys.argv[1], "a")
sys.argv = ["candor", *sys.argv[2:]]
WRITES = {"os.rename", "os.mkdir", "os.remove", "os.rmdir", "shutil.rmtree", "os.chmod"}
def hook(name, args):
    if name == "open" and isinstance(args[0], int):
        return  # a file opened before, by path
    flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT
    writing = name == "open" and (
        any(m in str(args[1]) for m in "wax+") if args[1] else args[2] & flags
    )
    if (writing or name in WRITES) and not str(args[0]).endswith(".pyc"):
        paths = [a for a in args[:2] if isinstance(a, str)] if name == "os.rename" else [args[0]]
        log.write(json.dumps([name, *map(str, paths)]) + "\\n")
        log.flush()
sys.addaudithook(hook)
runpy.run_module("candor", run_name="__main__")
"""


def test_a_publish_writes_only_its_staging_folder_then_swaps_it_in_then_saves_the_ledger(
    project, tmp_path
):
    log = tmp_path / "writes.jsonl"
    command = [sys.executable, "-c", RECORDER, str(log), "build", "--check"]
    command += ["-s", str(project / "publishconf.py")]
    result = subprocess.run(command, cwd=project, env=environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    writes = [json.loads(line) for line in log.read_text().splitlines()]
    # os.makedirs(exist_ok=True) asks to make the folders that hold the output, and finds them.
    writes = [w for w in writes if not (w[0] == "os.mkdir" and str(project).startswith(w[1]))]
    staging = str(project / ".output-staging-")
    before_swap = writes[: next(i for i, w in enumerate(writes) if w[0] == "os.rename")]
    assert before_swap and all(p.startswith(staging) for w in before_swap for p in w[1:])
    rest = writes[len(before_swap) :]
    ledger = str(project / "content/ledger.json")
    kept = str(project / "content/sends")  # the message as sent of a newly recorded email
    allowed = (staging, str(project / "output"), str(project / "content/.ledger-"), ledger, kept)
    assert [w for w in rest if not all(p.startswith(allowed) for p in w[1:])] == []


def test_make_clean_refuses_an_output_folder_that_is_the_project_and_removes_a_real_one(project):
    def clean(output: Path) -> subprocess.CompletedProcess:
        arguments = [f"CONFFILE={project / 'pelicanconf.py'}", f"INPUTDIR={project / 'content'}"]
        return subprocess.run(
            ["make", "--no-print-directory", "clean", f"OUTPUTDIR={output}", *arguments],
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )

    before = snapshot(project)
    refused = clean(project)
    assert refused.returncode != 0
    assert (
        "OUTPUT_PATH (OUTPUTDIR):" in refused.stderr and "is the project folder" in refused.stderr
    )
    assert snapshot(project) == before
    assert candor(project).returncode == 0
    (project / "output-dev").mkdir()
    assert clean(project / "output").returncode == 0
    assert not (project / "output").exists() and not (project / "output-dev").exists()
    assert snapshot(project) == before


@pytest.mark.slow  # a plain pelican command, as a site that adopted the plugin runs it
def test_a_plain_pelican_call_that_would_delete_the_theme_as_its_output_is_refused(tmp_path):
    # Pelican's DELETE_OUTPUT_DIRECTORY empties the output before reading anything, and
    # guards only the content folder: `-o` naming the theme would delete the theme.
    shutil.copytree(TEST_DATA / "default_theme_site", tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    (tmp_path / "conf.py").write_text(
        f'SITENAME = "Plain"\nTIMEZONE = "UTC"\nPLUGIN_PATHS = [{str(PROJECT / "plugins")!r}]\n'
        f'PLUGINS = ["candor"]\nTHEME = {str(theme)!r}\nDELETE_OUTPUT_DIRECTORY = True\n'
    )
    command = [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", str(theme)]
    env = {**os.environ, "COLUMNS": "1000"}  # log lines unwrapped, to be read whole
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"OUTPUT_PATH (OUTPUTDIR): {theme} is the theme (THEME)" in said
    assert "Traceback" not in said
    assert (theme / "templates" / "base.html").is_file()


@pytest.mark.slow  # a plain pelican command, as a site that adopted the plugin runs it
def test_a_plain_pelican_call_deleting_its_own_output_folder_still_builds(tmp_path):
    shutil.copytree(TEST_DATA / "default_theme_site", tmp_path / "content")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("old site")
    (tmp_path / "output" / "stale.html").write_text("old page")
    (tmp_path / "conf.py").write_text(
        f'SITENAME = "Plain"\nTIMEZONE = "UTC"\nPLUGIN_PATHS = [{str(PROJECT / "plugins")!r}]\n'
        'PLUGINS = ["candor"]\nDELETE_OUTPUT_DIRECTORY = True\n'
    )
    command = [sys.executable, "-m", "pelican", "content", "-s", "conf.py", "-o", "output"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "output" / "stale.html").exists()
    assert (tmp_path / "output" / "emails" / "thanks" / "index.html").is_file()
