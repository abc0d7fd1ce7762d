"""Scoring quote attribution against PolNeAR (BRAT standoff: Source, Cue and Content spans).

For each role (source, cue, content) the gold items are the annotated spans (a discontinuous span is
one item made of several fragments) and the predicted items are each quote's speaker, cue and
content spans. Both sides are normalised by trimming whitespace, punctuation and quote marks from
both ends of every fragment. Two measures:

- **exact**: an item matches when a same-role item on the other side has identical fragments;
- **overlap**: an item matches when it shares characters with a same-role item on the other side.

Precision counts matched predictions, recall matched gold items.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.errors import InputError
from storyline.model import Article, Quote, Span

ROLES = ("source", "cue", "content")
_BRAT_ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}
_TRIM = string.whitespace + string.punctuation + "“”‘’«»—–…\u00a0"

Item = tuple[Span, ...]


def normalised(text: str, spans: Iterable[Span]) -> Item:
    """The fragments of an item narrowed past whitespace, punctuation and quote marks; empty
    fragments dropped."""
    out = []
    for start, end in spans:
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(sorted(out))


def brat_items(ann: str, text: str) -> dict[str, list[Item]]:
    """Gold items per role from the contents of a BRAT ``.ann`` file, normalised against ``text``."""
    items: dict[str, list[Item]] = {r: [] for r in ROLES}
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        try:
            _, middle, _ = line.split("\t", 2)
        except ValueError:
            continue
        kind, _, offsets = middle.partition(" ")
        role = _BRAT_ROLES.get(kind)
        if role is None:
            continue
        spans = []
        for part in offsets.split(";"):
            start, end = part.split()
            spans.append((int(start), int(end)))
        item = normalised(text, spans)
        if item:
            items[role].append(item)
    return items


def quote_items(found: Sequence[Quote], text: str) -> dict[str, list[Item]]:
    """Predicted items per role (each distinct span once: carried quotes share a cue)."""
    seen: dict[str, set[Item]] = {r: set() for r in ROLES}
    for q in found:
        for role, spans in (("source", [q.speaker] if q.speaker else []), ("cue", [q.cue] if q.cue else []), ("content", list(q.content))):
            item = normalised(text, spans)
            if item:
                seen[role].add(item)
    return {r: sorted(v) for r, v in seen.items()}


def _overlaps(a: Item, b: Item) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def counts(gold: Sequence[Item], pred: Sequence[Item]) -> dict[str, dict[str, int]]:
    """Matched and total counts for one role of one article, under both measures."""
    exact = sum((Counter(gold) & Counter(pred)).values())
    return {
        "exact": {"pred_tp": exact, "gold_tp": exact, "pred": len(pred), "gold": len(gold)},
        "overlap": {
            "pred_tp": sum(any(_overlaps(p, g) for g in gold) for p in pred),
            "gold_tp": sum(any(_overlaps(g, p) for p in pred) for g in gold),
            "pred": len(pred),
            "gold": len(gold),
        },
    }


def scores(c: dict[str, int]) -> dict[str, float | int]:
    """Precision, recall and F1 (percent, one decimal) with the counts they come from."""
    p = c["pred_tp"] / c["pred"] if c["pred"] else 0.0
    r = c["gold_tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {**c, "precision": round(100 * p, 1), "recall": round(100 * r, 1), "f1": round(100 * f, 1)}


def pairs(data_dir: Path, split: str = "dev") -> list[tuple[Path, Path]]:
    """(text, annotation) file pairs of a PolNeAR split; where several annotators did an article,
    the first annotation in name order is used."""
    root = data_dir / "polnear" if (data_dir / "polnear").is_dir() else data_dir
    texts = root / split / "text"
    anns = root / split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(str(root / split), "no PolNeAR text/ and attributions/ folders here")
    out = []
    for txt in sorted(texts.glob("*.txt")):
        candidates = sorted(anns.glob(f"{txt.stem}_*.ann"))
        if candidates:
            out.append((txt, candidates[0]))
    return out


def evaluate(data_dir: Path, split: str = "dev", limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    """Precision, recall and F1 of :func:`storyline.nlp.quotes.quotes` on a PolNeAR split, per role
    (source, cue, content), under exact and overlap matching, with counts.

    ``data_dir`` is the shared data folder (holding ``polnear/``) or the PolNeAR folder itself.
    """
    # Score what users get: the whole per-article analysis, whose mentions and times feed quotes.
    from storyline.analyze import analyze_doc
    from storyline.nlp.pipeline import load

    nlp = nlp or load()
    files = pairs(Path(data_dir), split)[:limit]
    totals = {m: {r: Counter() for r in ROLES} for m in ("exact", "overlap")}
    for txt, ann in files:
        text = txt.read_text(encoding="utf-8")
        gold = brat_items(ann.read_text(encoding="utf-8"), text)
        article = Article(id=txt.stem, text=text)
        pred = quote_items(analyze_doc(nlp(text), article).quotes, text)
        for role in ROLES:
            for measure, c in counts(gold[role], pred[role]).items():
                totals[measure][role].update(c)
    return {
        "split": split,
        "files": len(files),
        **{m: {r: scores(dict(totals[m][r])) for r in ROLES} for m in totals},
    }
