"""Train the nesting model (``src/storyline/lexicons/quote_nesting.json``) on PolNeAR's *train* split.

Attribution is run over every train article with its other learned tables in place; each pair of
candidate statements where one's cue lies inside the other's content is an example, labelled by
whether both cues touch an annotated cue (PolNeAR annotated both) or not. L2-penalised logistic
regression, L-BFGS from zero: deterministic. Order: ``learn_quote_frames.py``,
``train_quote_cues.py``, ``train_quote_extent.py``, ``train_quote_bounds.py``, then this script.

    .venv/bin/python scripts/train_quote_nesting.py ../shared/data [--docs CACHE.spacy]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storyline.evaluate.quotes import brat_attributions, normalised
from storyline.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from learn_quote_frames import arguments, parsed  # noqa: E402
from train_quote_extent import train  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicons" / "quote_nesting.json"


def examples(articles: list) -> list[tuple[list[str], int]]:
    """(features, label) for every pair of candidate statements, one inside the other's content."""
    from storyline.nlp import quote_nesting
    from storyline.nlp import quotes as q

    pairs: list[tuple] = []
    original = q._outermost

    def record(found):  # type: ignore[no-untyped-def]
        pairs.extend(
            (f, g)
            for f in found
            for g in found
            if f is not g and "rules-according" not in (f.method, g.method) and q._inside(f.cue[0], g.content)
        )
        return original(found)

    q._outermost = record  # type: ignore[assignment]
    out = []
    try:
        for n, (doc, ann) in enumerate(articles):
            pairs.clear()
            q.quotes(doc, Article(id=f"train-{n}", text=doc.text))
            cues = [a.cue for a in brat_attributions(ann, doc.text) if a.cue]

            def annotated(f) -> bool:  # type: ignore[no-untyped-def]
                item = normalised(doc.text, [f.cue])
                return any(s1 < e2 and s2 < e1 for s1, e1 in item for c in cues for s2, e2 in c)

            for inner, outer in pairs:
                within = all(any(o[0] <= c[0] and c[1] <= o[1] for o in outer.content) for c in inner.content)
                feats = quote_nesting.features(q._cue_of(inner), q._cue_of(outer), within)
                out.append((feats, int(annotated(inner) and annotated(outer))))
    finally:
        q._outermost = original  # type: ignore[assignment]
    return out


def main() -> None:
    args = arguments(__doc__, OUT)
    data = examples(parsed(args.data, args.docs))
    weights = train(data, l2=3.0)
    model = {
        "_doc": "Learned by scripts/train_quote_nesting.py from PolNeAR train: logistic-regression weights for "
        "whether a statement whose cue lies in another's content is annotated as well (storyline.nlp.quote_nesting).",
        # Keeping a statement pays when it is right more often than about half the F1: a little
        # under an even chance.
        "threshold": THRESHOLD,
        "examples": len(data),
        "positives": sum(label for _, label in data),
        "weights": weights,
    }
    args.output.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"{len(data)} examples, {len(weights)} weights → {args.output}")


THRESHOLD = 0.45

if __name__ == "__main__":
    main()
