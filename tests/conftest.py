"""Shared fixtures. Tests marked ``model`` load the pinned spaCy pipeline once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp.pipeline import load

    return load()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``, or skip with a clear message where it is absent (a user's machine)."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"{data} is absent: evaluation data is only on the developers' machines")
    return data


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory, nlp) -> Path:
    """A database with the bundled examples ingested once per test session."""
    from storyline.jobs import ingest
    from storyline.store import Store

    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store(db) as store:
        report = ingest([EXAMPLES], store, nlp=nlp)
    assert report.stored and not report.skipped, report.summary()
    return db
