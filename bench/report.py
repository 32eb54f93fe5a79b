"""bench/RESULTS.md: the tables, the machine, the versions and every budget, PASS or OVER."""

from __future__ import annotations

import glob
import json
import os
import platform
import subprocess
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
FINDINGS = os.path.join(HERE, "FINDINGS.md")
# The stages (named in stages.py) each budget covers.
LINKING_CHECKS_EML = (
    "check email fields",
    "link posts and emails",
    "check sent emails against the ledger",
    "assign feed entry ids",
    "write .eml messages",
)
FEEDS = ("write feeds (files and /feeds/ page)", "write per-system feeds")
# Right now (issue 19): what /status/, its JSON and calendar, and the per-system feeds add.
STATUS = (
    "read maintenance windows",
    "status board (conditions, 90 days)",
    "status banner",
    "write /status/, status.json and maintenance.ics",
    "write per-system feeds",
)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as handle:
            memory = int(handle.readline().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0.0
    system = f"{platform.system()} {platform.release()}"
    return f"{model}, {os.cpu_count()} cores, {memory:.1f} GiB RAM, {system}"


def versions(hugo_command: list[str]) -> dict[str, str]:
    found = {"Python": platform.python_version()}
    for package in ("pelican", "markdown", "feedgenerator", "beautifulsoup4", "css-inline"):
        found[package] = metadata.version(package)
    try:
        line = subprocess.run(
            hugo_command + ["version"], capture_output=True, text=True, check=True
        ).stdout
        found["hugo"] = line.split()[1].split("-")[0]
    except (OSError, subprocess.CalledProcessError, IndexError) as error:
        found["hugo"] = f"not runnable ({error})"
    return found


def verdict(value: float | None, limit: float, strict_less: bool = False) -> str:
    if value is None:
        return "not measured"
    ok = value < limit if strict_less else value <= limit
    return "PASS" if ok else "OVER"


# Issue 22's goals: Candor at most 0.8x stock Pelican's time and 1.2x its memory at
# every size, the memory ratio not growing with the number of posts, linear scaling.
TIME_LIMIT = 0.8
MEMORY_LIMIT = 1.2
# How much the memory ratio may rise from 1,000 posts to the largest size measured and
# still count as "not growing": RSS medians move by about this much between runs.
MEMORY_DRIFT = 0.05
SCALING_LIMIT = 10.0
# Devserver and cache: a fraction of Candor's own cold build (bench/edit_rebuild.py).
EDIT_LIMITS = (
    ("devserver_body", "devserver: one body edit, new page served / cold build", 0.05),
    ("devserver_title", "devserver: one title edit, every page showing it / cold build", 0.15),
    ("cli_cached", "command-line rebuild with the cache on, one body edit / cold build", 0.3),
)


def budgets(results: dict[int, dict], edits: dict | None = None) -> list[tuple]:
    """(budget, limit, measured, verdict) for every budget the results can answer."""
    rows: list[tuple] = []
    for posts, result in sorted(results.items()):
        wall = result["candor"]["wall"] / result["stock"]["wall"]
        cpu = result["candor"]["cpu"] / result["stock"]["cpu"]
        rows.append(
            (
                f"Candor / stock time, {posts:,} posts",
                f"≤ {TIME_LIMIT}",
                f"wall {wall:.2f}, CPU {cpu:.2f}",
                verdict(max(wall, cpu), TIME_LIMIT),
            )
        )
    memory = {
        posts: r["candor"]["peak_mib"] / r["stock"]["peak_mib"] for posts, r in results.items()
    }
    for posts, ratio_ in sorted(memory.items()):
        rows.append(
            (
                f"Candor / stock peak memory, {posts:,} posts",
                f"≤ {MEMORY_LIMIT}",
                f"{ratio_:.2f}",
                verdict(ratio_, MEMORY_LIMIT),
            )
        )
    if 1000 in memory and len(memory) > 1:
        largest = max(memory)
        growth = memory[largest] - memory[1000]
        rows.append(
            (
                f"memory ratio growth, 1,000 to {largest:,} posts",
                f"≤ +{MEMORY_DRIFT}",
                f"{growth:+.2f}",
                verdict(growth, MEMORY_DRIFT),
            )
        )
    small, large = results.get(1000), results.get(10000)
    # Both of Candor's builds, the full one and the rebuild with the caches on; stock
    # Pelican's own for reference (its tag, category and author pages grow with the
    # square of the number of posts).
    for key, label in (
        ("candor", "Candor full build"),
        ("warm", "Candor rebuild with the caches on, one post edited"),
        ("stock", "stock Pelican, for reference"),
    ):
        if small and large:
            wall = large[key]["wall"] / small[key]["wall"]
            cpu = large[key]["cpu"] / small[key]["cpu"]
            measured, value = f"wall {wall:.2f}, CPU {cpu:.2f}", max(wall, cpu)
        else:
            measured, value = "run `make bench N=10000 REPEAT=1`", None
        judged = verdict(value, SCALING_LIMIT) if key != "stock" else "(not a goal)"
        rows.append(
            (f"{label}: time, 10,000 / 1,000 posts", f"≤ {SCALING_LIMIT}", measured, judged)
        )
    for key, label, limit in EDIT_LIMITS:
        value = (edits or {}).get(key)
        measured = f"{value:.3f}" if value is not None else "not measured"
        rows.append((label, f"≤ {limit}", measured, verdict(value, limit)))
    base = results.get(1000)
    if base:
        shares = stage_shares(base)
        for key, label, limit in (
            ("linking", "linking, checks and .eml writing", 0.05),
            ("feeds", "all feeds", 0.15),
            ("status", "/status/ and per-system feeds", 0.03),
        ):
            rows.append(
                (
                    f"{label}, share of Candor's build",
                    f"< {limit:.0%}",
                    f"{shares[key]:.1%}",
                    verdict(shares[key], limit, strict_less=True),
                )
            )
    return rows


def stage_shares(result: dict) -> dict[str, float]:
    stages, total = result["stages"]["stages"], result["stages"]["total"]
    return {
        "linking": sum(stages[name] for name in LINKING_CHECKS_EML) / total,
        "feeds": sum(stages.get(name, 0.0) for name in FEEDS) / total,
        "status": sum(stages.get(name, 0.0) for name in STATUS) / total,
    }


def build_table(result: dict) -> list[str]:
    stock = result["stock"]
    lines = [
        "| build | wall (median) | CPU (median) | peak RSS (median) "
        "| wall / stock | memory / stock |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in (
        ("stock", "stock Pelican (no plugin, default theme, default feeds)"),
        ("candor", "Candor (plugin and theme)"),
        ("hugo", "Hugo, for reference (same posts, tiny layout, no emails)"),
        ("cold", "Candor, reader and page caches on, cold (empty caches)"),
        ("warm", "Candor, reader and page caches on, one post edited"),
    ):
        row = result[key]
        lines.append(
            f"| {label} | {row['wall']:.2f} s | {row['cpu']:.2f} s | {row['peak_mib']:.0f} MiB "
            f"| {row['wall'] / stock['wall']:.2f} | {row['peak_mib'] / stock['peak_mib']:.2f} |"
        )
    return lines


def stage_table(result: dict) -> list[str]:
    total = result["stages"]["total"]
    lines = [
        f"Candor's stages in one build of {total:.2f} s (median of "
        f"{min(result['repeat'], 3)} builds, timed by bench/stages.py):",
        "",
        "| stage | time | share |",
        "| --- | ---: | ---: |",
    ]
    for name, spent in result["stages"]["stages"].items():
        lines.append(f"| {name} | {spent:.3f} s | {spent / total:.1%} |")
    return lines


def edit_table(edits: dict) -> list[str]:
    cold, cached = edits["cold"], edits["cached"]
    shown = edits["title_shown_in"]
    lines = [
        f"## Edits at {edits['posts']:,} posts (bench/edit_rebuild.py, one run each)",
        "",
        f"Cold build (no cache): {cold['wall']:.2f} s wall, {cold['cpu']:.2f} s CPU. The old "
        f"title was in {shown['pages']} pages and {shown['feeds']} feeds of the cold build.",
        "",
        "| after one edit | wall | / cold build |",
        "| --- | ---: | ---: |",
        f"| command-line rebuild, reader and page caches on, body edited | {cached['wall']:.2f} s "
        f"| {edits['cli_cached']:.3f} (CPU {edits['cli_cached_cpu']:.3f}) |",
    ]
    for name, spent in edits["seconds"].items():
        lines.append(f"| devserver, {name} | {spent:.2f} s | {spent / cold['wall']:.3f} |")
    return lines


def write(work: str, path: str) -> tuple[str, bool]:
    results = {}
    for name in glob.glob(os.path.join(work, "results-*.json")):
        with open(name, encoding="utf-8") as handle:
            result = json.load(handle)
        results[result["posts"]] = result
    lines = [
        "# Build benchmark",
        "",
        "Written by `make bench` (bench/run.py) from every run in bench/work/; the notes",
        "at the end come from bench/FINDINGS.md. Do not edit this file by hand.",
        "",
    ]
    edits = None
    edit_file = os.path.join(work, "edits-1000.json")
    if os.path.exists(edit_file):
        with open(edit_file, encoding="utf-8") as handle:
            edits = json.load(handle)
    rows = budgets(results, edits)
    lines += ["## Budgets", "", "At 1,000 posts unless said otherwise.", ""]
    lines += ["| budget | limit | measured | verdict |"]
    lines += ["| --- | --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    for posts, result in sorted(results.items()):
        counts = result["counts"]
        lines += [
            "",
            f"## {posts:,} posts",
            "",
            f"{counts['thank-you']} thank-you notes, {counts['incident']} incident write-ups, "
            f"{counts['responses']} responses round-ups, "
            f"{counts.get('maintenance', 0)} maintenance windows, {counts['emails']} emails; "
            f"{result['repeat']} timed builds of each, alternating stock and Candor, "
            "each in a fresh process.",
            "",
            f"- Date: {result['date']}",
            f"- Machine: {result['machine']}",
            f"- Sites built in: {result.get('scratch', 'bench/work (disk)')}",
            "- Load average (1 min) before and after: "
            + " and ".join(f"{load:.2f}" for load in result.get("load", [])),
            "- Versions: " + ", ".join(f"{k} {v}" for k, v in result["versions"].items()),
            "",
        ]
        lines += build_table(result) + [""] + stage_table(result)
    if edits:
        lines += [""] + edit_table(edits)
    if os.path.exists(FINDINGS):
        with open(FINDINGS, encoding="utf-8") as handle:
            lines += ["", handle.read().rstrip()]
    text = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)
    return text, any(row[3] == "OVER" for row in rows)
