"""Train the cue model (``src/storyline/lexicons/quote_cues.json``) on PolNeAR's *train* split.

Every word the learned frames know as a possible cue head (``lexicons/quote_frames.json``, made by
``scripts/learn_quote_frames.py`` from the same split: run that first) is an example, labelled by
whether it heads an annotated cue; words inside annotated content or a quotation that head no cue
are left out, as the frames learner does. The frames' prior enters held out (the word's own count
removed) so that the model does not learn to trust it more than it deserves. L2-penalised logistic
regression, L-BFGS from zero: deterministic.

    .venv/bin/python scripts/train_quote_cues.py ../shared/data [--docs CACHE.spacy]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.evaluate.quotes import brat_attributions
from storyline.nlp import quote_cues, quote_frames
from storyline.nlp.quote_marks import quoted

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_quote_frames import arguments, cue_head, fit_logistic, parsed, token_roles  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicons" / "quote_cues.json"


def examples(articles: list) -> list[tuple[float, list[str], int]]:
    """(held-out prior, features, label) for every candidate cue head of the train split."""
    out = []
    for doc, ann in articles:
        gold_heads: set[int] = set()
        hidden: set[int] = set()
        for a in brat_attributions(ann, doc.text):
            roles = token_roles(doc, a)
            head = cue_head(doc, roles)
            if head is not None:
                gold_heads.add(head.i)
            hidden.update(i for i, r in roles.items() if r == "content")
        for q in quoted(doc.text):
            span = doc.char_span(*q.inner, alignment_mode="expand")
            hidden.update(t.i for t in span or [])
        for t in doc:
            if not quote_frames.known(t) or (t.i in hidden and t.i not in gold_heads):
                continue
            hit = t.i in gold_heads
            prior = quote_frames.cue_probability(t, held_out=hit)
            out.append((prior, quote_cues.features(t), int(hit)))
    return out


def train(data: list[tuple[float, list[str], int]], l2: float = 3.0) -> dict[str, float]:
    """Logistic-regression weights: ``_prior`` for the prior's log-odds, ``_bias``, and one per
    feature seen at least twice."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    seen: dict[str, int] = {}
    for _, feats, _ in data:
        for f in feats:
            seen[f] = seen.get(f, 0) + 1
    index = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= 2))}
    rows, cols = [], []
    for r, (_, feats, _) in enumerate(data):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    sparse = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(index)))
    dense = csr_matrix(np.array([[quote_cues._logit(p), 1.0] for p, _, _ in data]))
    x = hstack([dense, sparse]).tocsr()
    y = np.array([label for _, _, label in data], dtype=float)
    penalty = np.ones(x.shape[1]) * l2
    penalty[:2] = 0.0  # the prior and the bias are not pulled to zero

    start = np.zeros(x.shape[1])
    start[0] = 1.0
    w = fit_logistic(x, y, penalty, start)
    out = {"_prior": round(float(w[0]), 4), "_bias": round(float(w[1]), 4)}
    out.update({f: round(float(w[i + 2]), 4) for f, i in index.items() if abs(w[i + 2]) >= 1e-3})
    return out


def main() -> None:
    args = arguments(__doc__, OUT)
    data = examples(parsed(args.data, args.docs))
    weights = train(data)
    model = {
        "_doc": "Learned by scripts/train_quote_cues.py from PolNeAR train: logistic-regression weights over the "
        "context of a possible cue head (storyline.nlp.quote_cues); _prior multiplies the learned frames' log-odds.",
        # The model only vetoes the prior (storyline.nlp.quote_cues.probability), so the best F1 on
        # dev came with a threshold a little under an even chance.
        "threshold": 0.45,
        "examples": len(data),
        "weights": weights,
    }
    args.output.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data)} examples, {len(weights)} weights → {args.output}")


if __name__ == "__main__":
    main()
