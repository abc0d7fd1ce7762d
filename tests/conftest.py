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


# Two tiny hand-made articles (no spaCy model): an inspector speaks about a plant manager, who
# answers in the other outlet's article; then a log that names him more than twenty times.
QUOTED = (
    'Inspector Lena Varga said that Oskar Brandt had ignored the alarms. "Brandt knew for weeks," '
    'Varga told reporters. Brandt said he had done nothing wrong. Varga urged Brandt to step aside. '
    '"Brandt must go," the crowd chanted.'
)
ANSWER = "Oskar Brandt said Lena Varga had never visited the plant."
LOG = " ".join(f"Day {i}: Brandt stayed home." for i in range(1, 23))


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part))


@pytest.fixture(scope="session")
def quoted_db(tmp_path_factory) -> Path:
    """A store written record by record: who is quoted about whom is known exactly."""
    from storyline.model import Analysis, Article, Entity, Mention, Quote
    from storyline.store import Store

    def mention(aid: str, text: str, part: str, entity: str, nth: int = 0) -> Mention:
        return Mention(aid, _at(text, part, nth), part, "PERSON", entity)

    t, a = QUOTED, ANSWER
    first = Analysis(
        article=Article(id="q1", text=t, title="Inspector blames manager", outlet="Harbour Post", published="2025-04-02"),
        mentions=(
            mention("q1", t, "Lena Varga", "Lena Varga"),
            mention("q1", t, "Oskar Brandt", "Oskar Brandt"),
            mention("q1", t, "Brandt", "Oskar Brandt", 1),
            mention("q1", t, "Varga", "Lena Varga", 1),
            mention("q1", t, "Brandt", "Oskar Brandt", 2),
            Mention("q1", (t.index("he had"), t.index("he had") + 2), "he", "PERSON", "Oskar Brandt", kind="pronoun"),
            mention("q1", t, "Varga", "Lena Varga", 2),
            mention("q1", t, "Brandt", "Oskar Brandt", 3),
            mention("q1", t, "Brandt", "Oskar Brandt", 4),
        ),
        quotes=(
            # the inspector about the manager: reported, then direct
            Quote("q1", (_at(t, "Oskar Brandt had ignored the alarms"),), "indirect", speaker=_at(t, "Lena Varga"),
                  speaker_text="Lena Varga", speaker_entity="Lena Varga", cue=_at(t, "said"), cue_text="said",
                  cue_class="assert", date="2025-04-01", date_source="sentence"),
            Quote("q1", (_at(t, "Brandt knew for weeks,"),), "direct", speaker=_at(t, "Varga", 1),
                  speaker_text="Varga", speaker_entity="Lena Varga", cue=_at(t, "told"), cue_text="told",
                  cue_class="assert", date="2025-04-02", date_source="article"),
            # the manager about himself: his own statement, not one about him
            Quote("q1", (_at(t, "he had done nothing wrong"),), "indirect", speaker=_at(t, "Brandt", 2),
                  speaker_text="Brandt", speaker_entity="Oskar Brandt", cue=_at(t, "said", 1), cue_text="said",
                  cue_class="deny", date="2025-04-02", date_source="article"),
            # an attribution that is no statement (no reporting cue): not shown
            Quote("q1", (_at(t, "Brandt to step aside"),), "indirect", speaker=_at(t, "Varga", 2),
                  speaker_text="Varga", speaker_entity="Lena Varga", cue=_at(t, "urged"), cue_text="urged"),
            # nobody resolved says it
            Quote("q1", (_at(t, "Brandt must go,"),), "direct", speaker_text="the crowd", cue=_at(t, "chanted"),
                  cue_text="chanted", date="2025-04-02", date_source="article"),
        ),
    )
    second = Analysis(
        article=Article(id="q2", text=a, title="Manager hits back", outlet="Tidewater Times", published="2025-04-03"),
        mentions=(mention("q2", a, "Oskar Brandt", "Oskar Brandt"), mention("q2", a, "Lena Varga", "Lena Varga")),
        quotes=(
            Quote("q2", (_at(a, "Lena Varga had never visited the plant"),), "indirect", speaker=_at(a, "Oskar Brandt"),
                  speaker_text="Oskar Brandt", speaker_entity="Oskar Brandt", cue=_at(a, "said"), cue_text="said",
                  cue_class="assert", date="2025-04-03", date_source="article"),
        ),
    )
    log = Analysis(
        article=Article(id="q3", text=LOG, title="Plant log", outlet="Harbour Post", published="2025-04-30"),
        mentions=tuple(mention("q3", LOG, "Brandt", "Oskar Brandt", i) for i in range(22)),
    )
    links = {
        ("q1", "Lena Varga"): "e-varga", ("q2", "Lena Varga"): "e-varga",
        ("q1", "Oskar Brandt"): "e-brandt", ("q2", "Oskar Brandt"): "e-brandt", ("q3", "Oskar Brandt"): "e-brandt",
    }
    db = tmp_path_factory.mktemp("quoted") / "quoted.db"
    with Store(db) as store:
        for analysis in (first, second, log):
            store.save(analysis)
        store.replace_entities(
            [
                Entity("e-varga", "Lena Varga", "PERSON", ("Varga",), mention_count=4, article_ids=("q1", "q2")),
                Entity("e-brandt", "Oskar Brandt", "PERSON", ("Brandt",), mention_count=29,
                       article_ids=("q1", "q2", "q3")),
            ],
            links,
        )
    return db
