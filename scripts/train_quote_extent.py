"""Train the cue-extent model (``src/storyline/lexicons/quote_extent.json``) on PolNeAR's *train* split.

Every dependent of an annotated cue's head word that the learned frames do not call source or
content is an example, labelled by whether most of its words are annotated as cue ("said
*Monday*", "said *in an interview*", "*then* noted"). L2-penalised logistic regression, L-BFGS from
zero: deterministic. Order: ``learn_quote_frames.py`` (the frames' roles are a feature),
``train_quote_cues.py``, this script, ``train_quote_bounds.py``, ``train_quote_nesting.py``.

    .venv/bin/python scripts/train_quote_extent.py ../shared/data [--docs CACHE.spacy]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.evaluate.quotes import brat_attributions
from storyline.nlp import quote_extent, quote_frames

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_quote_frames import arguments, cue_head, fit_logistic, parsed, token_roles  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicons" / "quote_extent.json"


def examples(articles: list) -> list[tuple[list[str], int]]:
    """(features, label) for every non-argument dependent of an annotated cue head."""
    out = []
    for doc, ann in articles:
        for a in brat_attributions(ann, doc.text):
            roles = token_roles(doc, a)
            head = cue_head(doc, roles)
            if head is None:
                continue
            for child in head.children:
                role = quote_frames.child_role(child, head)
                if role in ("source", "content"):
                    continue
                words = [t for t in child.subtree if not (t.is_punct or t.is_space)]
                if not words:
                    continue
                in_cue = sum(roles.get(t.i) == "cue" for t in words)
                out.append((quote_extent.features(child, head, role), int(2 * in_cue > len(words))))
    return out


def train(data: list[tuple[list[str], int]], l2: float = 2.0) -> dict[str, float]:
    """Logistic-regression weights: ``_bias`` and one per feature seen at least twice."""
    import numpy as np
    from scipy.sparse import csr_matrix

    seen: dict[str, int] = {}
    for feats, _ in data:
        for f in feats:
            seen[f] = seen.get(f, 0) + 1
    index = {f: i + 1 for i, f in enumerate(sorted(f for f, n in seen.items() if n >= 2))}
    rows, cols = [], []
    for r, (feats, _) in enumerate(data):
        rows.append(r)
        cols.append(0)  # the bias
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(data), len(index) + 1))
    y = np.array([label for _, label in data], dtype=float)
    penalty = np.ones(x.shape[1]) * l2
    penalty[0] = 0.0

    w = fit_logistic(x, y, penalty, np.zeros(x.shape[1]))
    out = {"_bias": round(float(w[0]), 4)}
    out.update({f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3})
    return out


def main() -> None:
    args = arguments(__doc__, OUT)
    data = examples(parsed(args.data, args.docs))
    weights = train(data)
    model = {
        "_doc": "Learned by scripts/train_quote_extent.py from PolNeAR train: logistic-regression weights for "
        "whether a dependent of a cue word joins the cue span (storyline.nlp.quote_extent).",
        "examples": len(data),
        "positives": sum(label for _, label in data),
        "weights": weights,
    }
    args.output.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data)} examples, {len(weights)} weights → {args.output}")


if __name__ == "__main__":
    main()
