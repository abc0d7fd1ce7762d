"""Train the content-boundary model (``src/storyline/lexicons/quote_bounds.json``) on PolNeAR.

Reads only the *train* split. Attribution runs with the boundary models switched off; for every
indirect statement whose cue matches an annotated cue, the candidate ends of its last content
fragment (:func:`storyline.nlp.quote_bounds.candidates`) are labelled by whether the annotated
content ends there, and the candidate starts of its first fragment
(:func:`storyline.nlp.quote_bounds.start_candidates`) by whether the annotated content starts there
(and the annotated cue ends where that start leaves it). Two conditional logits (softmax over one
statement's candidates, L2-penalised, L-BFGS from zero) learn which one to pick; the end model also
learns weight vectors over the pipeline's token vectors at each candidate end
(:func:`storyline.nlp.quote_bounds.dense_slots`, penalised more than the sparse weights), so the
parse cache must keep ``doc.tensor`` (``learn_quote_frames.parsed`` does). Deterministic.
Order: ``learn_quote_frames.py``, ``train_quote_cues.py``, ``train_quote_extent.py`` (the cue's
extent decides where a content may start), then this script, then ``train_quote_nesting.py``.

    .venv/bin/python scripts/train_quote_bounds.py ../shared/data [--docs CACHE.spacy]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.evaluate.quotes import brat_attributions, normalised, pairs
from storyline.model import Article
from storyline.nlp import quote_bounds

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_quote_frames import arguments, parsed  # noqa: E402  (shared with the other scripts)

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicons" / "quote_bounds.json"


Group = tuple[list[list[str]], int]
# One statement's candidates: sparse features, token-vector slots and the annotated one's index.
DenseGroup = tuple[list[list[str]], list[list[tuple[str, object]]], int]
# Dense weights are penalised harder: 96 numbers per slot fit the train split's noise easily (on
# held-out train a penalty of 30 did better than 3; on dev 60 did best, 100 and 200 no better).
DENSE_L2 = 60.0


def _gold_for(gold: list, cue: object) -> object:
    """The annotated attribution whose cue holds the cue word, if it has content."""
    return next((a for a in gold if a.content and any(s <= cue.idx < e for s, e in a.cue)), None)  # type: ignore[attr-defined]


def _end_group(doc, gold: list, call: tuple) -> DenseGroup | None:  # type: ignore[no-untyped-def]
    """The candidate ends of one statement's last fragment, labelled by the annotated end."""
    from storyline.nlp import quotes as q

    first, last, cue, limit = call
    match = _gold_for(gold, cue) if cue is not None else None
    if match is None:
        return None
    start = normalised(doc.text, [(doc[first].idx, doc[last].idx + len(doc[last].text))])
    g_last = match.content[-1]
    if not start or not (g_last[0] <= start[0][0] < g_last[1]):
        return None
    cands = quote_bounds.candidates(doc, first, last, limit)
    ends = []
    for j in cands:
        item = normalised(doc.text, [q._span_of(doc.text, doc[first], doc[j])])
        ends.append(item[-1][1] if item else -1)
    if g_last[1] not in ends:
        return None
    feats = [quote_bounds.features(doc, first, last, j, cue, limit) for j in cands]
    if quote_bounds.dense_applies(doc, first, cands):
        dense = [quote_bounds.dense_slots(doc, first, last, j, cue, limit) for j in cands]
    else:  # as at prediction: a trailing ", which …" is chosen by the sparse features alone
        dense = [[] for _ in cands]
    return feats, dense, ends.index(g_last[1])


def _start_group(doc, gold: list, call: tuple) -> Group | None:  # type: ignore[no-untyped-def]
    """The candidate starts of one statement's first fragment, labelled by the annotated start
    and, among equal starts, by where the annotated cue ends."""
    from storyline.nlp import quotes as q

    first, last, cue, cue_last = call
    match = _gold_for(gold, cue)
    if match is None:
        return None
    g_first = match.content[0]
    g_cue_end = match.cue[-1][1]
    cands = quote_bounds.start_candidates(doc, first, last, cue, cue_last)
    best, answer = (False, False), None
    for n, (k, how) in enumerate(cands):
        item = normalised(doc.text, [q._span_of(doc.text, doc[k], doc[last])])
        cue_end = cue_last if how in ("keep", "none") else k - 1
        cue_item = normalised(doc.text, [(cue.idx, doc[cue_end].idx + len(doc[cue_end].text))])
        ok = (bool(item) and item[0][0] == g_first[0], bool(cue_item) and cue_item[-1][1] == g_cue_end)
        if ok[0] and ok > best:
            best, answer = ok, n
    if answer is None:
        return None
    return [quote_bounds.start_features(doc, first, last, k, how, cue) for k, how in cands], answer


def groups(articles: list) -> tuple[list[DenseGroup], list[Group]]:
    """(end groups, start groups): the features of each candidate and the index of the annotated
    one, per matched statement, with both models switched off."""
    from storyline.nlp import quotes as q

    ends: list[tuple] = []
    starts: list[tuple] = []
    original = quote_bounds.best_end, quote_bounds.best_start

    def record_end(doc, first, last, cue, limit):  # type: ignore[no-untyped-def]
        ends.append((first, last, cue, limit))
        return last

    def record_start(doc, first, last, cue, cue_last):  # type: ignore[no-untyped-def]
        starts.append((first, last, cue, cue_last))
        return first, "keep"

    quote_bounds.best_end, quote_bounds.best_start = record_end, record_start  # type: ignore[assignment]
    out_end: list[DenseGroup] = []
    out_start: list[Group] = []
    try:
        for n, (doc, ann) in enumerate(articles):
            ends.clear()
            starts.clear()
            q.quotes(doc, Article(id=f"train-{n}", text=doc.text))
            gold = brat_attributions(ann, doc.text)
            out_end += [g for g in (_end_group(doc, gold, c) for c in ends) if g is not None]
            out_start += [g for g in (_start_group(doc, gold, c) for c in starts) if g is not None]
    finally:
        quote_bounds.best_end, quote_bounds.best_start = original  # type: ignore[assignment]
    return out_end, out_start


def train(
    data: list[DenseGroup],
    l2: float = 3.0,
    l2_dense: float = DENSE_L2,
    iterations: int = 1000,
    fixed: dict[str, float] | None = None,
) -> tuple[dict[str, float], dict[str, list[float]]]:
    """(sparse weights, weight vectors per token-vector slot) of a conditional logit over one
    statement's candidates (L-BFGS from zero: deterministic). With ``fixed`` sparse weights, only
    the vectors are fitted, on top of the score those weights give."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix, hstack

    index: dict[str, int] = {}
    slots = {n: i for i, n in enumerate(sorted({n for _, dense, _ in data for d in dense for n, _ in d}))}
    width = next((len(v) for _, dense, _ in data for d in dense for _, v in d), 0)  # type: ignore[arg-type]
    rows, cols, offsets, gold, vectors = [], [], [0], [], []
    r = 0
    for feats, dense, answer in data:
        for fs, ds in zip(feats, dense):
            for f in fs:
                rows.append(r)
                cols.append(index.setdefault(f, len(index)))
            row = np.zeros(width * len(slots), dtype=np.float32)
            for n, v in ds:
                row[slots[n] * width : (slots[n] + 1) * width] = v
            vectors.append(row)
            r += 1
        gold.append(offsets[-1] + answer)
        offsets.append(r)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(index)))
    offset = np.zeros(r)
    if fixed is not None:  # the sparse part is given: its score is a constant of each candidate
        names = sorted(index, key=index.__getitem__)
        offset = x @ np.array([fixed.get(n, 0.0) for n in names])
        x, index = csr_matrix((r, 0)), {}
    if slots:
        x = hstack([x, csr_matrix(np.array(vectors))]).tocsr()
    penalty = np.concatenate([np.full(len(index), l2), np.full(width * len(slots), l2_dense)])
    starts = np.array(offsets[:-1])
    group = np.repeat(np.arange(len(data)), np.diff(offsets))
    target = np.zeros(r)
    target[gold] = 1.0

    def loss(w: "np.ndarray") -> tuple[float, "np.ndarray"]:
        s = x @ w + offset
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        z = np.add.reduceat(e, starts)
        p = e / z[group]
        nll = -(s[gold].sum() - np.log(z).sum())
        return nll + 0.5 * (penalty * w) @ w, x.T @ (p - target) + penalty * w

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": iterations}).x
    sparse = {n: round(float(w[i]), 4) for n, i in sorted(index.items()) if abs(w[i]) >= 1e-3}
    base = len(index)
    dense = {n: [round(float(v), 4) for v in w[base + i * width : base + (i + 1) * width]] for n, i in slots.items()}
    return sparse, dense


def train_sparse(data: list[Group], l2: float = 3.0) -> dict[str, float]:
    """Weights of a conditional logit over sparse features only (the start model)."""
    return train([(feats, [[] for _ in feats], answer) for feats, answer in data], l2, iterations=500)[0]


def main() -> None:
    args = arguments(__doc__, OUT)
    end_data, start_data = groups(parsed(args.data, args.docs))
    model: dict = {
        "_doc": "Learned by scripts/train_quote_bounds.py from PolNeAR train: conditional-logit weights of the "
        "features of a content's candidate ends and starts, and weight vectors over the token vectors at "
        "a candidate end (storyline.nlp.quote_bounds).",
        "statements": len(end_data),
    }
    # Two stages: the sparse weights as they are without vectors, then the vectors on top, so that
    # where the vectors stay out (dense_applies) the choice is the sparse model's own.
    model["weights"] = train_sparse([(feats, answer) for feats, _, answer in end_data])
    model["dense"] = train(end_data, fixed=model["weights"])[1]
    model["start_statements"] = len(start_data)
    model["start_weights"] = train_sparse(start_data)
    args.output.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(
        f"{len(end_data)} ends, {len(model['weights'])} weights, {len(model['dense'])} vectors; {len(start_data)} starts, "
        f"{len(model['start_weights'])} weights → {args.output}"
    )


if __name__ == "__main__":
    main()
