"""The progress line: drawn on a terminal, plain lines otherwise, quiet unless asked."""

from __future__ import annotations

import io

from storyline.progress import Progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_counts_rate_and_eta_on_a_terminal():
    out = Tty()
    bar = Progress("analysing", total=4, stream=out, every=0)
    for _ in range(4):
        bar.advance()
    bar.close()
    text = out.getvalue()
    assert "\r" in text and "4/4" in text and "/s" in text and "eta" in text and text.endswith("\n")


def test_progress_is_quiet_when_not_a_terminal_unless_forced():
    out = io.StringIO()
    bar = Progress("analysing", total=2, stream=out)
    bar.advance()
    bar.close()
    assert out.getvalue() == ""
    forced = io.StringIO()
    bar = Progress("analysing", stream=forced, enabled=True)
    bar.advance(3)
    bar.close()
    assert "analysing 3" in forced.getvalue() and "\r" not in forced.getvalue()


def test_update_sets_position_and_a_late_total():
    out = Tty()
    bar = Progress("analysing", stream=out, every=0)
    bar.update(3, 10)
    assert bar.count == 3 and bar.total == 10 and "3/10" in out.getvalue()
