"""One build in a fresh process: its wall time, CPU time and peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from dataclasses import asdict, dataclass


@dataclass
class Run:
    wall: float  # seconds, time.perf_counter around start to exit
    cpu: float  # seconds, user + system of the process and everything it waited for
    peak_mib: float  # largest resident set of the process (or a child it waited for)

    def as_dict(self) -> dict:
        return asdict(self)


class BuildFailed(RuntimeError):
    pass


def measure(command: list[str], env: dict | None = None, clean: tuple[str, ...] = ()) -> Run:
    """Run `command` once; `clean` folders are removed first, outside the timing."""
    for folder in clean:
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # wait4 returns this child's own rusage (ru_maxrss in KiB on Linux), where a
    # RUSAGE_CHILDREN delta would only ever grow its peak.
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise BuildFailed(
            f"{' '.join(command)} exited {process.returncode}:\n{stderr.decode(errors='replace')}"
        )
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Summary:
    runs: list[Run]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return statistics.median(r.peak_mib for r in self.runs)

    def as_dict(self) -> dict:
        return {
            "wall": self.wall,
            "cpu": self.cpu,
            "peak_mib": self.peak_mib,
            "runs": [r.as_dict() for r in self.runs],
        }
