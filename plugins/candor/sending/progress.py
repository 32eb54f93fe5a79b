"""The progress bar of a send: how many of how many, and the rate, on one line."""

from __future__ import annotations

import sys
import time

WIDTH = 30


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()  # a log file gets a line every tenth, not a redraw
        self.count = 0
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.tenth = 0

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.live and (now - self.shown_at >= 0.2 or self.count == self.total):
            self.shown_at = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()
        elif not self.live and self.count * 10 // self.total > self.tenth:
            self.tenth = self.count * 10 // self.total
            self.stream.write(self.line(now) + "\n")

    def line(self, now: float) -> str:
        done = min(self.count * WIDTH // self.total, WIDTH)
        rate = self.count / max(now - self.started, 1e-9)
        bar = "#" * done + "-" * (WIDTH - done)
        return f"  [{bar}] {self.count:,} of {self.total:,}  {rate:,.0f} messages/s"

    def done(self) -> None:
        if self.live and self.count:
            self.stream.write("\n")
        self.stream.flush()
