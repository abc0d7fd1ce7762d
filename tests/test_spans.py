"""The span property: for every record of every type, ``text[start:end]`` is what the record says
it covers, on the bundled examples and (where present) the seeds and a sample of PolNeAR."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.analyze import analyze
from storyline.ingest import read
from storyline.model import Analysis, Article

from .conftest import EXAMPLES, SHARED

pytestmark = pytest.mark.model


def check_spans(a: Analysis) -> None:
    text = a.article.text
    n = len(text)

    def ok(span, what):
        assert span is not None and 0 <= span[0] < span[1] <= n, f"{what}: bad span {span} in {a.article.source}"
        return text[span[0]:span[1]]

    for m in a.mentions:
        assert ok(m.span, "mention") == m.text
    for t in a.times:
        assert ok(t.span, "time") == t.text
    for e in a.events:
        assert ok(e.span, "event") == e.text
        if e.trigger:
            trig = ok(e.trigger, "event trigger")
            assert e.span[0] <= e.trigger[0] and e.trigger[1] <= e.span[1], trig
        if e.time_span:
            ok(e.time_span, "event time")
    for r in a.roles:
        assert ok(r.span, "role") == r.title
    for q in a.quotes:
        assert q.content, "quote without content"
        for s in q.content:
            assert ok(s, "quote content").strip() == text[s[0]:s[1]] , "content span not trimmed"
        if q.speaker:
            assert ok(q.speaker, "speaker") == q.speaker_text
        if q.cue:
            assert ok(q.cue, "cue") == q.cue_text
    if a.article.date_span:
        ok(a.article.date_span, "dateline")


def _articles(paths: list[Path]) -> list[Article]:
    return [x for x in read(paths) if isinstance(x, Article)]


def test_spans_on_examples(nlp):
    arts = _articles([EXAMPLES])
    assert len(arts) == 12
    for a in analyze(arts, nlp):
        check_spans(a)


def test_spans_on_seeds(nlp):
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent")
    arts = _articles([seeds])
    assert len(arts) == 2
    for a in analyze(arts, nlp):
        check_spans(a)
        assert a.quotes and a.times and a.mentions


def test_spans_on_polnear_sample(nlp, shared_data):
    files = sorted((shared_data / "polnear" / "dev").rglob("*.txt"))[:15]
    if not files:
        pytest.skip("no PolNeAR dev texts")
    arts = [Article(id=f.stem, text=f.read_text(encoding="utf-8"), published="2016-06-01") for f in files]
    for a in analyze(arts, nlp):
        check_spans(a)
