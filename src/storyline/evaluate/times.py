"""Scoring temporal expressions against TimeML (TimeBank, AQUAINT): TempEval-3 definitions.

Each ``.tml`` file has its text inline-annotated with ``<TIMEX3 type value [mod]>`` tags. The
document creation time (``functionInDocument="CREATION_TIME"``) is the reference date handed to
:func:`storyline.nlp.times.find` and is never scored. Only the ``<TEXT>`` element is scored, with
offsets into its plain text (tags removed, entities unescaped).

Gold and predicted expressions are aligned one to one (an exact span first, else the largest
overlap). Then:

- **strict** precision/recall/F1 count aligned pairs with identical spans;
- **relaxed** precision/recall/F1 count every aligned (overlapping) pair;
- **type / value accuracy** are the share of relaxed pairs with the right type / value;
- **type / value F1** are F1 where a true positive is a relaxed pair with the right type / value.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from storyline.errors import InputError
from storyline.nlp.times import Timex

TAG = re.compile(r"<[^>]*>|[^<]+")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
TEXT_ELEMENT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
CREATION = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
SAMPLES = 40


class Expression(Protocol):
    start: int
    end: int
    text: str
    type: str
    value: str


# One annotated TIMEX3, offsets into the document's plain ``TEXT``: the same shape as what the
# tagger finds, so gold and predictions compare field by field.
GoldTimex = Timex


@dataclass(frozen=True)
class TimeMLDocument:
    """The plain text of a TimeML document's ``TEXT``, its creation time, and its gold TIMEX3s."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


def read_timeml(source: str, name: str = "") -> TimeMLDocument:
    """The scored part of one TimeML document given as a string.

    Raises :class:`InputError` when it has no ``<TEXT>`` element.
    """
    creation = CREATION.search(source)
    dct = dict(ATTRIBUTE.findall(creation.group())).get("value") if creation else None
    body = TEXT_ELEMENT.search(source)
    if body is None:
        raise InputError(name or "<string>", "no <TEXT> element")
    parts: list[str] = []
    offset = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    for piece in TAG.findall(body.group(1)):
        if piece.startswith("<TIMEX3"):
            open_timex = (offset, dict(ATTRIBUTE.findall(piece)))
        elif piece.startswith("</TIMEX3"):
            if open_timex is not None:
                start, attrs = open_timex
                text = "".join(parts)[start:offset]
                if attrs.get("functionInDocument") != "CREATION_TIME":
                    gold.append(GoldTimex(start, offset, text, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
            open_timex = None
        elif not piece.startswith("<"):
            plain = html.unescape(piece)
            parts.append(plain)
            offset += len(plain)
    return TimeMLDocument(name, "".join(parts), dct, tuple(gold))


def documents(data_dir: Path, limit: int | None = None) -> list[TimeMLDocument]:
    """The TimeML documents under ``data_dir`` (recursively; a file name seen twice counts once)."""
    seen: set[str] = set()
    docs = []
    for path in sorted(Path(data_dir).rglob("*.tml")):
        if path.name in seen:
            continue
        seen.add(path.name)
        docs.append(read_timeml(path.read_text(encoding="utf-8", errors="replace"), path.name))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def canonical(value: str) -> str:
    """A value in one spelling: upper case, two-digit weeks ("2000-W7" = "2000-W07")."""
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value.strip().upper())


def align(gold: Sequence[Expression], predicted: Sequence[Expression]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans: exact spans first,
    then the largest overlaps."""
    options = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                exact = g.start == p.start and g.end == p.end
                options.append((not exact, -overlap, i, j))
    options.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, i, j in options:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def score(pairs: Iterable[tuple[Sequence[Expression], Sequence[Expression]]]) -> dict[str, Any]:
    """TempEval-3 figures over (gold, predicted) expression lists, one pair of lists per document."""
    n_gold = n_pred = strict = relaxed = right_type = right_value = 0
    missed: list[tuple[str, str, str, str]] = []
    spurious: list[tuple[str, str, str, str]] = []
    wrong: list[tuple[str, str, str, str]] = []
    for gold, predicted in pairs:
        n_gold += len(gold)
        n_pred += len(predicted)
        aligned = align(gold, predicted)
        for i, j in aligned:
            g, p = gold[i], predicted[j]
            relaxed += 1
            strict += g.start == p.start and g.end == p.end
            right_type += g.type == p.type
            if canonical(g.value) == canonical(p.value):
                right_value += 1
            else:
                wrong.append((g.text, g.value, p.text, p.value))
        matched_gold = {i for i, _ in aligned}
        matched_pred = {j for _, j in aligned}
        missed += [(g.text, g.value, "", "") for i, g in enumerate(gold) if i not in matched_gold]
        spurious += [("", "", p.text, p.value) for j, p in enumerate(predicted) if j not in matched_pred]
    sp, sr, sf = _f1(strict, n_pred, n_gold)
    rp, rr, rf = _f1(relaxed, n_pred, n_gold)
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "strict_matches": strict,
        "relaxed_matches": relaxed,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf,
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": rf,
        "type_accuracy": round(100 * right_type / relaxed, 1) if relaxed else 0.0,
        "value_accuracy": round(100 * right_value / relaxed, 1) if relaxed else 0.0,
        "type_f1": _f1(right_type, n_pred, n_gold)[2],
        "value_f1": _f1(right_value, n_pred, n_gold)[2],
        "errors": {
            "missed": len(missed),
            "spurious": len(spurious),
            "wrong_value": len(wrong),
            "missed_top": Counter(g[0].lower() for g in missed).most_common(20),
            "spurious_top": Counter(p[2].lower() for p in spurious).most_common(20),
            "wrong_value_top": Counter((w[0].lower(), w[1], w[3]) for w in wrong).most_common(20),
            "missed_samples": missed[:SAMPLES],
            "spurious_samples": spurious[:SAMPLES],
            "wrong_value_samples": wrong[:SAMPLES],
        },
    }


def evaluate(data_dir: Path, limit: int | None = None, parse: bool = True, nlp: Any = None) -> dict[str, Any]:
    """TempEval-3 figures on the TimeML files under ``data_dir`` (e.g. ``../shared/data/timeml/tbaq``),
    each document's creation time as reference date.

    With ``parse`` (the default) the headline figures score what users get: the real
    :func:`storyline.nlp.times.times` over a spaCy Doc of the text (``nlp``, else the pinned pipeline),
    where the tense of the governing verb sets the direction of relative dates; the string-level
    :func:`storyline.nlp.times.find` is scored alongside, under ``"find"``. Without ``parse`` only
    ``find`` is scored (no spaCy needed), and the headline figures are its own.
    """
    from storyline.nlp.times import doc_times, find

    docs = documents(data_dir, limit)
    string_level = score((doc.timexes, find(doc.text, doc.dct)) for doc in docs)
    if not parse:
        string_level["method"] = "find"
        string_level["documents"] = len(docs)
        return string_level
    if nlp is None:
        from storyline.nlp.pipeline import load

        nlp = load()
    parsed = nlp.pipe(doc.text for doc in docs)
    result = score((doc.timexes, doc_times(spacy_doc, doc.dct)) for doc, spacy_doc in zip(docs, parsed))
    result["method"] = "times (spaCy parse)"
    result["documents"] = len(docs)
    result["find"] = {k: v for k, v in string_level.items() if k != "errors"} | {
        "errors": {k: v for k, v in string_level["errors"].items() if isinstance(v, int)}
    }
    return result


def speed(data_dir: Path, nlp: Any = None, limit: int | None = None, repeat: int = 3) -> dict[str, Any]:
    """How fast temporal tagging runs on the TimeML texts under ``data_dir``, in one process.

    Times are CPU seconds of this process (so "per core" where spaCy's own threads add up); the
    tagger's are the best of ``repeat`` runs. ``times`` is the article-level extractor over the
    parsed Docs (tense from the parse included), ``find`` the string-level one; the ratio
    ``times_over_spacy`` is the tagger's time as a share of the spaCy pipeline's own.
    """
    import time

    from storyline.nlp.times import doc_times, find

    if nlp is None:
        from storyline.nlp.pipeline import load

        nlp = load()
    docs = documents(data_dir, limit)
    texts = [doc.text for doc in docs]
    start = time.process_time()
    parsed = list(nlp.pipe(texts))
    spacy_seconds = time.process_time() - start
    sentences = sum(1 for d in parsed for _ in d.sents)
    words = sum(len(d) for d in parsed)

    def best(run: Any) -> float:
        runs = []
        for _ in range(repeat):
            start = time.process_time()
            run()
            runs.append(time.process_time() - start)
        return min(runs)

    times_seconds = best(lambda: [doc_times(d, doc.dct) for d, doc in zip(parsed, docs)])
    find_seconds = best(lambda: [find(doc.text, doc.dct) for doc in docs])

    def rate(seconds: float) -> float:
        return round(sentences / seconds, 1) if seconds else float("inf")

    return {
        "documents": len(docs),
        "sentences": sentences,
        "tokens": words,
        "spacy_seconds": round(spacy_seconds, 3),
        "spacy_sentences_per_s": rate(spacy_seconds),
        "times_seconds": round(times_seconds, 3),
        "times_sentences_per_s": rate(times_seconds),
        "find_seconds": round(find_seconds, 3),
        "find_sentences_per_s": rate(find_seconds),
        "times_over_spacy": round(times_seconds / spacy_seconds, 4) if spacy_seconds else None,
    }
