"""Coreference scores from their definitions: MUC, B³, CEAF-e and the CoNLL average.

A clustering is a collection of clusters, each a set of mention ids (any hashable). The key (gold)
and the response (system) need not cover the same mentions: a mention found by only one side is
scored as in the reference CoNLL scorer (Pradhan et al., 2014), without adding or removing
mentions on either side.

- **MUC** (Vilain et al., 1995) counts links: recall is ``Σ(|k| − |p(k)|) / Σ(|k| − 1)`` over key
  clusters ``k``, where ``p(k)`` is the partition of ``k`` by the response clusters (a mention the
  response lacks is a part of its own); precision is the same with key and response swapped.
- **B³** (Bagga and Baldwin, 1998) averages over mentions: recall is
  ``Σ_k Σ_r |k ∩ r|² / |k|`` divided by the number of key mentions; precision swaps the roles.
- **CEAF-e** (Luo, 2005) aligns key and response clusters one to one to maximise the sum of
  ``φ(k, r) = 2|k ∩ r| / (|k| + |r|)``; recall divides that sum by the number of key clusters,
  precision by the number of response clusters.
- **CoNLL F1** is the mean of the three F1 scores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Clusters = Sequence[frozenset]


@dataclass(frozen=True)
class Score:
    """Recall, precision and F1 of one metric, as fractions in [0, 1]."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        """Percentages rounded to one decimal, for results files."""
        return {"recall": round(100 * self.recall, 1), "precision": round(100 * self.precision, 1),
                "f1": round(100 * self.f1, 1)}


def clusters(pairs: Iterable[tuple[Hashable, Hashable]]) -> list[frozenset]:
    """Clusters from ``(mention, cluster id)`` pairs."""
    by_id: dict[Hashable, set] = defaultdict(set)
    for mention, cluster in pairs:
        by_id[cluster].add(mention)
    return [frozenset(c) for c in by_id.values()]


def _index(clustering: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clustering) for m in c}


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> Score:
    """MUC link-based recall and precision."""
    return Score(_muc_recall(key, response), _muc_recall(response, key))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    total = sum(len(k) for k in key)
    if not total:
        return 0.0
    got = 0.0
    for k in key:
        overlaps = Counter(where[m] for m in k if m in where)
        got += sum(n * n for n in overlaps.values()) / len(k)
    return got / total


def b_cubed(key: Clusters, response: Clusters) -> Score:
    """B³ mention-based recall and precision."""
    return Score(_b3_recall(key, response), _b3_recall(response, key))


def _components(overlaps: dict[tuple[int, int], int]) -> list[list[tuple[int, int]]]:
    """The overlapping (key, response) pairs grouped by connected component, so that the
    alignment is solved on small blocks (documents of different topics never share a cluster)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in overlaps:
        a, b = root(("k", i)), root(("r", j))
        if a != b:
            parent[b] = a
    blocks: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for i, j in overlaps:
        blocks[root(("k", i))].append((i, j))
    return list(blocks.values())


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """CEAF-e (entity-based CEAF with φ4 similarity), with an optimal one-to-one alignment."""
    if not key or not response:
        return Score(0.0, 0.0)
    import numpy as np  # lazy: only the evaluation needs them
    from scipy.optimize import linear_sum_assignment

    where = _index(response)
    overlaps: dict[tuple[int, int], int] = Counter(
        (i, where[m]) for i, k in enumerate(key) for m in k if m in where
    )
    total = 0.0
    for block in _components(overlaps):
        rows = sorted({i for i, _ in block})
        cols = sorted({j for _, j in block})
        sim = np.zeros((len(rows), len(cols)))
        ri, ci = {r: n for n, r in enumerate(rows)}, {c: n for n, c in enumerate(cols)}
        for i, j in block:
            sim[ri[i], ci[j]] = 2 * overlaps[(i, j)] / (len(key[i]) + len(response[j]))
        a, b = linear_sum_assignment(sim, maximize=True)
        total += float(sim[a, b].sum())
    return Score(total / len(key), total / len(response))


def conll(key: Clusters, response: Clusters) -> dict[str, dict[str, float]]:
    """MUC, B³, CEAF-e (recall, precision, F1 in percent) and their mean F1 as ``conll_f1``."""
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    out: dict = {name: s.as_dict() for name, s in scores.items()}
    out["conll_f1"] = round(100 * sum(s.f1 for s in scores.values()) / 3, 1)
    return out
