"""`make bench`, the send case: the sample email sent to 1,000 and 10,000 generated
addresses through a local SMTP server, the rate limit off.

    python bench/send.py [--sizes 1000,10000] [--results bench/SEND_RESULTS.md]

Each send is a fresh `python -m candor send` process on a fresh copy of the project
whose sample email is made a draft again; the server is aiosmtpd in its own process,
discarding what it receives (its Sink handler), so the time is the sender's and the
relay's protocol, not a mailbox's disk. Reported per list size:

- messages per second: recipients / the send's own time (from the first connection to
  the report, which Candor prints as "Done in"; the content read before is excluded);
- Candor's own cost per message: the process's CPU time (user + system) beyond that of
  a 1-recipient send, divided by the recipients: what Candor spends per message
  composing, checking the list, hashing and logging, with the server's work excluded;
- peak memory (largest resident set) of the send process: flat in the list size means
  the list is streamed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BUDGET = 200  # messages per second to a local server

SAMPLE = "2025-12-01-apology.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def project_copy(scratch: str) -> str:
    """The project's content with its sample email a draft again, as before it was sent."""
    project = tempfile.mkdtemp(dir=scratch)
    shutil.copytree(os.path.join(REPO, "content"), os.path.join(project, "content"))
    path = os.path.join(project, "content", "emails", SAMPLE)
    with open(path, encoding="utf-8") as source:
        lines = source.read().split("\n")
    kept = [line for line in lines if not line.startswith(("Sent:", "Recipients:"))]
    kept.insert(1, "Status: draft")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(kept))
    # Without the ledger, as before the email went out (the ledger records it once published).
    os.remove(os.path.join(project, "content", "ledger.json"))
    return project


def candor(project: str, env: dict, *args: str) -> tuple[str, object]:
    command = [sys.executable, "-m", "candor", *args, "-s", os.path.join(REPO, "publishconf.py")]
    command += ["-i", os.path.join(project, "content"), "-o", os.path.join(project, "output")]
    process = subprocess.Popen(
        command, env=env, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output}")
    return output, usage


def one_send(scratch: str, env: dict, size: int) -> dict:
    project = project_copy(scratch)
    listed = os.path.join(scratch, f"list-{size}.txt")
    with open(listed, "w") as out:
        out.writelines(f"customer{n}@example.com\n" for n in range(size))
    candor(project, env, "send-test", "apology-duplicate-emails")
    output, usage = candor(
        project, env, "send", "--confirm", str(size), "apology-duplicate-emails", listed
    )
    seconds = float(re.search(r"Sending took ([\d.]+) s", output)[1])
    shutil.rmtree(project)
    return {
        "size": size,
        "send_seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "output": output,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--results", default=os.path.join(HERE, "SEND_RESULTS.md"))
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    env = dict(
        os.environ,
        PYTHONPATH=os.path.join(REPO, "plugins"),
        CANDOR_SMTP_HOST="127.0.0.1",
        CANDOR_SMTP_PORT=str(port),
        CANDOR_SMTP_SECURITY="none",
        CANDOR_TEST_RECIPIENTS="team@tandemrooms.example",
        CANDOR_SEND_RATE="0",
    )
    env.pop("SITEURL", None)
    try:
        time.sleep(0.5)  # the server binds its port
        with tempfile.TemporaryDirectory(
            dir="/dev/shm" if os.path.isdir("/dev/shm") else None
        ) as scratch:
            base = one_send(scratch, env, 1)
            runs = [one_send(scratch, env, size) for size in sizes]
    finally:
        server.terminate()
        server.wait()
    lines = [
        "# make bench: the send case",
        "",
        "The sample email sent to generated lists through aiosmtpd on 127.0.0.1 (rate limit off).",
        f"Budget: at least {BUDGET} messages per second; memory flat in the list size.",
        "",
        "| recipients | send time (s) | messages/s | Candor CPU a message (ms) | peak RSS (MiB) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        rate = run["size"] / run["send_seconds"]
        per_message = (run["cpu"] - base["cpu"]) / run["size"] * 1000
        verdict = "" if rate >= BUDGET else " (over budget)"
        lines.append(
            f"| {run['size']:,} | {run['send_seconds']:.2f} | {rate:,.0f}{verdict} | "
            f"{per_message:.3f} | {run['peak_mib']:.1f} |"
        )
    lines += [
        "",
        f"A 1-recipient send: peak RSS {base['peak_mib']:.1f} MiB, CPU {base['cpu']:.2f} s.",
        "",
        "The terminal of the largest send:",
        "",
        "```",
        runs[-1]["output"].rstrip(),
        "```",
        "",
    ]
    text = "\n".join(lines)
    with open(args.results, "w") as out:
        out.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
