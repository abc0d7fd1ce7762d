"""Train the content-boundary model (``src/storyline/lexicons/quote_bounds.json``) on PolNeAR.

Reads only the *train* split. Attribution runs with the boundary model switched off; for every
indirect statement whose cue matches an annotated cue, the candidate ends of its last content
fragment (:func:`storyline.nlp.quote_bounds.candidates`) are labelled by whether the annotated
content ends there, and a conditional logit (softmax over one statement's candidates, L2-penalised,
full-batch gradient descent from zero) learns which one to pick. Deterministic.

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


def groups(articles: list) -> list[tuple[list[list[str]], int]]:
    """(features of each candidate end, index of the annotated one) per matched statement."""
    from storyline.nlp import quotes as q

    calls: list[tuple] = []
    original = quote_bounds.best_end

    def record(doc, first, last, cue, limit):  # type: ignore[no-untyped-def]
        calls.append((first, last, cue, limit))
        return last

    quote_bounds.best_end = record  # type: ignore[assignment]
    out = []
    try:
        for n, (doc, ann) in enumerate(articles):
            calls.clear()
            q.quotes(doc, Article(id=f"train-{n}", text=doc.text))
            gold = brat_attributions(ann, doc.text)
            for first, last, cue, limit in calls:
                if cue is None:
                    continue
                match = next((a for a in gold if a.content and any(s <= cue.idx < e for s, e in a.cue)), None)
                if match is None:
                    continue
                start = normalised(doc.text, [(doc[first].idx, doc[last].idx + len(doc[last].text))])
                g_last = match.content[-1]
                if not start or not (g_last[0] <= start[0][0] < g_last[1]):
                    continue
                cands = quote_bounds.candidates(doc, first, last, limit)
                ends = []
                for j in cands:
                    span = q._span_of(doc.text, doc[first], doc[j])
                    item = normalised(doc.text, [span])
                    ends.append(item[-1][1] if item else -1)
                if g_last[1] not in ends:
                    continue
                feats = [quote_bounds.features(doc, first, last, j, cue, limit) for j in cands]
                out.append((feats, ends.index(g_last[1])))
    finally:
        quote_bounds.best_end = original  # type: ignore[assignment]
    return out


def train(data: list[tuple[list[list[str]], int]], l2: float = 3.0) -> dict[str, float]:
    """Weights of a conditional logit over candidate ends (L-BFGS from zero: deterministic)."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    rows, cols, offsets, gold = [], [], [0], []
    r = 0
    for feats, answer in data:
        for fs in feats:
            for f in fs:
                rows.append(r)
                cols.append(index.setdefault(f, len(index)))
            r += 1
        gold.append(offsets[-1] + answer)
        offsets.append(r)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(index)))
    starts = np.array(offsets[:-1])
    group = np.repeat(np.arange(len(data)), np.diff(offsets))
    target = np.zeros(r)
    target[gold] = 1.0

    def loss(w: "np.ndarray") -> tuple[float, "np.ndarray"]:
        s = x @ w
        s = s - np.maximum.reduceat(s, starts)[group]
        e = np.exp(s)
        z = np.add.reduceat(e, starts)
        p = e / z[group]
        nll = -(s[gold].sum() - np.log(z).sum())
        return nll + 0.5 * l2 * w @ w, x.T @ (p - target) + l2 * w

    w = minimize(loss, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return {n: round(float(w[i]), 4) for n, i in sorted(index.items()) if abs(w[i]) >= 1e-3}


def main() -> None:
    args = arguments(__doc__, OUT)
    data = groups(parsed(args.data, args.docs))
    weights = train(data)
    model = {
        "_doc": "Learned by scripts/train_quote_bounds.py from PolNeAR train: conditional-logit weights of the "
        "features of a content's candidate ends (storyline.nlp.quote_bounds).",
        "statements": len(data),
        "weights": weights,
    }
    args.output.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data)} statements, {len(weights)} weights → {args.output}")


if __name__ == "__main__":
    main()
