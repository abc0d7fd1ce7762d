"""Learn the attribution-frame tables (``src/storyline/lexicons/quote_frames.json``) from PolNeAR.

Reads only the *train* split: for every word that could head a cue it counts how often it did head
an annotated cue (by lemma, part of speech and frame), and for every dependent of an annotated cue
head the role its subtree played (source, cue, content or none). Deterministic: the same data and
pipeline give the same file.

    .venv/bin/python scripts/learn_quote_frames.py ../shared/data [--docs CACHE.spacy]

``--docs`` keeps the parsed train split in a spaCy DocBin, so that a second run skips parsing.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from storyline.evaluate.quotes import brat_attributions, pairs
from storyline.nlp import quote_frames
from storyline.nlp.pipeline import load
from storyline.nlp.quote_marks import quoted

OUT = Path(__file__).resolve().parents[1] / "src" / "storyline" / "lexicons" / "quote_frames.json"


def parsed(data: Path, cache: Path | None) -> list:
    """(doc, annotation text) for every train article, parsed once (or read from ``cache``).

    A DocBin does not keep ``doc.tensor`` (the pipeline's token vectors, which some models read),
    so the cache keeps them beside it in ``<cache>.tensors.npz``; a cache without that file is
    parsed again."""
    import numpy
    from spacy.tokens import DocBin

    nlp = load()
    files = pairs(data, "train")
    tensors = cache.with_suffix(".tensors.npz") if cache is not None else None
    if cache is not None and cache.exists() and tensors is not None and tensors.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        with numpy.load(tensors) as stored:
            for i, d in enumerate(docs):
                d.tensor = stored[f"d{i}"]
    else:
        docs = list(nlp.pipe((t.read_text(encoding="utf-8") for t, _ in files), batch_size=16))
        if cache is not None and tensors is not None:
            bin_ = DocBin()
            for d in docs:
                bin_.add(d)
            bin_.to_disk(cache)
            numpy.savez(tensors, **{f"d{i}": d.tensor for i, d in enumerate(docs)})
    return [(d, a.read_text(encoding="utf-8")) for d, (_, a) in zip(docs, files)]


def token_roles(doc, attribution) -> dict[int, str]:
    """Token index → role for one gold attribution."""
    roles = {}
    for role in ("source", "cue", "content"):
        for s, e in getattr(attribution, role):
            span = doc.char_span(s, e, alignment_mode="expand")
            for t in span or []:
                roles.setdefault(t.i, role)
    return roles


def cue_head(doc, roles: dict[int, str]):
    cue = [doc[i] for i, r in roles.items() if r == "cue"]
    inside = {t.i for t in cue}
    heads = [t for t in cue if t.head.i not in inside or t.head.i == t.i]
    return min(heads, key=lambda t: t.i) if heads else None


def learn(articles: list) -> dict:
    heads: dict[str, Counter] = defaultdict(Counter)
    children: dict[str, Counter] = defaultdict(Counter)
    for doc, ann in articles:
        gold_heads: dict[int, dict[int, str]] = {}
        # Words inside someone's content or a quotation cannot be annotated as cues (PolNeAR gives
        # each word one role), and storyline does not look for cues there: they are not counted.
        hidden: set[int] = set()
        for a in brat_attributions(ann, doc.text):
            roles = token_roles(doc, a)
            head = cue_head(doc, roles)
            if head is not None:
                gold_heads[head.i] = roles
            hidden.update(i for i, r in roles.items() if r == "content")
        for q in quoted(doc.text):
            span = doc.char_span(*q.inner, alignment_mode="expand")
            hidden.update(t.i for t in span or [])
        for t in doc:
            if t.pos_ not in quote_frames.HEAD_POS or (t.i in hidden and t.i not in gold_heads):
                continue
            hit = t.i in gold_heads
            for key in quote_frames.head_keys(t):
                heads[key]["total"] += 1
                heads[key]["hits"] += hit
            if not hit:
                continue
            roles = gold_heads[t.i]
            for c in t.children:
                votes = Counter(roles.get(x.i, "none") for x in c.subtree)
                role = votes.most_common(1)[0][0]
                for key in quote_frames.child_keys(c, t):
                    children[key][role] += 1
    # Only lemmas that headed a cue at least once are kept: any other word is no cue.
    cue_lemmas = {k for k, c in heads.items() if k.count("|") == 1 and c["hits"]}
    kept = {
        k: [c["hits"], c["total"]]
        for k, c in sorted(heads.items())
        if "|".join(k.split("|")[:2]) in cue_lemmas and c["total"] >= 1
    }
    return {
        "_doc": "Learned by scripts/learn_quote_frames.py from PolNeAR train: heads[lemma|POS(|frame(|subject))] = "
        "[times it headed a cue, times seen]; children[dep|side(|word)] = role counts of a cue head's dependents.",
        "threshold": 0.5,
        "heads": kept,
        "children": {k: dict(sorted(c.items())) for k, c in sorted(children.items()) if sum(c.values()) >= 3},
    }


def fit_logistic(x, y, penalty, start):  # noqa: ANN001, ANN201 - numpy/scipy arrays
    """Weights of an L2-penalised logistic regression of ``y`` on the sparse matrix ``x``
    (``penalty`` per column; ``start`` the first guess), by L-BFGS: deterministic for one input."""
    import numpy as np
    from scipy.optimize import minimize

    def loss(w):  # noqa: ANN001, ANN202
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        nll = np.logaddexp(0, z).sum() - y @ z
        return nll + 0.5 * (penalty * w) @ w, x.T @ (p - y) + penalty * w

    return minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 1000}).x


def arguments(doc: str, out: Path) -> argparse.Namespace:
    """The command line every training script shares: the data folder, a parse cache, the output."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (holding polnear/) or PolNeAR itself")
    parser.add_argument("--docs", type=Path, help="a DocBin file to cache the parsed train split in")
    parser.add_argument("-o", "--output", type=Path, default=out)
    return parser.parse_args()


def main() -> None:
    args = arguments(__doc__, OUT)
    tables = learn(parsed(args.data, args.docs))
    args.output.write_text(json.dumps(tables, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(tables['heads'])} head keys, {len(tables['children'])} child keys → {args.output}")


if __name__ == "__main__":
    main()
