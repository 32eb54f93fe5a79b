"""How much quoted responses add to a build: 1,000 posts with two responses each.

    .venv/bin/python bench/responses_build_time.py [--posts 1000] [--runs 5] [--summaries]

One of each post's two quotes carries an email address (masked, and the build
reports it); the other is plain text. With `--summaries` every post has a
`Summary:`, so that summing the posts up costs the same both ways.

Builds the same site two ways, each run in a fresh process, alternating:
- "with": every post quotes two customers in `::: response` blocks, handled by
  the plugin (parsing, masking, sanitizing, tally, the wall and its channel pages);
- "without": the same quotes written as plain Markdown blockquotes, with the
  responses part of the plugin switched off; the rest of Candor still runs.
Prints the median and the fastest time of `Pelican.run()` for each, and the
difference. Not a test: timings depend on the machine. Work files go to a folder in
memory (/dev/shm) when the machine has one, else to bench/work/; `--work DIR` chooses.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SHARED_MEMORY = Path("/dev/shm")
IN_MEMORY = SHARED_MEMORY.is_dir() and os.access(SHARED_MEMORY, os.W_OK)
WORK = SHARED_MEMORY / "candor-responses" if IN_MEMORY else PROJECT / "bench" / "work"

RESPONSE = """::: response
{who}Channel: {channel}
Date: 2025-{month:02d}-{day:02d}
Outcome: {outcome}

Thanks for the honest note about post {n}, and for telling us what went wrong.
{contact}
:::
"""
PLAIN = """> Thanks for the honest note about post {n}, and for telling us what went wrong.
> {contact}
>
> — {name}, {channel}, 2025-{month:02d}-{day:02d}
"""

BUILD = """
import sys, time
sys.path.insert(0, {plugins!r})
from pelican import Pelican
from pelican.settings import read_settings
if {switch_off}:
    from candor.responses import markdown as response_markdown
    from candor.responses import wall as response_wall
    response_markdown.QuotedResponses.extendMarkdown = lambda self, md: None
    response_wall.ResponseWallGenerator.generate_context = lambda self: None
    response_wall.ResponseWallGenerator.generate_output = lambda self, writer: None
settings = read_settings({conf!r}, override={{"PATH": {content!r}, "OUTPUT_PATH": {output!r}}})
pelican = Pelican(settings)
started, cpu = time.perf_counter(), time.process_time()
pelican.run()
print(time.perf_counter() - started, time.process_time() - cpu)
"""


def write_posts(folder: Path, count: int, quoted: bool, summary: bool = False) -> None:
    posts = folder / "posts"
    posts.mkdir(parents=True)
    for n in range(count):
        month, day = 1 + n % 12, 1 + n % 28
        body = ""
        for k, (channel, outcome) in enumerate((("email", "thanks"), ("x", "other"))):
            name = f"Reader {n}-{k}"
            if quoted:
                who = f"Name: {name}\nConsent: yes\n" if k == 0 else ""
                contact = f"Reach me at reader{n}@example.com." if k == 0 else "Thanks again."
                body += RESPONSE.format(
                    who=who,
                    channel=channel,
                    month=month,
                    day=day,
                    outcome=outcome,
                    n=n,
                    contact=contact,
                )
            else:
                shown = name if k == 0 else "a customer"
                contact = "Reach me at r\\*\\*\\*@example.com." if k == 0 else "Thanks again."
                body += PLAIN.format(
                    name=shown, channel=channel, month=month, day=day, n=n, contact=contact
                )
            body += "\n"
        header = f"Title: Post {n}\nDate: 2025-{month:02d}-{day:02d} 10:00\nKind: responses\n"
        if summary:
            header += "Summary: What you told us.\n"
        text = f"{header}Slug: post-{n}\n\nWhat you told us.\n\n{body}"
        (posts / f"post-{n}.md").write_text(text, encoding="utf-8")


def build_once(content: Path, output: Path, switch_off: bool) -> tuple[float, float, float]:
    """Seconds for one build in a fresh process: `Pelican.run()` wall-clock and CPU,
    and the CPU of the whole process (start-up and imports too, as in `make html`)."""
    shutil.rmtree(output, ignore_errors=True)
    script = BUILD.format(
        plugins=str(PROJECT / "plugins"),
        switch_off=switch_off,
        conf=str(PROJECT / "pelicanconf.py"),
        content=str(content),
        output=str(output),
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    process_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu), process_cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    # This VM's disk makes file creation slower with every deleted output folder:
    # a memory-backed folder (/dev/shm) measures the feature, not the disk.
    parser.add_argument(
        "--work", type=Path, default=WORK, help="where to write (default: %(default)s)"
    )
    # Without a Summary, a post with responses is summed up without its quotes and
    # one with blockquotes with them; with one, both cost the same to sum up.
    parser.add_argument("--summaries", action="store_true", help="give every post a Summary")
    args = parser.parse_args()
    with_quotes, without = args.work / "with", args.work / "without"
    for folder in (with_quotes, without):  # only what this script writes
        shutil.rmtree(folder, ignore_errors=True)
    write_posts(with_quotes / "content", args.posts, quoted=True, summary=args.summaries)
    write_posts(without / "content", args.posts, quoted=False, summary=args.summaries)
    times: dict[str, list[tuple[float, float, float]]] = {"with": [], "without": []}
    build_once(with_quotes / "content", with_quotes / "output", False)  # warm the disk cache
    builds = [("without", without, True), ("with", with_quotes, False)]
    for round_number in range(args.runs):
        # Alternate which goes first, so neither always follows the other's clean-up.
        for name, folder, switch_off in builds if round_number % 2 == 0 else builds[::-1]:
            times[name].append(build_once(folder / "content", folder / "output", switch_off))
    pages = len(list((with_quotes / "output" / "responses").rglob("index.html")))
    print(json.dumps({"posts": args.posts, "runs": times, "wall pages": pages}))
    # CPU time is what the feature costs; wall-clock also counts whatever else
    # the machine was doing, so the fastest run is the fairer wall-clock figure.
    measures = (("run() wall-clock", 0), ("run() CPU", 1), ("whole process CPU", 2))
    for kind, column in measures:
        for label, pick in (("median", statistics.median), ("fastest", min)):
            without_s = pick(t[column] for t in times["without"])
            with_s = pick(t[column] for t in times["with"])
            print(
                f"{kind} {label}: without {without_s:.3f} s, with {with_s:.3f} s, "
                f"responses add {with_s / without_s - 1:+.1%}"
            )
        # Each round builds both, one right after the other: the median of the rounds'
        # own ratios cancels most of the machine's drift from one minute to the next.
        pairs = zip(times["with"], times["without"], strict=True)
        ratios = [with_run[column] / without_run[column] for with_run, without_run in pairs]
        print(
            f"{kind}, median of paired rounds: responses add {statistics.median(ratios) - 1:+.1%}"
        )


if __name__ == "__main__":
    main()
