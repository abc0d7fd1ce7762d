"""A small progress line on stderr for long jobs: counts, rate, and an ETA when the total is known."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call :meth:`advance` per item; :meth:`close` at the end. Quiet when the stream is not a
    terminal, unless ``force`` (then it prints a line every few seconds instead of redrawing)."""

    def __init__(self, label: str, total: int | None = None, *, stream: TextIO | None = None,
                 enabled: bool | None = None, every: float = 0.2) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = self.tty if enabled is None else enabled
        self.every = every if self.tty else 5.0
        self.count = 0
        self.start = time.monotonic()
        self._last = 0.0

    def advance(self, n: int = 1, note: str = "") -> None:
        self.update(self.count + n, note=note)

    def update(self, count: int, total: int | None = None, note: str = "") -> None:
        """Set the position (and the total, when a job learns it late) and redraw if due."""
        self.count = count
        if total is not None:
            self.total = total
        now = time.monotonic()
        if self.enabled and (now - self._last >= self.every or self.count == self.total):
            self._last = now
            self._draw(note)

    def _draw(self, note: str = "") -> None:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.count / elapsed
        if self.total:
            width = 24
            done = int(width * self.count / self.total)
            bar = "█" * done + "·" * (width - done)
            eta = (self.total - self.count) / rate if rate > 0 else 0
            line = f"{self.label} {bar} {self.count}/{self.total} {rate:.1f}/s eta {eta:.0f}s {note}"
        else:
            line = f"{self.label} {self.count} {rate:.1f}/s {note}"
        if self.tty:
            self.stream.write("\r\x1b[K" + line[:200])
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw()
            if self.tty:
                self.stream.write("\n")
            self.stream.flush()
