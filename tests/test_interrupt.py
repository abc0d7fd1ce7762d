"""An interrupted ingest (SIGKILL, Ctrl-C) leaves a consistent database; a re-run finishes the job."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

TOWNS = ["Harbourton", "Saltmarsh", "Keelby", "Ormsby", "Wrexley", "Dunmore", "Ashcombe", "Fenwick"]


def _write_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        body = " ".join(
            f'Council leader Mara Quill{i} said on Monday that the {town} ferry would run again by May. '
            f'"We are nearly there," she told reporters. The service stopped on January {1 + i % 27}, 2025.'
            for _ in range(12)
        )
        (folder / f"{i:03d}.txt").write_text(f"Ferry news {i}\n\n{town.upper()}, March 3. /Coastal Wire/. {body}\n", encoding="utf-8")


def _counts(db: Path) -> tuple[int, int, str]:
    con = sqlite3.connect(db)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)"
        ).fetchone()[0]
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        return articles, orphans, check
    finally:
        con.close()


def _start(db: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "--db", str(db), "ingest", "-q", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for_some(db: Path, proc: subprocess.Popen, at_least: int = 2) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                if _counts(db)[0] >= at_least:
                    return
            except sqlite3.Error:
                pass  # the schema is still being created
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_is_consistent_and_resumable(tmp_path, sig):
    folder = tmp_path / "in"
    _write_articles(folder, 40)
    db = tmp_path / "s.db"
    proc = _start(db, folder)
    _wait_for_some(db, proc)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err
    stored, orphans, check = _counts(db)
    assert check == "ok" and 0 < stored < 40
    assert orphans == 0, "an article was stored without its records"
    proc = _start(db, folder)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert f"{40 - stored} stored, {stored} duplicate, 0 skipped" in out
    assert _counts(db) == (40, 0, "ok")
