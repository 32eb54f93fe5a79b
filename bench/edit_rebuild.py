"""Edit one post of a generated site and time how soon the change is in the site.

    .venv/bin/python bench/edit_rebuild.py [--posts 1000] [--work /dev/shm/$USER/edit]

Four numbers, each also as a ratio of the cold build's wall time:
  cold       `python -m candor build`, no cache: the reference
  cached     the same command with the page cache and Pelican's reader cache on,
             after one post's body was edited (the caches filled by a build before)
  dev body   `python -m candor serve` running: from saving a body edit to the post's
             page served with the new text (polled over HTTP on 127.0.0.1)
  dev title  the same for a title edit: until every file the cold build showed the old
             title in is served with the new one
Each is one run: the machine may be busy (compare CPU times in one run, not across runs).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import generate
import sites
from measure import measure

REPO = sites.REPO
PYTHON = os.path.join(REPO, ".venv", "bin", "python")
ENV = dict(os.environ, PYTHONPATH=os.path.join(REPO, "plugins"), CANDOR_NOW="2026-06-01T12:00Z")
POST = "posts/post-00018.md"  # a thank-you note: nothing else is read out of its body
PAGE = "posts/post-00018/index.html"


def candor(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "candor", *arguments]


def write_settings(work: str, content: str) -> tuple[str, str]:
    cold, cached = os.path.join(work, "cold_conf.py"), os.path.join(work, "cached_conf.py")
    sites.write_candor_settings(cold, content)
    sites.write_candor_settings(cached, content, cache=os.path.join(work, "cache"))
    return cold, cached


def edit(path: str, old: str, new: str) -> None:
    with open(path, encoding="utf-8") as source:
        text = source.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as out:
        out.write(text.replace(old, new, 1))


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def wait_for(check, limit: float = 300.0, step: float = 0.01) -> float:
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the change never showed")
        time.sleep(step)
    return time.perf_counter() - started


def built_since_change(log: str) -> bool:
    with open(log, encoding="utf-8") as messages:
        return "Built in" in messages.read().split("Changed:")[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pages_showing(output: str, text: str) -> list[str]:
    found = []
    for root, _, files in os.walk(output):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith((".html", ".xml", ".json")):
                with open(path, encoding="utf-8", errors="replace") as page:
                    if text in page.read():
                        found.append(os.path.relpath(path, output))
    return sorted(found)


def devserver_edits(work: str, content: str, cold_conf: str, cold_out: str) -> dict[str, float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    output = os.path.join(work, "dev")
    shutil.rmtree(output, ignore_errors=True)  # no build id before this server's first build
    log = open(os.path.join(work, "devserver.txt"), "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        candor("serve", "-s", cold_conf, "-o", output, "--port", str(port)),
        env=ENV, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: fetch(f"{base}/candor-build-id.txt") != "", limit=600)
        time.sleep(2)  # the watch is running and idle
        post = os.path.join(content, POST)
        sentence = "A sentence added while the devserver ran."
        edit(post, "\n\n", f"\n\n{sentence}\n\n")
        body = wait_for(lambda: sentence in fetch(f"{base}/{PAGE}"))
        body_whole = body + wait_for(lambda: built_since_change(log.name))
        time.sleep(2)
        with open(post, encoding="utf-8") as source:
            old_title = re.search(r"^Title: (.*)$", source.read(), re.M).group(1)
        showing = pages_showing(cold_out, old_title)
        new_title = "A title edited while the devserver ran (18)"
        edit(post, f"Title: {old_title}", f"Title: {new_title}")

        pages = [page for page in showing if page.endswith(".html")]

        def every_one_shows_it(addresses: list[str]) -> bool:
            return all(new_title in fetch(f"{base}/{page}") for page in addresses)

        title = wait_for(lambda: every_one_shows_it(pages), step=0.02)
        title_everywhere = title + wait_for(lambda: every_one_shows_it(showing), step=0.05)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return {
        "dev body": body,
        "dev body, whole site": body_whole,
        "dev title, pages": title,
        "dev title, feeds too": title_everywhere,
        "showing": (len(pages), len(showing)),
    }


def run(posts: int, work: str) -> dict:
    """Each measure as a ratio of the cold build's wall time (the issue's goals), with the
    seconds behind it."""
    work = os.path.abspath(work)
    content = os.path.join(work, "content")
    os.makedirs(work, exist_ok=True)
    generate.generate(content, posts)
    cold_conf, cached_conf = write_settings(work, content)
    cold_out, cached_out = os.path.join(work, "cold"), os.path.join(work, "cached")
    cold = measure(candor("build", "-s", cold_conf, "-o", cold_out), ENV, clean=(cold_out,))
    measure(candor("build", "-s", cached_conf, "-o", cached_out), ENV, clean=(cached_out,))
    edit(os.path.join(content, POST), "\n\n", "\n\nA sentence added before the cached build.\n\n")
    cached = measure(candor("build", "-s", cached_conf, "-o", cached_out), ENV)
    generate.generate(content, posts)  # as it was, for the devserver
    dev = devserver_edits(work, content, cold_conf, cold_out)
    pages, files = dev.pop("showing")
    return {
        "posts": posts,
        "cold": cold.as_dict(),
        "cached": cached.as_dict(),
        "seconds": dev,
        "title_shown_in": {"pages": pages, "feeds": files - pages},
        "cli_cached": cached.wall / cold.wall,
        "cli_cached_cpu": cached.cpu / cold.cpu,
        "devserver_body": dev["dev body"] / cold.wall,
        "devserver_title": dev["dev title, pages"] / cold.wall,
        "devserver_title_feeds": dev["dev title, feeds too"] / cold.wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--work", default=f"/dev/shm/{os.environ.get('USER', 'bench')}/edit")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    result = run(args.posts, args.work)
    cold, cached = result["cold"], result["cached"]
    print(f"{args.posts} posts; cold build {cold['wall']:.2f} s wall, {cold['cpu']:.2f} s CPU")
    print(
        f"  {'cached rebuild, one body edited':<32} {cached['wall']:6.2f} s wall  "
        f"{result['cli_cached']:.3f}x  (CPU {cached['cpu']:.2f} s, {result['cli_cached_cpu']:.3f}x)"
    )
    for name, spent in result["seconds"].items():
        print(f"  {name:<32} {spent:6.2f} s wall  {spent / cold['wall']:.3f}x")
    shown = result["title_shown_in"]
    print(
        f"  (the old title was in {shown['pages']} pages and {shown['feeds']} feeds "
        "of the cold build)"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
